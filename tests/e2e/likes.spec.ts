import { expect, newPerson, postPeep, signUp, test, type Browser, type Page, type Person } from './support';

/** Someone else's fresh peep, in a context of its own that stays logged in: its author, and the address of its page. */
async function someonesPeep(browser: Browser, label: string): Promise<{ author: Person; authorPage: Page; path: string; body: string }> {
  const context = await browser.newContext();
  const authorPage = await context.newPage();
  const author = newPerson(label);
  const body = `Worth a like ${label} ${Date.now()}`;
  await signUp(authorPage, author);
  await postPeep(authorPage, body);
  const path = await authorPage.getByRole('article').filter({ hasText: body }).first().getByRole('link', { name: 'now' }).getAttribute('href');
  expect(path).toMatch(/^\/p\/\d+$/);
  return { author, authorPage, path: path!, body };
}

// Its name says what it shows (Like or Liked), as Repost's does; aria-pressed says the same to a screen reader.
const likeButton = (page: Page, author: Person) => page.getByRole('button', { name: new RegExp(`^Liked?: peep by ${author.name}$`) });
const count = (page: Page, text: string) => page.getByRole('article').getByRole('link', { name: text, exact: true });

test('a like shows at once, survives a reload, lists the liker, reaches the author’s open page live, and is undone', async ({ page, browser }) => {
  const { author, authorPage, path } = await someonesPeep(browser, 'lia');
  await authorPage.goto(path);
  // Logged out or not, nobody's like is no count at all.
  await expect(count(authorPage, '1 like')).toHaveCount(0);

  const leo = newPerson('leo');
  await signUp(page, leo);
  await page.goto(path);
  // The server is slow to answer: the button and count change before it does.
  let release = () => {};
  const answered = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${path}`, async (route) => {
    if (route.request().method() === 'POST') await answered;
    await route.continue();
  });
  await expect(likeButton(page, author)).toHaveAttribute('aria-pressed', 'false');
  await likeButton(page, author).click();
  await expect(likeButton(page, author)).toHaveAttribute('aria-pressed', 'true');
  await expect(count(page, '1 like')).toBeVisible();
  release();

  // The author's open page hears of it without a reload.
  await expect(count(authorPage, '1 like')).toBeVisible();
  await page.reload();
  await expect(likeButton(page, author)).toHaveAttribute('aria-pressed', 'true');
  await expect(count(page, '1 like')).toBeVisible();

  await count(page, '1 like').click();
  await expect(page).toHaveURL(new RegExp(`${path}/likes$`));
  await expect(page.getByRole('heading', { name: 'Liked by' })).toBeVisible();
  await expect(page.getByRole('list', { name: /People who liked/ }).getByRole('link', { name: leo.name })).toBeVisible();

  await page.goto(path);
  await likeButton(page, author).click();
  await expect(likeButton(page, author)).toHaveAttribute('aria-pressed', 'false');
  await expect(count(page, '1 like')).toHaveCount(0);
  await page.reload();
  await expect(likeButton(page, author)).toHaveAttribute('aria-pressed', 'false');
  await expect(count(page, '1 like')).toHaveCount(0);
  await expect(count(authorPage, '1 like')).toHaveCount(0);
  await authorPage.context().close();
});

test('without JavaScript, Like is a form that posts and comes back to the same page, liked', async ({ page, browser }) => {
  const { author, authorPage, path } = await someonesPeep(browser, 'lib');
  await authorPage.context().close();
  const noa = newPerson('noa');
  await signUp(page, noa);
  const noScripts = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScripts.newPage();
  await plain.goto(path);
  await likeButton(plain, author).click();
  await expect(plain).toHaveURL(new RegExp(`${path}$`));
  await expect(likeButton(plain, author)).toHaveAttribute('aria-pressed', 'true');
  await expect(count(plain, '1 like')).toBeVisible();
  await likeButton(plain, author).click();
  await expect(likeButton(plain, author)).toHaveAttribute('aria-pressed', 'false');
  await expect(count(plain, '1 like')).toHaveCount(0);
  await noScripts.close();
});

test('a like the server refuses because the session ended goes back, says why and offers to log in', async ({ page, browser }) => {
  const { author, authorPage, path } = await someonesPeep(browser, 'lic');
  await authorPage.context().close();
  const uma = newPerson('ulk');
  await signUp(page, uma);
  await page.goto(path);
  // The same session, ended from another window.
  const elsewhere = await browser.newContext({ storageState: await page.context().storageState() });
  const other = await elsewhere.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: 'Log out' }).click();
  await expect(other.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' })).toBeVisible();
  await elsewhere.close();

  await likeButton(page, author).click();
  const peep = page.getByRole('article');
  await expect(peep.getByRole('alert')).toContainText('You’re logged out.');
  await expect(likeButton(page, author)).toHaveAttribute('aria-pressed', 'false');
  await expect(count(page, '1 like')).toHaveCount(0);
  await expect(peep.getByRole('alert').getByRole('link', { name: 'Log in' })).toHaveAttribute('href', `/login?next=${encodeURIComponent(path)}`);
});
