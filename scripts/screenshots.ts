// npm run screenshots: every page at 1280×800 and 390×844, logged out and logged in, into docs/screenshots/, from a
// fresh embedded database filled by the seed. The README links these files, so they are redrawn rather than kept by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startAppServer } from '../tests/support/app-server';
import { SEED_PASSWORD } from '../db/seed-names';

const OUT = path.resolve('docs/screenshots');
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
// The seed names person 1 this (db/seed-names.ts).
const HANDLE = 'alex_morgan1';

/** `open`: something to click once the page has loaded, to show what it opens (a menu). */
type Shot = { name: string; path: string | ((page: Page) => Promise<string>); open?: string };

const LOGGED_OUT: Shot[] = [
  { name: 'public-stream', path: '/' },
  { name: 'log-in', path: '/login' },
  { name: 'sign-up', path: '/signup' },
  { name: 'not-found', path: '/no/such/page' },
];
const LOGGED_IN: Shot[] = [
  { name: 'following', path: '/following' },
  { name: 'everyone', path: '/' },
  { name: 'profile', path: `/u/${HANDLE}` },
  { name: 'followers', path: `/u/${HANDLE}/followers` },
  { name: 'profile-menu', path: someoneElse, open: 'summary:has-text("More")' },
  { name: 'peep', path: peepAddress },
  { name: 'search', path: '/search?q=morgan' },
  { name: 'settings', path: '/settings' },
];

async function peepAddress(page: Page): Promise<string> {
  await page.goto(`/u/${HANDLE}`);
  return (await page.locator('a[href^="/p/"]').first().getAttribute('href')) ?? '/';
}

/** Another person's profile: the author of the newest peep on the Everyone tab that is not the one logged in. */
async function someoneElse(page: Page): Promise<string> {
  await page.goto('/');
  return (await page.locator(`.peep-name:not([href="/u/${HANDLE}"])`).first().getAttribute('href')) ?? '/';
}

function seed(dataDir: string): void {
  const args = ['--import', 'tsx', '--require', './scripts/no-server-only.cjs', 'scripts/seed.ts', '--users', '400', '--peeps', '4000', '--follows', '40'];
  const run = spawnSync(process.execPath, args, { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir }, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`seeding failed (exit ${run.status})`);
}

async function shoot(browser: Browser, baseURL: string, shots: Shot[], logIn: boolean): Promise<void> {
  for (const [size, viewport] of Object.entries(SIZES)) {
    const context = await browser.newContext({ baseURL, viewport, isMobile: size === 'phone', hasTouch: size === 'phone' });
    const page = await context.newPage();
    if (logIn) {
      await page.goto('/login');
      await page.locator('input[name="identifier"]').fill(HANDLE);
      await page.locator('input[name="password"]').fill(SEED_PASSWORD);
      await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.locator('input[name="password"]').press('Enter')]);
    }
    for (const shot of shots) {
      const address = typeof shot.path === 'string' ? shot.path : await shot.path(page);
      await page.goto(address);
      await page.waitForLoadState('networkidle');
      if (shot.open) await page.locator(shot.open).first().click();
      const file = path.join(OUT, `${shot.name}.${size}.png`);
      await page.screenshot({ path: file });
      console.log(`  ${path.relative(process.cwd(), file)}  (${address})`);
    }
    await context.close();
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chitter-screenshots-'));
  mkdirSync(OUT, { recursive: true });
  seed(dataDir);
  const app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: dataDir, WORKER: 'off', LOG_LEVEL: 'warn' } });
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(chromium.executablePath()) ? undefined : '/usr/bin/chromium');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    await shoot(browser, app.url, LOGGED_OUT, false);
    await shoot(browser, app.url, LOGGED_IN, true);
  } finally {
    await browser.close();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`Screenshots failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
