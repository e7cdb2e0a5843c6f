// Starts Chitter for the browser tests on a fresh embedded database (building first if the code changed).
import { rmSync } from 'node:fs';

rmSync(process.env.DATA_DIR ?? '.data/e2e', { recursive: true, force: true });
await import('../../scripts/server.mjs');
