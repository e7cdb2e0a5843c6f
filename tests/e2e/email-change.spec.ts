import AxeBuilder from '@axe-core/playwright';
import { waitForMail } from './mailbox';
import { confirmAddress, expect, logIn, newPerson, signUp, test, type Page } from './support';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()}: ${v.id}`);
}

/** The change form on /settings/email, filled and sent as a person would. */
async function askForChange(page: Page, email: string, password: string) {
  await page.getByLabel('New email address').fill(email);
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Change email' }).click();
}

const linkIn = (text: string | undefined, path: string) => new RegExp(`https?://\\S+/${path}/[A-Za-z0-9._-]+`).exec(text ?? '')?.[0];

for (const javaScriptEnabled of [true, false]) {
  test(`changing a confirmed address: the new one is confirmed by its link, the old one is told and can undo it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const bea = newPerson(javaScriptEnabled ? 'emjs' : 'emnojs');
    await signUp(page, bea);
    await confirmAddress(page, bea);
    const context = await browser.newContext({ javaScriptEnabled, storageState: await page.context().storageState() });
    const me = await context.newPage();
    const newAddress = `new.${bea.email}`;

    await me.goto('/settings/email');
    await expect(me.getByRole('heading', { name: 'Email', exact: true })).toBeVisible();
    await expect(me.getByText(`Your address is ${bea.email} (confirmed)`)).toBeVisible();

    // A wrong password and the current address are each refused beside their field; what was typed stays.
    await askForChange(me, newAddress, 'not my password');
    await expect(me.locator('#field-password-error')).toHaveText('That isn’t your current password');
    await expect(me.getByLabel('New email address')).toHaveValue(newAddress);
    await askForChange(me, bea.email.toUpperCase(), bea.password);
    await expect(me.locator('#field-email-error')).toHaveText('That is already your address');

    // A change can be cancelled; then a new one waits for its link while the old address stays in charge.
    await askForChange(me, `cancelled.${bea.email}`, bea.password);
    await expect(me.getByText(`Pending: check cancelled.${bea.email}`)).toBeVisible();
    await me.getByRole('button', { name: 'Cancel this change' }).click();
    await expect(me.getByText(`Change cancelled. Your address is still ${bea.email}.`)).toBeVisible();
    await askForChange(me, newAddress, bea.password);
    const pending = me.getByRole('status').filter({ hasText: `Pending: check ${newAddress}` });
    await expect(pending).toContainText(`Chitter keeps using ${bea.email}`);
    // Axe runs in the page, so only where scripts may; the server sends the same HTML either way.
    if (javaScriptEnabled) expect(await seriousViolations(me)).toEqual([]);

    // The new address's link opens a page that only asks; its button makes the change.
    const verify = linkIn((await waitForMail(newAddress, '/verify/')).text, 'verify');
    expect(verify, 'a link in the mail to the new address').toBeTruthy();
    await me.goto(verify!);
    await expect(me.getByRole('heading', { name: 'Confirm your new email address' })).toBeVisible();
    await me.getByRole('button', { name: 'Confirm my new address' }).click();
    await expect(me.getByRole('heading', { name: 'Your new address is confirmed' })).toBeVisible();
    await me.goto('/settings/email');
    await expect(me.getByText(`Your address is ${newAddress} (confirmed)`)).toBeVisible();

    // The old address is told, with a link that puts it back: opened elsewhere, logged out, it asks first.
    const notice = await waitForMail(bea.email, '/undo-email/');
    expect(notice.subject).toBe('Your Chitter email address was changed');
    expect(notice.text).toContain(newAddress);
    const undo = linkIn(notice.text, 'undo-email')!;
    const mailbox = await browser.newContext({ javaScriptEnabled });
    const owner = await mailbox.newPage();
    expect((await owner.goto(undo))?.status()).toBe(200);
    await expect(owner.getByRole('heading', { name: 'Put your email address back' })).toBeVisible();
    if (javaScriptEnabled) expect(await seriousViolations(owner)).toEqual([]);
    await owner.getByRole('button', { name: 'Put my address back' }).click();
    await expect(owner.getByRole('heading', { name: 'Your address is back' })).toBeVisible();
    await expect(owner.getByRole('link', { name: 'Reset your password' })).toBeVisible();
    expect((await owner.goto(undo))?.status()).toBe(410);
    await expect(owner.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();

    // Every session of the account ended, this one included; the old address logs in again.
    await me.goto('/settings/email');
    await expect(me).toHaveURL(/\/login\?next=%2Fsettings%2Femail|\/login\?next=\/settings\/email/);
    await logIn(me, bea.email, bea.password);
    await expect(me.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: `@${bea.username}` })).toBeVisible();
    await me.goto('/settings/email');
    await expect(me.getByText(`Your address is ${bea.email} (confirmed)`)).toBeVisible();
    await mailbox.close();
    await context.close();
  });
}

test('an address never confirmed is replaced at once, and the new one gets the confirmation link', async ({ page }) => {
  const kim = newPerson('emunv');
  await signUp(page, kim);
  await page.goto('/settings/email');
  await expect(page.getByText(`Your address is ${kim.email} (not confirmed yet)`)).toBeVisible();
  const newAddress = `real.${kim.email}`;
  await askForChange(page, newAddress, kim.password);
  await expect(page.getByText(`Your address is ${newAddress} (not confirmed yet)`)).toBeVisible();
  await confirmAddress(page, { ...kim, email: newAddress });
  await page.goto('/settings/email');
  await expect(page.getByText(`Your address is ${newAddress} (confirmed)`)).toBeVisible();
});
