import { addressedTo, headerOf, readMailbox, waitForMail } from './mailbox';
import { confirmAddress, expect, newPerson, postPeep, signUp, test } from './support';

test('a mention links to the person, emails them, and their one-click unsubscribe stops the next email', async ({ browser }) => {
  const bea = newPerson('bea');
  const cal = newPerson('cal');
  const sam = newPerson('sam');
  const beaPage = await (await browser.newContext()).newPage();
  await signUp(beaPage, bea);
  await confirmAddress(beaPage, bea);
  const calPage = await (await browser.newContext()).newPage();
  await signUp(calPage, cal);
  await confirmAddress(calPage, cal);
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
  const forBea = (await readMailbox()).filter((m) => addressedTo(m, bea.email) && m.subject?.includes('mentioned you'));
  expect(forBea.map((m) => m.subject)).toHaveLength(1);
});

test('the List-Unsubscribe link opened in a browser only asks, and a mail client’s one-click post unsubscribes with no log-in', async ({ page, browser, playwright }) => {
  const fay = newPerson('fay');
  const gus = newPerson('gus');
  await signUp(page, fay);
  await confirmAddress(page, fay);
  const gusPage = await (await browser.newContext()).newPage();
  await signUp(gusPage, gus);
  const body = `ping @${fay.username} ${Date.now()}`;
  await postPeep(gusPage, body);

  const mail = await waitForMail(fay.email, body);
  expect(headerOf(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  const link = /^<(https?:\/\/[^>]+)>$/.exec(headerOf(mail, 'List-Unsubscribe') ?? '')?.[1];
  expect(link).toBeTruthy();

  // Opened in a browser, here a logged-out one as on another device, the link shows the page that asks first.
  const elsewhere = await (await browser.newContext()).newPage();
  await elsewhere.goto(link!);
  await expect(elsewhere).toHaveURL(/\/unsubscribe\/[^/?]+$/);
  await expect(elsewhere.getByRole('heading', { name: 'Stop mention emails?' })).toBeVisible();
  await expect(elsewhere.getByRole('button', { name: 'Unsubscribe' })).toBeVisible();
  await page.goto('/settings');
  const box = page.getByLabel('Email me when someone mentions me in a peep');
  await expect(box).toBeChecked();

  // A mail client's one-click unsubscribe posts to that same link, without cookies (RFC 8058).
  const mailClient = await playwright.request.newContext();
  const posted = await mailClient.post(link!, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(posted.status()).toBe(200);
  await mailClient.dispose();
  await page.reload();
  await expect(box).not.toBeChecked();
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
