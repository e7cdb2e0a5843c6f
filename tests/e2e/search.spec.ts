import { expect, logIn, logOut, newPerson, postPeepsWithoutScripts, signUp, test } from './support';

test('search finds people by a later word of their name and peeps by their words, on two tabs, and pages without JavaScript', async ({ page, context, browser }) => {
  test.slow();
  const word = `zq${Date.now().toString(36)}`;
  const alice = { ...newPerson('alice'), name: `Alice ${word}` };
  await signUp(page, alice);
  // 22 peeps with the word: a page of 20 and an older page of 2.
  await postPeepsWithoutScripts(context, Array.from({ length: 22 }, (_, i) => `Peep ${i} about ${word}`));

  // The later word of her name finds Alice (it used to find only names that start with the search).
  await page.getByRole('searchbox', { name: 'Search people and peeps' }).fill(word);
  await page.getByRole('searchbox', { name: 'Search people and peeps' }).press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
  const tabs = page.getByRole('navigation', { name: 'Search results' });
  await expect(tabs.getByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('list', { name: 'People found' }).getByRole('link', { name: alice.name })).toBeVisible();

  await tabs.getByRole('link', { name: 'Peeps' }).click();
  await expect(page).toHaveURL(/tab=peeps/);
  await expect(tabs.getByRole('link', { name: 'Peeps' })).toHaveAttribute('aria-current', 'page');
  const found = page.getByRole('list', { name: 'Peeps found' }).getByRole('article');
  await expect(found).toHaveCount(20);
  await expect(found.first()).toContainText(`Peep 21 about ${word}`);
  // Searching again from this tab stays on it.
  await page.getByRole('searchbox', { name: 'Name, @handle or words in peeps' }).fill(`"peep 3" ${word}`);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(found).toHaveCount(1);
  await expect(found.first()).toContainText(`Peep 3 about ${word}`);

  // Without JavaScript the "Older peeps" link is an ordinary link to the next page, which has the rest and no link.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noScripts = await plain.newPage();
  await noScripts.goto(`/search?q=${word}&tab=peeps`);
  await expect(noScripts.getByRole('article')).toHaveCount(20);
  await noScripts.getByRole('link', { name: 'Older peeps' }).click();
  await expect(noScripts).toHaveURL(/before=/);
  await expect(noScripts.getByRole('article')).toHaveCount(2);
  await expect(noScripts.getByRole('article').last()).toContainText(`Peep 0 about ${word}`);
  await expect(noScripts.getByRole('link', { name: 'Older peeps' })).toHaveCount(0);
  // A page link that was tampered with is a 400 that says so.
  expect((await noScripts.goto(`/search?q=${word}&after=not-a-cursor`))?.status()).toBe(400);
  await expect(noScripts.getByText(/That link to more results was damaged/)).toBeVisible();
  await plain.close();
});

test('log in with the handle as Chitter shows it, @ and all', async ({ page }) => {
  // Not "bob": the social spec finds its bob by the start of a handle made from the same clock.
  const handy = newPerson('handy');
  await signUp(page, handy);
  await logOut(page);
  await logIn(page, `@${handy.username}`, handy.password);
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: `@${handy.username}` })).toBeVisible();
});

test('on a phone the tab bar links to search, with a big enough target, and the header fits', async ({ browser }, testInfo) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await page.goto('/');
  // The header's search box does not fit at this width; the tab bar's Search takes its place.
  await expect(page.getByRole('searchbox', { name: 'Search people and peeps' })).toBeHidden();
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' });
  await expect(link).toBeVisible();
  const box = (await link.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(box.height).toBeGreaterThanOrEqual(44);
  // Nothing in the header is pushed past the screen's edge.
  for (const item of await page.getByRole('banner').getByRole('link').all()) {
    const { x, width } = (await item.boundingBox())!;
    expect(x + width).toBeLessThanOrEqual(390);
  }
  await page.screenshot({ path: testInfo.outputPath('phone-header.png') });
  await link.click();
  await expect(page).toHaveURL(/\/search$/);
  await expect(page.getByRole('searchbox', { name: 'Name, @handle or words in peeps' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('phone-search.png') });

  // Logged in, with a handle of the longest kind, the header still fits: the account links wrap under it.
  const person = { ...newPerson('phone'), username: `p${Date.now().toString(36)}`.padEnd(30, 'x') };
  await signUp(page, person);
  for (const item of await page.getByRole('banner').getByRole('link').all()) {
    const { x, width } = (await item.boundingBox())!;
    expect(x + width).toBeLessThanOrEqual(390);
  }
  await expect(link).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('phone-logged-in.png') });
  await phone.close();
});
