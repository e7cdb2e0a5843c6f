import { expect, newPerson, postPeep, signUp, test, watchCsp, type Browser, type Page } from './support';

async function openPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

const followingTab = (page: Page) => page.getByRole('navigation', { name: 'Timelines' }).getByRole('link', { name: 'Following' });

test('follow, the Following tab, reposts, unfollow and who is online, across three people', async ({ browser }) => {
  test.slow();
  const ann = newPerson('ann');
  const bob = newPerson('bob');
  const annPage = await openPage(browser);
  const violations = watchCsp(annPage);
  await signUp(annPage, ann);
  await expect(annPage.getByRole('heading', { name: `Welcome to Chitter, ${ann.name}!` })).toBeVisible();
  const bobPage = await openPage(browser);
  await signUp(bobPage, bob);
  const calPage = await openPage(browser);

  // Ann finds Bob through the header search and follows him from his profile.
  await annPage.getByRole('searchbox', { name: 'Search people' }).fill(bob.username.slice(0, 6).toUpperCase());
  await annPage.getByRole('searchbox', { name: 'Search people' }).press('Enter');
  await expect(annPage).toHaveURL(/\/search\?q=/);
  await annPage.getByRole('link', { name: bob.name }).click();
  await expect(annPage.getByRole('heading', { name: bob.name })).toBeVisible();
  await expect(annPage.getByText('0 followers')).toBeVisible();
  await annPage.getByRole('button', { name: `Follow ${bob.name}` }).click();
  await expect(annPage.getByRole('button', { name: `Unfollow ${bob.name}` })).toBeVisible();
  await expect(annPage.getByText('1 follower', { exact: true })).toBeVisible();

  // Bob peeps; it shows on Ann's Following tab.
  const first = `Bob's first peep ${Date.now()}`;
  await bobPage.goto('/following');
  await postPeep(bobPage, first);
  await annPage.goto('/');
  await followingTab(annPage).click();
  await expect(annPage).toHaveURL(/\/following$/);
  const bobsPeep = annPage.getByRole('article').filter({ hasText: first });
  await expect(bobsPeep).toBeVisible();

  // Ann reposts it; Cal, logged out, sees it on Ann's profile marked as reposted by Ann.
  await expect(bobsPeep.getByText(/\d+ reposts?/)).toHaveCount(0); // no "0 reposts" under a peep nobody reposted
  await bobsPeep.getByRole('button', { name: /Repost/ }).click();
  await expect(bobsPeep.getByRole('button', { name: /Reposted/ })).toBeVisible();
  // Her Following tab shows the peep once, as her repost at the top, not again where Bob posted it; a reload agrees.
  for (let reload = 0; reload < 2; reload++) {
    if (reload) await annPage.reload();
    await expect(bobsPeep).toHaveCount(1);
    await expect(annPage.getByRole('list', { name: 'Peeps' }).getByRole('article').first()).toContainText(first);
    await expect(bobsPeep.getByText(`reposted by ${ann.name}`)).toBeVisible();
  }
  await calPage.goto(`/u/${ann.username}`);
  const reposted = calPage.getByRole('article').filter({ hasText: first });
  await expect(reposted.getByText(`reposted by ${ann.name}`)).toBeVisible();
  await expect(reposted.getByRole('link', { name: `@${bob.username}` })).toBeVisible();
  await expect(reposted.getByText('1 repost', { exact: true })).toBeVisible();

  // Ann unfollows Bob; his new peeps stay off her Following tab.
  await annPage.goto(`/u/${bob.username}`);
  await annPage.getByRole('button', { name: `Unfollow ${bob.name}` }).click();
  await expect(annPage.getByRole('button', { name: `Follow ${bob.name}` })).toBeVisible();
  const second = `Bob's second peep ${Date.now()}`;
  await postPeep(bobPage, second);
  await annPage.goto('/following');
  await expect(annPage.getByRole('article').filter({ hasText: first })).toBeVisible(); // her own repost stays
  await expect(annPage.getByRole('article').filter({ hasText: second })).toHaveCount(0);

  // Ann is active, so she is online; once she hides it she is in neither the list nor on her profile.
  // Cal, logged out, reads the cached public page: with several app processes another one may serve the copy it had
  // until it sees the change (a quarter of a second), or its previous copy while it renders anew, so Cal reloads.
  const online = calPage.getByRole('list', { name: 'People online' });
  const annOnline = online.getByRole('listitem').filter({ hasText: `@${ann.username}` });
  await expect(async () => {
    await calPage.goto('/');
    await expect(annOnline).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await calPage.goto(`/u/${ann.username}`);
  await expect(calPage.getByText('online', { exact: true })).toBeVisible();

  await annPage.goto('/settings');
  await annPage.getByLabel(/Show others when I’m online/).uncheck();
  await annPage.getByRole('button', { name: 'Save settings' }).click();
  await expect(annPage.getByRole('status')).toHaveText('Settings saved.');
  await expect(async () => {
    await calPage.goto('/');
    await expect(annOnline).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await calPage.goto(`/u/${ann.username}`);
  await expect(calPage.getByText('online', { exact: true })).toHaveCount(0);
  expect(violations).toEqual([]);
});

test('an unknown profile is a 404 page and a search with odd characters is just empty', async ({ page }) => {
  expect((await page.goto('/u/nobody_by_this_name'))?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
  const response = await page.goto(`/search?q=${encodeURIComponent("%_'\"ü")}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText(/Nobody’s name or handle matches/)).toBeVisible();
  expect((await page.goto(`/search?q=${'x'.repeat(101)}`))?.status()).toBe(400);
  await expect(page.getByText('Search for at most 100 characters.')).toBeVisible();
});
