import { expect, newPerson, signUp, test, type Page } from './support';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const tabBar = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('on a phone the tab bar along the bottom reaches everything by tapping: post, search, open a profile', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const uma = newPerson('fonda');
  const someone = await (await browser.newContext()).newPage();
  await signUp(someone, uma);
  await someone.close();

  const pia = newPerson('tapper');
  await signUp(page, pia);

  // The tab bar sits on the bottom edge, every tab at least 44 px tall.
  const bar = await tabBar(page).boundingBox();
  expect(bar!.y + bar!.height).toBeCloseTo(844, -1);
  for (const tab of await tabBar(page).getByRole('link').all()) expect((await tab.boundingBox())!.height).toBeGreaterThanOrEqual(44);

  await tabBar(page).getByRole('link', { name: 'Home' }).tap();
  await expect(page).toHaveURL('/following');
  const box = page.getByLabel(/What’s happening/);
  await box.tap();
  await box.fill('peeped from my phone');
  await page.getByRole('button', { name: 'Peep', exact: true }).tap();
  await expect(box).toHaveValue('');
  // Who is online waits behind its heading, so the first peep is in view without scrolling.
  await expect(page.getByRole('list', { name: 'People online' })).toBeHidden();
  const first = page.getByRole('article').first();
  await expect(first).toContainText('peeped from my phone');
  expect((await first.boundingBox())!.y).toBeLessThan(844 - bar!.height - 40);
  await page.getByRole('heading', { name: /Who’s online/ }).tap();
  await expect(page.getByRole('list', { name: 'People online' }).locator(`a[href="/u/${pia.username}"]`)).toBeVisible();

  await tabBar(page).getByRole('link', { name: 'Search' }).tap();
  await expect(page).toHaveURL('/search');
  await page.getByRole('searchbox').fill(uma.username);
  await page.getByRole('searchbox').press('Enter');
  await page.getByRole('main').getByRole('link', { name: uma.name }).tap();
  await expect(page).toHaveURL(`/u/${uma.username}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(uma.name);

  await tabBar(page).getByRole('link', { name: 'Profile' }).tap();
  await expect(page).toHaveURL(`/u/${pia.username}`);
  await expect(tabBar(page).getByRole('link', { name: 'Profile' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('article').first()).toContainText('peeped from my phone');
});

test('on a phone a visitor sees what Chitter is above the first peeps, and the log-in and sign-up pages fit', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('region', { name: /^Chitter is our community’s microblog/ })).toBeInViewport();
  await expect(tabBar(page).getByRole('link', { name: 'Everyone' })).toHaveAttribute('aria-current', 'page');
  for (const path of ['/login', '/signup', '/search']) {
    await tabBar(page).getByRole('link', { name: { '/login': 'Log in', '/signup': 'Sign up', '/search': 'Search' }[path]! }).tap();
    await expect(page).toHaveURL(path);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
});
