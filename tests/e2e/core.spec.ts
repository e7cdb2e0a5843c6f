import { expect, logIn, logOut, newPerson, postPeep, signUp, test, watchCsp } from './support';

test('a new visitor signs up, peeps, logs out, still reads, and logs back in', async ({ page }) => {
  const violations = watchCsp(page);
  const sam = newPerson('sam');
  await signUp(page, sam);

  const body = `Hello Chitter!\nSecond line <b>not bold</b> ${Date.now()}`;
  await postPeep(page, body);
  const first = page.getByRole('article').first();
  await expect(first.locator('.peep-body')).toHaveText(body);
  await expect(first.getByRole('link', { name: sam.name })).toBeVisible();
  const handle = first.getByRole('link', { name: `@${sam.username}` });
  await expect(handle).toHaveAttribute('href', `/u/${sam.username}`);
  const time = first.locator('time');
  await expect(time).toHaveText('now');
  expect(new Date((await time.getAttribute('datetime'))!).getTime()).toBeGreaterThan(Date.now() - 120_000);
  await expect(time).toHaveAttribute('title', /\d{4}, \d{1,2}:\d{2}/);
  await expect(page.getByLabel(/What’s happening/)).toHaveValue('');

  await logOut(page);
  await expect(page.getByRole('region', { name: /^Chitter is our community’s microblog/ })).toBeVisible();
  await expect(page.getByLabel(/What’s happening/)).toHaveCount(0);
  await expect(page.getByRole('article').first().locator('.peep-body')).toHaveText(body);

  await logIn(page, sam.email.toUpperCase(), sam.password);
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: `@${sam.username}` })).toBeVisible();
  expect(violations).toEqual([]);
});

test('a logged-out session cookie, replayed, is no longer logged in', async ({ page, browser }) => {
  const kim = newPerson('kim');
  await signUp(page, kim);
  const stolen = await page.context().cookies();
  await logOut(page);

  const replay = await browser.newContext();
  await replay.addCookies(stolen);
  const other = await replay.newPage();
  await other.goto('/');
  await expect(other.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' })).toBeVisible();
  await expect(other.getByLabel(/What’s happening/)).toHaveCount(0);
  await replay.close();
});

test('a wrong password and an unknown account get the same message', async ({ page }) => {
  const lee = newPerson('lee');
  await signUp(page, lee);
  await logOut(page);

  await logIn(page, lee.username, 'not my password at all');
  const message = page.getByRole('alert').filter({ hasText: 'do not match' });
  await expect(message).toHaveText('That email or username and password do not match an account');
  await expect(page.getByLabel('Email or username')).toHaveValue(lee.username);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');

  await logIn(page, 'nobody_by_this_name', 'not my password at all');
  await expect(message).toHaveText('That email or username and password do not match an account');
});

test('a taken username is reported next to the field and what was typed is kept', async ({ page }) => {
  const ana = newPerson('ana');
  await signUp(page, ana);
  await logOut(page);

  await page.goto('/signup');
  await page.getByLabel('Name', { exact: true }).fill('Another Ana');
  await page.getByLabel('Username', { exact: true }).fill(ana.username.toUpperCase());
  await page.getByLabel('Email', { exact: true }).fill(`other-${ana.email}`);
  await page.getByLabel('Password', { exact: true }).fill('another passphrase');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.locator('#field-username-error')).toHaveText('That username is taken');
  await expect(page.getByLabel('Username', { exact: true })).toHaveAccessibleDescription(/That username is taken/);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Another Ana');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a failed sign-up answers 409 with the field error, and a bad one 400', async ({ page }) => {
    const taken = newPerson('nojs');
    await signUp(page, taken);
    await page.context().clearCookies();

    await page.goto('/signup');
    await page.getByLabel('Name', { exact: true }).fill('No Script');
    await page.getByLabel('Username', { exact: true }).fill(taken.username);
    await page.getByLabel('Email', { exact: true }).fill(`x${taken.email}`);
    await page.getByLabel('Password', { exact: true }).fill('a long enough passphrase');
    const [conflict] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign up' }).click()]);
    expect(conflict.status()).toBe(409);
    await expect(page.locator('#field-username-error')).toHaveText('That username is taken');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('No Script');

    await page.getByLabel('Username', { exact: true }).fill('no spaces allowed');
    const [bad] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign up' }).click()]);
    expect(bad.status()).toBe(400);
    await expect(page.locator('#field-username-error')).toHaveText('Use only letters, digits and underscores');
  });

  test('a wrong log-in answers 401 and a peep can be posted and paged to without scripts', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email or username').fill('nobody_at_all');
    await page.getByLabel('Password', { exact: true }).fill('whatever it is');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Log in' }).click()]);
    expect(refused.status()).toBe(401);

    const ned = newPerson('ned');
    await signUp(page, ned);
    await postPeep(page, 'posted with scripts off');
    await expect(page.getByRole('article').first().locator('.peep-body')).toHaveText('posted with scripts off');
  });
});

test('a logged-out visitor is told in one line what Chitter is and invited to sign up or log in, above the peeps', async ({ page }) => {
  await page.goto('/');
  const landing = page.getByRole('region', { name: 'Chitter is our community’s microblog: short posts anyone can read, as they happen.' });
  await expect(landing).toBeVisible();
  await expect(page.getByLabel(/What’s happening/)).toHaveCount(0);
  await landing.getByRole('link', { name: 'Sign up' }).click();
  await expect(page).toHaveURL('/signup');
  await page.goBack();
  await landing.getByRole('link', { name: 'Log in' }).click();
  await expect(page).toHaveURL('/login');
});

test('a made-up page cursor is a 400 page, not a server error', async ({ page }) => {
  const response = await page.goto('/?before=not-a-real-cursor');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('heading', { name: 'That page link doesn’t work' })).toBeVisible();
  expect((await page.goto('/u/no_such_person_here'))?.status()).toBe(404);
});

test('every page carries the security headers and a per-request CSP nonce', async ({ request }) => {
  const policies = new Set<string>();
  for (const path of ['/', '/login', '/signup', '/', '/login']) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-powered-by']).toBeUndefined();
    const csp = headers['content-security-policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain('unsafe-inline');
    policies.add(csp);
  }
  expect(policies.size).toBe(5);
});

test('the session cookie is HttpOnly and SameSite=Lax', async ({ page }) => {
  await signUp(page, newPerson('coo'));
  const session = (await page.context().cookies()).find((c) => c.name.includes('session-token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});

test('the logged-out stream is served from a cache that a new peep empties at once, with a fresh nonce each time', async ({ page, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await anonymous.get('/');
  const first = await anonymous.get('/');
  const second = await anonymous.get('/');
  expect(first.headers()['x-chitter-cache']).toBe('hit');
  expect(second.headers()['x-chitter-cache']).toBe('hit');
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
  const [n1, n2] = [nonceOf(first.headers()['content-security-policy']), nonceOf(second.headers()['content-security-policy'])];
  expect(n1).toBeTruthy();
  expect(n1).not.toBe(n2);
  expect(await second.text()).toContain(`<script nonce="${n2}"`);
  expect(await second.text()).not.toContain(n1!);

  await signUp(page, newPerson('fresh'));
  const body = `fresh off the press ${Date.now()}`;
  await postPeep(page, body);
  await expect(page.getByRole('article').first().locator('.peep-body')).toHaveText(body);
  await expect.poll(async () => (await anonymous.get('/')).text(), { timeout: 1000, intervals: [100] }).toContain(body);
  await anonymous.dispose();
});
