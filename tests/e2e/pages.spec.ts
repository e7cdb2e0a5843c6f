import { clientAddress, expect, newPerson, postPeep, postPeepsWithoutScripts, repostWithoutScripts, signUp, test, type Page } from './support';

const PAGE_SIZE = 50;

const peepsOn = (page: Page) => page.getByRole('list', { name: 'Peeps' }).getByRole('article');
const olderPeeps = (page: Page) => page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Older peeps' });
const newerPeeps = (page: Page) => page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Newer peeps' });

test('a peep’s time links to a page of its own, which its author can delete it from', async ({ page, browser }) => {
  const pia = newPerson('pia');
  await signUp(page, pia);
  const body = `a peep with a page of its own ${Date.now()}`;
  await postPeep(page, body);
  await page.getByRole('article').filter({ hasText: body }).getByRole('link', { name: 'now' }).click();
  await expect(page).toHaveURL(/\/p\/\d+$/);
  await expect(page).toHaveTitle(`${pia.name}: “${body}” · Chitter`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Peep by ${pia.name}`);
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(page.getByRole('article').getByText(body, { exact: true })).toBeVisible();
  const peepUrl = page.url();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(peepUrl);
  await expect(visitor.getByRole('article').getByText(body, { exact: true })).toBeVisible();
  await expect(visitor.getByRole('button', { name: 'Delete this peep' })).toHaveCount(0);

  // Delete asks first, in place; Cancel (which has focus) keeps the peep and hands focus back to Delete.
  await page.getByRole('button', { name: 'Delete this peep' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm deleting this peep' });
  await expect(confirm).toContainText('Delete this peep?');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete this peep' })).toBeFocused();
  await expect(page.getByRole('article').getByText(body, { exact: true })).toBeVisible();
  // Escape backs out too.
  await page.getByRole('button', { name: 'Delete this peep' }).click();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  // Without JavaScript the same question is a page of its own.
  await page.goto(`${peepUrl}/delete`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delete this peep?');
  await page.goto(peepUrl);

  // Deleting from the peep's own page, which no longer exists, lands on the author's profile.
  await page.getByRole('button', { name: 'Delete this peep' }).click();
  await confirm.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page).toHaveURL(`/u/${pia.username}`);
  await expect(page.getByText(`@${pia.username} hasn’t peeped yet.`)).toBeVisible();
  expect((await visitor.goto(peepUrl))?.status()).toBe(404);
  await expect(visitor.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
});

test('a deleted peep disappears from the page it was deleted on and from what visitors see', async ({ page, browser }) => {
  const dan = newPerson('dan');
  await signUp(page, dan);
  await page.goto('/');
  const stays = `this one stays ${Date.now()}`;
  const goes = `this one goes ${Date.now()}`;
  await postPeep(page, stays);
  await expect(page.getByRole('article').filter({ hasText: stays })).toBeVisible();
  await postPeep(page, goes);
  await expect(page.getByRole('article').filter({ hasText: goes })).toBeVisible();

  // A visitor has the public page, as cached, with the peep on it.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/');
  await expect(visitor.getByRole('article').filter({ hasText: goes })).toBeVisible();

  await page.getByRole('article').filter({ hasText: goes }).getByRole('button', { name: 'Delete this peep' }).click();
  await page.getByRole('article').filter({ hasText: goes }).getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByRole('article').filter({ hasText: goes })).toHaveCount(0);
  await expect(page.getByRole('article').filter({ hasText: stays })).toBeVisible();

  await visitor.reload();
  await expect(visitor.getByRole('article').filter({ hasText: stays })).toBeVisible();
  await expect(visitor.getByRole('article').filter({ hasText: goes })).toHaveCount(0);
  await visitor.goto(`/u/${dan.username}`);
  await expect(visitor.getByText('1 peep', { exact: true })).toBeVisible();
  await expect(visitor.getByRole('article').filter({ hasText: goes })).toHaveCount(0);
});

test('without JavaScript, Delete opens a page that asks first; Cancel goes back and the delete lands where it was asked from', async ({ browser }, testInfo) => {
  test.slow(); // two people sign up
  const noScripts = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'X-Forwarded-For': clientAddress(testInfo) } });
  const page = await noScripts.newPage();
  const ivy = newPerson('ivy');
  await signUp(page, ivy);
  const body = `deleted without scripts ${Date.now()}`;
  await postPeepsWithoutScripts(noScripts, [body]);
  await page.goto('/following');
  const peep = page.getByRole('article').filter({ hasText: body });
  await expect(peep.getByText(/\d+ reposts?/)).toHaveCount(0);

  await peep.getByRole('button', { name: 'Delete this peep' }).click();
  await expect(page).toHaveURL(/\/p\/\d+\/delete\?/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delete this peep?');
  await expect(page.getByRole('article').getByText(body, { exact: true })).toBeVisible();
  const confirmUrl = page.url();
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL('/following');
  await expect(peep).toBeVisible();

  // Nobody else may even see the question.
  const other = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientAddress(testInfo, 'other') } })).newPage();
  await signUp(other, newPerson('other'));
  expect((await other.goto(confirmUrl))?.status()).toBe(404);

  await page.goto(confirmUrl);
  await page.getByRole('button', { name: 'Delete peep' }).click();
  await expect(page).toHaveURL('/following');
  await expect(peep).toHaveCount(0);
  await noScripts.close();
});

test('“Older peeps” leads to the next page of a profile and of the stream, and Back returns to the newer one', async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  // A person may post 30 peeps in 5 minutes, so a profile of 51 items is Olga's 30 peeps and her reposts of Pia's 21.
  const olga = newPerson('olga');
  await signUp(page, olga);
  const olgas = Array.from({ length: 30 }, (_, i) => `peep number ${i + 1} of ${olga.username}`);
  await postPeepsWithoutScripts(page.context(), olgas);
  const piaPage = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientAddress(testInfo, 'pia') } })).newPage();
  const pia = newPerson('pia');
  await signUp(piaPage, pia);
  const pias = Array.from({ length: PAGE_SIZE + 1 - olgas.length }, (_, i) => `peep number ${i + 1} of ${pia.username}`);
  await postPeepsWithoutScripts(piaPage.context(), pias);
  await repostWithoutScripts(page.context(), `/u/${pia.username}`, pias);

  // Newest first: the reposts (the last one first), then Olga's own peeps.
  const profileOrder = [...pias].reverse().concat([...olgas].reverse());
  await page.goto(`/u/${olga.username}`);
  await expect(page.getByText(`${olgas.length} peeps`, { exact: true })).toBeVisible();
  await expect(peepsOn(page)).toHaveCount(PAGE_SIZE);
  await expect(peepsOn(page).first()).toContainText(profileOrder[0]);
  await expect(peepsOn(page).last()).toContainText(profileOrder[PAGE_SIZE - 1]);
  await olderPeeps(page).click();
  await expect(page).toHaveURL(new RegExp(`/u/${olga.username}\\?before=`));
  await expect(peepsOn(page)).toHaveCount(1);
  await expect(peepsOn(page).first()).toContainText(olgas[0]);
  await expect(olderPeeps(page)).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(`/u/${olga.username}`);
  await expect(peepsOn(page)).toHaveCount(PAGE_SIZE);
  await expect(peepsOn(page).first()).toContainText(profileOrder[0]);
  await expect(newerPeeps(page)).toHaveCount(0);
  // A later page leads back up too: "Newer peeps" to the page above (here the first, at its own address) and "Back to newest".
  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`/u/${olga.username}\\?before=`));
  await expect(page.getByRole('navigation', { name: 'Newer pages' }).getByRole('link', { name: 'Back to newest' })).toHaveAttribute('href', `/u/${olga.username}`);
  await newerPeeps(page).click();
  await expect(page).toHaveURL(`/u/${olga.username}`);
  await expect(peepsOn(page)).toHaveCount(PAGE_SIZE);
  await expect(peepsOn(page).first()).toContainText(profileOrder[0]);

  // The stream (peeps only, by when they were posted) pages the same way; Olga's first is the first of its second page.
  await page.goto('/');
  await expect(peepsOn(page)).toHaveCount(PAGE_SIZE);
  await expect(peepsOn(page).first()).toContainText(pias.at(-1)!);
  await olderPeeps(page).click();
  await expect(page).toHaveURL(/\/\?before=/);
  await expect(peepsOn(page).first()).toContainText(olgas[0]);
  await expect(page.getByLabel(/What’s happening/)).toHaveCount(0);
  await page.goBack();
  await expect(peepsOn(page).first()).toContainText(pias.at(-1)!);
  await expect(page.getByLabel(/What’s happening/)).toBeVisible();
  await page.goForward();
  await page.getByRole('navigation', { name: 'Newer pages' }).getByRole('link', { name: 'Back to newest' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByLabel(/What’s happening/)).toBeVisible();
});

test('/@handle shows that person’s profile at the short address, and an unknown one, like an unknown address, is a 404 page titled so', async ({ page }) => {
  const hal = newPerson('hal');
  await signUp(page, hal);
  const body = `hello from ${hal.username}`;
  await postPeep(page, body);

  await page.goto(`/@${hal.username}`);
  await expect(page).toHaveURL(`/@${hal.username}`);
  await expect(page).toHaveTitle(`${hal.name} (@${hal.username}) · Chitter`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hal.name);
  await expect(peepsOn(page).getByText(body, { exact: true })).toBeVisible();

  expect((await page.goto('/@nobody_by_this_name'))?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
  await expect(page).toHaveTitle('Page not found · Chitter');
  expect((await page.goto('/no/such/page'))?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
  await expect(page).toHaveTitle('Page not found · Chitter');
});
