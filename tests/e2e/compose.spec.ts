import { expect, newPerson, signUp, test, type Page } from './support';

const box = (page: Page) => page.getByLabel(/What’s happening/);
const peepButton = (page: Page) => page.getByRole('button', { name: 'Peep', exact: true });
const account = (page: Page) => page.getByRole('navigation', { name: 'Account' });

test('a peep posted offline stays in the box with a message, survives a reload, and posts once with Ctrl+Enter', async ({ page, context }) => {
  const pat = newPerson('pat');
  await signUp(page, pat);
  const body = `Written in a tunnel ${Date.now()}`;
  await box(page).fill(body);

  await context.setOffline(true);
  await peepButton(page).click();
  await expect(page.locator('#peep-body-error')).toHaveText(/^You’re offline — your peep is still here\./);
  await expect(box(page)).toHaveValue(body);
  await expect(page.getByRole('heading', { name: 'Chitter is having a moment' })).toHaveCount(0);

  await context.setOffline(false);
  await page.reload();
  await expect(box(page)).toHaveValue(body);
  await box(page).press('Control+Enter');
  await expect(box(page)).toHaveValue('');
  await expect(page.getByRole('article').filter({ hasText: body })).toHaveCount(1);
  // Posted, so the draft is gone from the browser too.
  await page.reload();
  await expect(page.getByRole('article').filter({ hasText: body })).toHaveCount(1);
  await expect(box(page)).toHaveValue('');
});

test('a post whose answer was lost, sent again, is saved once', async ({ page }) => {
  const ola = newPerson('ola');
  await signUp(page, ola);
  const body = `Said once, answered never ${Date.now()}`;
  let dropAnswer = true;
  // The post reaches Chitter and is saved, but its answer never comes back.
  await page.route('**/following', async (route) => {
    if (route.request().method() !== 'POST' || !dropAnswer) return route.continue();
    dropAnswer = false;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await box(page).fill(body);
  await peepButton(page).click();
  await expect(page.locator('#peep-body-error')).toHaveText(/your peep is still here/);
  await expect(box(page)).toHaveValue(body);

  await peepButton(page).click();
  await expect(box(page)).toHaveValue('');
  await page.reload();
  await expect(page.getByRole('article').filter({ hasText: body })).toHaveCount(1);
});

test('a post after the session ended elsewhere goes to log in, the header forgets the handle, and the draft waits', async ({ page, browser }) => {
  const uma = newPerson('uma');
  await signUp(page, uma);
  // The same session, ended from another browser window.
  const elsewhere = await browser.newContext({ storageState: await page.context().storageState() });
  const other = await elsewhere.newPage();
  await other.goto('/following');
  await other.getByRole('button', { name: 'Log out' }).click();
  await expect(account(other).getByRole('link', { name: 'Log in' })).toBeVisible();
  await elsewhere.close();

  const body = `Nearly lost ${Date.now()}`;
  await box(page).fill(body);
  await peepButton(page).click();
  await expect(page).toHaveURL(/\/login\?next=%2Ffollowing/);
  await expect(page.getByRole('status').filter({ hasText: 'You were logged out, so your peep wasn’t posted' })).toBeVisible();
  await expect(account(page).getByRole('link', { name: 'Log in' })).toBeVisible();
  await expect(account(page).getByRole('link', { name: `@${uma.username}` })).toHaveCount(0);

  await page.getByLabel('Email or username').fill(uma.username);
  await page.getByLabel('Password', { exact: true }).fill(uma.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/following$/);
  await expect(box(page)).toHaveValue(body);
  await peepButton(page).click();
  await expect(box(page)).toHaveValue('');
  await expect(page.getByRole('article').filter({ hasText: body })).toHaveCount(1);
});

test('sign-up and settings keep what was typed or chosen when the network is down', async ({ page, context }) => {
  const vic = newPerson('vic');
  await page.goto('/signup');
  await page.getByLabel('Name', { exact: true }).fill(vic.name);
  await page.getByLabel('Username', { exact: true }).fill(vic.username);
  await page.getByLabel('Email', { exact: true }).fill(vic.email);
  await page.getByLabel('Password', { exact: true }).fill(vic.password);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'You’re offline — what you typed is still here.' })).toBeVisible();
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue(vic.username);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue(vic.password);
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(account(page).getByRole('link', { name: `@${vic.username}` })).toBeVisible();

  await page.goto('/settings');
  const mentionEmails = page.getByLabel('Email me when someone mentions me in a peep');
  await mentionEmails.uncheck();
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'You’re offline — your choices are still here.' })).toBeVisible();
  await expect(mentionEmails).not.toBeChecked();
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(mentionEmails).not.toBeChecked();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the compose form carries a key of its own, and the same form sent twice posts once', async ({ page }) => {
    const wes = newPerson('wes');
    await signUp(page, wes);
    const form = page.locator('form').filter({ has: box(page) });
    const key = await form.locator('input[name="clientKey"]').inputValue();
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const fields: Record<string, string> = {};
    for (const input of await form.locator('input[type="hidden"]').all()) fields[(await input.getAttribute('name'))!] = await input.inputValue();
    const body = `Sent twice by a tired thumb ${Date.now()}`;
    const origin = new URL(page.url()).origin;
    for (let i = 0; i < 2; i++) {
      const response = await page.request.post(page.url(), { multipart: { ...fields, body }, headers: { origin }, maxRedirects: 0 });
      expect(response.status()).toBe(303);
    }
    await page.reload();
    await expect(page.getByRole('article').filter({ hasText: body })).toHaveCount(1);
    await expect(form.locator('input[name="clientKey"]')).not.toHaveValue(key);
  });

  test('a post after the session ended elsewhere goes to log in, saying the peep was not posted', async ({ page, browser }) => {
    const xia = newPerson('xia');
    await signUp(page, xia);
    const elsewhere = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: false });
    const other = await elsewhere.newPage();
    await other.goto('/following');
    await other.getByRole('button', { name: 'Log out' }).click();
    await elsewhere.close();

    await box(page).fill(`Sent without scripts ${Date.now()}`);
    await peepButton(page).click();
    await expect(page).toHaveURL(/\/login\?next=%2Ffollowing&ended=1$/);
    await expect(page.getByRole('status').filter({ hasText: 'You were logged out, so your peep wasn’t posted' })).toBeVisible();
    await expect(account(page).getByRole('link', { name: 'Log in' })).toBeVisible();
  });
});
