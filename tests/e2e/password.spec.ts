import AxeBuilder from '@axe-core/playwright';
import { waitForMail } from './mailbox';
import { confirmAddress, expect, logIn, newPerson, signUp, test, type Browser, type Page, type Person } from './support';

const SENT = 'If that account exists, we’ve sent a link.';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

const account = (page: Page) => page.getByRole('navigation', { name: 'Account' });

/** A person signed up and with their address confirmed, in a context of their own (JavaScript on), left logged in. */
async function confirmedPerson(browser: Browser, label: string): Promise<{ person: Person; page: Page }> {
  const person = newPerson(label);
  const page = await (await browser.newContext()).newPage();
  await signUp(page, person);
  await confirmAddress(page, person);
  return { person, page };
}

// Each story signs up and confirms an address, and hashes passwords several times: minutes on a busy machine.
test.describe.configure({ timeout: 180_000 });

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`forgot password, ${mode}: the same answer for any name, a link by mail, a new password, everyone logged out`, async ({ browser }) => {
    const { person, page: oldSession } = await confirmedPerson(browser, javaScriptEnabled ? 'fgj' : 'fgn');
    const page = await (await browser.newContext({ javaScriptEnabled })).newPage();

    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
    // A name with no account gets exactly the answer a real one does.
    await page.getByLabel('Email or username').fill(`nobody${Date.now().toString(36)}`);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByRole('status').filter({ hasText: SENT })).toBeVisible();
    await page.getByRole('link', { name: 'Ask again' }).click();
    await page.getByLabel('Email or username').fill(`@${person.username}`);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByRole('status').filter({ hasText: SENT })).toBeVisible();

    const mail = await waitForMail(person.email, '/reset/');
    expect(mail.subject).toBe('Reset your Chitter password');
    const link = /https?:\/\/\S+\/reset\/[A-Za-z0-9._-]+/.exec(mail.text ?? '')![0];
    // Opening the link only shows the form, as a mail scanner would see it.
    expect((await page.goto(link))?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    // Axe runs as a script in the page, so it checks the form where scripts run.
    if (javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByText('Passwords need at least 8 characters')).toBeVisible();
    const newPassword = 'a fresh new passphrase';
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your password was changed' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Log in to Chitter' })).toBeVisible();

    // The session that was open elsewhere has ended; the old password no longer works, the new one does.
    await oldSession.reload();
    await expect(account(oldSession).getByRole('link', { name: 'Log in' })).toBeVisible();
    await logIn(page, person.username, person.password);
    await expect(page.getByRole('alert').filter({ hasText: 'do not match an account' })).toBeVisible();
    await logIn(page, person.email, newPassword);
    await expect(account(page).getByRole('link', { name: `@${person.username}` })).toBeVisible();

    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    await expect(page.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
    await waitForMail(person.email, 'was just changed');
  });

  test(`change password in settings, ${mode}: the current one is checked, this session stays, the others end`, async ({ browser }) => {
    const { person, page: setUp } = await confirmedPerson(browser, javaScriptEnabled ? 'chj' : 'chn');
    const here = await (await browser.newContext({ javaScriptEnabled, storageState: await setUp.context().storageState() })).newPage();
    const elsewhere = await (await browser.newContext()).newPage();
    await logIn(elsewhere, person.username, person.password);
    await expect(account(elsewhere).getByRole('link', { name: `@${person.username}` })).toBeVisible();

    await here.goto('/settings');
    await here.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Password' }).click();
    await expect(here.getByRole('heading', { name: 'Password' })).toBeVisible();
    await here.getByLabel('Current password').fill('not my password at all');
    await here.getByLabel('New password').fill('a changed passphrase');
    await here.getByRole('button', { name: 'Change password' }).click();
    await expect(here.getByLabel('Current password')).toHaveAccessibleDescription('That isn’t your current password');
    if (javaScriptEnabled) expect(await seriousViolations(here)).toEqual([]);

    await here.getByLabel('Current password').fill(person.password);
    await here.getByLabel('New password').fill('a changed passphrase');
    await here.getByRole('button', { name: 'Change password' }).click();
    await expect(here.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();

    await here.reload();
    await expect(account(here).getByRole('link', { name: `@${person.username}` })).toBeVisible();
    await elsewhere.reload();
    await expect(account(elsewhere).getByRole('link', { name: 'Log in' })).toBeVisible();
    await logIn(elsewhere, person.username, 'a changed passphrase');
    await expect(account(elsewhere).getByRole('link', { name: `@${person.username}` })).toBeVisible();
    const notice = await waitForMail(person.email, 'was just changed');
    expect(notice.subject).toBe('Your Chitter password was changed');
  });
}

test('the forgot, reset and change-password pages fit a 375 px phone and pass axe there and on a desktop', async ({ browser }) => {
  const person = newPerson('fit');
  const setUp = await (await browser.newContext()).newPage();
  await signUp(setUp, person);
  const session = await setUp.context().storageState();
  const sizes = [
    { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
    { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true },
  ];
  const violations: string[] = [];
  for (const size of sizes) {
    const page = await (await browser.newContext({ ...size, storageState: session })).newPage();
    for (const path of ['/forgot', '/forgot?sent=1', '/reset/not-a-token', '/settings/password']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(size.viewport.width);
      violations.push(...(await seriousViolations(page)).map((v) => `${size.viewport.width} px, ${path}: ${v}`));
    }
  }
  expect(violations).toEqual([]);
});
