import { expect, test } from '@playwright/test';
import { addressedTo, readMailbox, waitForMail } from './mailbox';
import { newPerson, postPeep, signUp } from './support';

test('a mention links to the person, emails them, and their one-click unsubscribe stops the next email', async ({ browser }) => {
  const bea = newPerson('bea');
  const cal = newPerson('cal');
  const sam = newPerson('sam');
  const beaPage = await (await browser.newContext()).newPage();
  await signUp(beaPage, bea);
  const calPage = await (await browser.newContext()).newPage();
  await signUp(calPage, cal);
  const samPage = await (await browser.newContext()).newPage();
  await signUp(samPage, sam);

  await samPage.getByLabel(/What’s happening/).fill('hey @nobody_here_zz');
  await expect(samPage.getByText('@nobody_here_zz isn’t on Chitter, so it will stay plain text.')).toBeVisible();

  const first = `hey @${bea.username}, lunch? ${Date.now()}`;
  await postPeep(samPage, first);
  const peep = samPage.getByRole('article').first();
  await expect(peep.getByRole('link', { name: `@${bea.username}` })).toHaveAttribute('href', `/u/${bea.username}`);

  const mail = await waitForMail(bea.email, first);
  expect(mail.subject).toBe(`${sam.name} (@${sam.username}) mentioned you on Chitter`);
  const unsubscribe = /https?:\/\/\S+\/unsubscribe\/[A-Za-z0-9._-]+/.exec(mail.text ?? '')?.[0];
  expect(unsubscribe).toBeTruthy();

  await beaPage.goto(unsubscribe!);
  await expect(beaPage.getByRole('heading', { name: 'Stop mention emails?' })).toBeVisible();
  await beaPage.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(beaPage.getByRole('heading', { name: 'You’re unsubscribed' })).toBeVisible();

  const second = `again @${bea.username} and @${cal.username} ${Date.now()}`;
  await postPeep(samPage, second);
  // Cal's copy arriving shows the worker has handled this peep; Bea's must not be among what arrived.
  await waitForMail(cal.email, second);
  const forBea = (await readMailbox()).filter((m) => addressedTo(m, bea.email));
  expect(forBea.map((m) => m.subject)).toHaveLength(1);
});

test('settings turn mention emails off and on', async ({ page }) => {
  await signUp(page, newPerson('set'));
  await page.goto('/settings');
  const box = page.getByLabel('Email me when someone mentions me in a peep');
  await expect(box).toBeChecked();
  await box.uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  await expect(box).not.toBeChecked();
  await page.reload();
  await expect(page.getByLabel('Email me when someone mentions me in a peep')).not.toBeChecked();
});

test('a tampered unsubscribe link is refused with a 400 page', async ({ page }) => {
  const response = await page.goto('/unsubscribe/1.mention.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('heading', { name: 'This unsubscribe link doesn’t work' })).toBeVisible();
});
