// `npm run lint`: Next's rules (React, hooks, a11y, imports, Core Web Vitals), typescript-eslint's recommended set,
// and Drizzle's guard against an UPDATE or DELETE that forgot its WHERE. Types are checked by `npm run typecheck`.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

// The names a Drizzle handle goes by here: `const db = await getDb()`, and `tx` inside `db.transaction(async (tx) => …)`.
// Naming them keeps the rules off other `.delete()`/`.update()` calls (Map#delete, Hash#update).
const drizzleObjectName = ['db', 'tx'];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    name: 'chitter/drizzle',
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName }],
    },
  },
  {
    // A .cjs file is CommonJS, where require() is the import (the `--require` hooks must load synchronously).
    name: 'chitter/commonjs',
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  globalIgnores([
    // Build output and generated files (node_modules is ignored by ESLint itself; eslint-config-next adds .next,
    // out, build and next-env.d.ts, repeated here so this list is the whole story):
    '.next/**',
    'bench/reference-next/.next/**',
    'out/**',
    'build/**',
    'next-env.d.ts',
    '.data/**',
    'db/migrations/**',
    'test-results/**',
    'playwright-report/**',
    'bench/results/**',
    '.ci/**',
  ]),
]);
