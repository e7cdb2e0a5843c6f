import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
// `npm run dev` runs the same server in development mode; the policy test runs against it too.
const devURL = `http://127.0.0.1:${port + 1}`;

// E2E_DATABASE_URL runs the production server on PostgreSQL in two processes instead (CI does both), so the page
// cache's cross-process invalidation and the shared limits run under the browser tests too.
const postgresUrl = process.env.E2E_DATABASE_URL ?? '';
const onPostgres = (name: string): Record<string, string> =>
  postgresUrl !== '' && name === 'e2e' ? { DATABASE_URL: postgresUrl, WEB_CONCURRENCY: '2', AUTH_SECRET: 'e2e-secret-that-is-long-enough-for-auth-js-0123' } : { DATABASE_URL: '' };

const serverEnv = (url: string, name: string) => ({
  ...onPostgres(name),
  PORT: new URL(url).port,
  HOST: '127.0.0.1',
  DATA_DIR: `.data/${name}`,
  MAILBOX_DIR: `.data/${name}-mailbox`,
  APP_URL: url,
  MENTION_EMAIL_DELAY: '0',
  NEXT_TELEMETRY_DISABLED: '1',
  // A line per request would bury a failing test's output; warnings and errors still show.
  LOG_LEVEL: 'warn',
  // As behind a reverse proxy: the last X-Forwarded-For hop is the client, so each test can have an address of its own.
  TRUST_PROXY: 'true',
});

// Playwright's own Chromium where it is installed; otherwise the system's (Debian's package on CI machines).
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {}
  return '/usr/bin/chromium';
}

export default defineConfig({
  testDir: 'tests/e2e',
  // The embedded database belongs to one server process; tests share it, so run them one at a time.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    // The address of a spec that does not use tests/e2e/support.ts's `test`, which gives each test its own instead.
    extraHTTPHeaders: { 'X-Forwarded-For': '10.0.0.1' },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' } },
    // Development compiles each page on first visit, so it gets the time that takes.
    { name: 'dev', use: { browserName: 'chromium', baseURL: devURL, navigationTimeout: 120_000 }, testMatch: 'csp.spec.ts', timeout: 480_000, expect: { timeout: 120_000 } },
  ],
  webServer: [
    {
      command: 'node --import tsx tests/e2e/serve.mjs',
      url: `${baseURL}/login`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: serverEnv(baseURL, 'e2e'),
    },
    {
      command: 'node --import tsx tests/e2e/serve.mjs --dev',
      url: `${devURL}/login`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: serverEnv(devURL, 'e2e-dev'),
    },
  ],
});
