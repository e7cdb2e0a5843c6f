// Stands in for the server-only package in command-line scripts (see no-server-only.cjs).
