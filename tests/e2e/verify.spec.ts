import { addressedTo, readMailbox, waitForMail } from './mailbox';
import { confirmAddress, expect, newPerson, postPeep, signUp, test } from './support';

test('a new account is asked to confirm its address, can resend within limits, and confirms with a button, once', async ({ page, browser }) => {
  const ivy = newPerson('ivy');
  await signUp(page, ivy);
  const banner = page.getByRole('region', { name: 'Confirm your email address.' });
  await expect(banner).toContainText(`We sent a link to ${ivy.email}`);

  await banner.getByRole('button', { name: 'Resend' }).click();
  await expect(banner.getByText('Sent. Check your inbox for a new link; it works for 24 hours.')).toBeVisible();
  await banner.getByRole('button', { name: 'Resend' }).click();
  await expect(banner.getByText(/We just sent you a link\. You can ask for another in \d+ seconds?\./)).toBeVisible();
  // Both links arrive; the page a link opens only asks, so a mail scanner that fetches it confirms nothing.
  await expect.poll(async () => (await readMailbox()).filter((m) => addressedTo(m, ivy.email)).length).toBe(2);
  const scanner = await (await browser.newContext()).newPage();
  const first = /https?:\/\/\S+\/verify\/[A-Za-z0-9._-]+/.exec((await waitForMail(ivy.email, '/verify/')).text ?? '')![0];
  expect((await scanner.goto(first))?.status()).toBe(200);
  await page.reload();
  await expect(banner).toBeVisible();

  const link = await confirmAddress(page, ivy);
  await expect(banner).toHaveCount(0);
  const again = await page.goto(link);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();

  const bad = await scanner.goto('/verify/AAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  expect(bad?.status()).toBe(400);
  await expect(scanner.getByRole('heading', { name: 'This link doesn’t work' })).toBeVisible();
  await expect(scanner.getByRole('link', { name: 'Log in' }).last()).toBeVisible();
});

test('an author who mentions more people than one peep may email is told so by the compose box, and the peep is posted', async ({ page, browser }) => {
  const friends = Array.from({ length: 6 }, (_, i) => newPerson(`f${i}x`));
  for (const friend of friends) {
    const other = await browser.newContext();
    await signUp(await other.newPage(), friend);
    await other.close();
  }
  await signUp(page, newPerson('host'));
  const body = `picnic ${friends.map((f) => `@${f.username}`).join(' ')}`;
  await postPeep(page, body);
  await expect(page.getByRole('status').filter({ hasText: 'Only the first 5 of the 6 people you mentioned' })).toHaveText(
    'Only the first 5 of the 6 people you mentioned can get an email about this peep; the others will see it on Chitter.',
  );
  await expect(page.getByRole('article').first().locator('.peep-body')).toHaveText(body);
  await expect(page.getByLabel(/What’s happening/)).toHaveValue('');
});
