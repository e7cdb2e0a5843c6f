import { expect, test, type Page } from '@playwright/test';
import { logOut, newPerson, postPeep, signUp } from './support';

// Text that imitates every script Next.js and React put in a page: the RSC bootstrap, Turbopack's chunk list,
// React's Suspense runtime, a chunk URL and a script preload. None of it may run or be given a nonce.
const IMITATIONS = [
  '<script>self.__next_f.push([1,"x"])</script>',
  '<script>(self.__next_f=[]).push(1)</script>',
  '<script>(globalThis["TURBOPACK"]||[]).push(1)</script>',
  '<script>$RC("B:0","S:0")</script>',
  '<script src="/_next/static/chunks/evil.js"></script>',
  '<link rel="modulepreload" href="/_next/static/evil.js">',
];

/** Collects what the browser reports as blocked by the policy, from the page's own events and the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (msg) => {
    if (/Content[ -]Security[ -]Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

/** Every script and script preload in the raw HTML carries this response's nonce, and nothing the user wrote is a tag. */
async function expectOnlyOwnScripts(page: Page, path: string) {
  const response = await page.request.get(path);
  const html = await response.text();
  const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];
  expect(nonce, path).toBeTruthy();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, path).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  expect(html, path).not.toMatch(/<[^>]*evil\.js/);
  expect(html.match(/nonce="[^"]*"/g)?.every((n) => n === `nonce="${nonce}"`), path).toBe(true);
}

test('no page breaks the policy, and text imitating the framework’s scripts never runs or gets a nonce', async ({ page }) => {
  test.slow();
  const violations = await watchViolations(page);
  const eve = { ...newPerson('eve'), name: '<script>$RC("x")</script>' };
  await signUp(page, eve);
  for (const imitation of IMITATIONS) {
    await postPeep(page, imitation);
    await expect(page.getByRole('article').first().locator('.peep-body')).toHaveText(imitation);
  }
  const peepPath = await page.getByRole('article').first().locator('a.peep-time').getAttribute('href');

  const pages = ['/', '/following', `/u/${eve.username}`, `/u/${eve.username}/followers`, `/search?q=${eve.username}`, '/settings', peepPath!];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await expectOnlyOwnScripts(page, path);
  }
  await expect(page.getByText(eve.name).first()).toBeVisible();

  await logOut(page);
  for (const path of ['/', '/login', '/signup', `/u/${eve.username}`, '/no-such-page']) {
    await page.goto(path);
    await expect(page.locator('body')).toBeVisible();
    await expectOnlyOwnScripts(page, path);
  }
  // The cached public page too: its sentinel nonce is replaced by this response's own.
  await expectOnlyOwnScripts(page, '/');
  expect(violations).toEqual([]);
});
