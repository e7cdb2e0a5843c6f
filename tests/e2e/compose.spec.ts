import { expect, newPerson, postPeep, signUp, test, type Page } from './support';

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

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('Repost, Delete, Follow and Log out clicked offline say so beside the button and keep the page, and work once back online', async ({ page, context, browser }) => {
    test.setTimeout(60_000);
    const offline = 'You’re offline — try again once you’re back online.';
    const lou = newPerson('lou');
    const louBody = `Reposted from a tunnel ${Date.now()}`;
    const other = await browser.newContext();
    const louPage = await other.newPage();
    await signUp(louPage, lou);
    await postPeep(louPage, louBody);
    await other.close();

    const kit = newPerson('kit');
    const kitBody = `Deleted from a tunnel ${Date.now()}`;
    await signUp(page, kit);
    await page.goto('/');
    await postPeep(page, kitBody);
    const draft = `Still typing ${Date.now()}`;
    await box(page).fill(draft);
    const louPeep = page.getByRole('article').filter({ hasText: louBody });
    const kitPeep = page.getByRole('article').filter({ hasText: kitBody });

    await context.setOffline(true);
    await louPeep.getByRole('button', { name: `Repost: peep by ${lou.name}` }).click();
    await expect(louPeep.getByRole('alert')).toHaveText(offline);
    await kitPeep.getByRole('button', { name: 'Delete this peep' }).click();
    await kitPeep.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(kitPeep.getByRole('alert')).toHaveText(offline);
    await account(page).getByRole('button', { name: 'Log out' }).click();
    await expect(account(page).getByRole('alert')).toHaveText(offline);
    // The page, the timeline and the draft are all still there, and nothing is wider than the screen.
    await expect(page.getByRole('heading', { name: 'Chitter is having a moment' })).toHaveCount(0);
    await expect(box(page)).toHaveValue(draft);
    await expect(louPeep).toBeVisible();
    await expect(kitPeep).toBeVisible();
    await expect(account(page).getByRole('link', { name: `@${kit.username}` })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Back online, the same clicks go through and the messages go.
    await context.setOffline(false);
    await louPeep.getByRole('button', { name: `Repost: peep by ${lou.name}` }).click();
    await expect(louPeep.getByRole('button', { name: `Reposted: peep by ${lou.name}` })).toBeVisible();
    await expect(louPeep.getByRole('alert')).toHaveCount(0);
    // The repost's answer re-rendered the page, which closed the question; asked again, the delete goes through.
    await kitPeep.getByRole('button', { name: 'Delete this peep' }).click();
    await kitPeep.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(kitPeep).toHaveCount(0);
    await expect(box(page)).toHaveValue(draft);

    await page.goto(`/u/${lou.username}`);
    const profile = page.locator('.profile');
    await context.setOffline(true);
    await profile.getByRole('button', { name: `Follow ${lou.name}` }).click();
    await expect(profile.getByRole('alert')).toHaveText(offline);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lou.name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.setOffline(false);
    await profile.getByRole('button', { name: `Follow ${lou.name}` }).click();
    await expect(profile.getByRole('button', { name: `Unfollow ${lou.name}` })).toBeVisible();
    await expect(profile.getByRole('alert')).toHaveCount(0);
    await account(page).getByRole('button', { name: 'Log out' }).click();
    await expect(account(page).getByRole('link', { name: 'Log in' })).toBeVisible();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('Follow, Repost and Log out still post as plain forms', async ({ page, browser }) => {
    const lia = newPerson('lia');
    const liaBody = `Reposted without scripts ${Date.now()}`;
    const other = await browser.newContext();
    const liaPage = await other.newPage();
    await signUp(liaPage, lia);
    await postPeep(liaPage, liaBody);
    await other.close();

    await signUp(page, newPerson('kim'));
    await page.goto(`/u/${lia.username}`);
    await page.getByRole('button', { name: `Follow ${lia.name}` }).click();
    await expect(page.getByRole('button', { name: `Unfollow ${lia.name}` })).toBeVisible();
    await page.getByRole('article').filter({ hasText: liaBody }).getByRole('button', { name: `Repost: peep by ${lia.name}` }).click();
    await expect(page.getByRole('article').filter({ hasText: liaBody }).getByRole('button', { name: `Reposted: peep by ${lia.name}` })).toBeVisible();
    await account(page).getByRole('button', { name: 'Log out' }).click();
    await expect(account(page).getByRole('link', { name: 'Log in' })).toBeVisible();
  });

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
