import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(import.meta.dirname),
  // Outside Next's react-server build this guard would throw; the data layer is what these tests exercise.
  'server-only': path.resolve(import.meta.dirname, 'tests/support/empty-module.ts'),
};

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/integration-setup.ts'],
          // One database for the whole suite when DATABASE_URL is set, so files take turns.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // The built app server as a child process, spoken to over HTTP and raw sockets, on its embedded database.
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          exclude: ['tests/server/**/*.postgres.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          // The server builds the app first when the build is missing or stale.
          hookTimeout: 600_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // The same, on real PostgreSQL behind a loopback proxy the tests cut and restore (TEST_POSTGRES_URL).
          name: 'server-postgres',
          include: ['tests/server/**/*.postgres.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          // The server builds the app first when the build is missing or stale.
          hookTimeout: 600_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // deploy/: nginx from deploy/nginx.conf in front of two built instances on real PostgreSQL (TEST_POSTGRES_URL).
          name: 'deploy',
          include: ['tests/deploy/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          // The first instance builds the app first when the build is missing or stale.
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
