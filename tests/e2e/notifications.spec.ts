import AxeBuilder from '@axe-core/playwright';
import { expect, newPerson, postPeep, signUp, test, watchCsp, type Page } from './support';

const notificationsLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

// Names of their own: other tests find people by the first letters of their handles.
test('what B does to A reaches A’s header live on another page, and A’s notifications page shows it and clears the count', async ({ browser }) => {
  test.setTimeout(120_000);
  const ana = newPerson('nina');
  const ben = newPerson('nolan');
  const anaPage = await (await browser.newContext()).newPage();
  const violations = watchCsp(anaPage);
  await signUp(anaPage, ana);
  const body = `Something to notice ${Date.now()}`;
  await anaPage.goto('/');
  await postPeep(anaPage, body);
  const benPage = await (await browser.newContext()).newPage();
  await signUp(benPage, ben);

  // Ana reads the stream; Ben follows her, reposts and likes her peep and mentions her, and her count rises without a reload.
  await anaPage.goto('/');
  await expect(notificationsLink(anaPage, 'Notifications')).toBeVisible();
  await benPage.goto(`/u/${ana.username}`);
  await benPage.getByRole('button', { name: `Follow ${ana.name}` }).click();
  await expect(notificationsLink(anaPage, 'Notifications, 1 unread')).toBeVisible();
  await benPage.getByRole('article').filter({ hasText: body }).getByRole('button', { name: `Repost: peep by ${ana.name}` }).click();
  await expect(notificationsLink(anaPage, 'Notifications, 2 unread')).toBeVisible();
  await benPage.getByRole('article').filter({ hasText: body }).getByRole('button', { name: `Like: peep by ${ana.name}` }).click();
  await expect(notificationsLink(anaPage, 'Notifications, 3 unread')).toBeVisible();
  await benPage.goto('/');
  await postPeep(benPage, `Hello @${ana.username}`);
  await expect(notificationsLink(anaPage, 'Notifications, 4 unread')).toBeVisible();
  await expect(notificationsLink(anaPage, 'Notifications, 4 unread')).toContainText('4');

  // She opens them: newest first, each unread one marked, and the count clears once the page is shown.
  await notificationsLink(anaPage, 'Notifications, 4 unread').click();
  await expect(anaPage).toHaveURL('/notifications');
  const rows = anaPage.getByRole('list', { name: 'Notifications' }).getByRole('listitem').filter({ hasText: 'Unread:' });
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText(`${ben.name} mentioned you`);
  await expect(rows.nth(0).getByRole('article')).toContainText(`Hello @${ana.username}`);
  await expect(rows.nth(1)).toContainText(`${ben.name} liked your peep`);
  await expect(rows.nth(1)).toContainText(body);
  await expect(rows.nth(2)).toContainText(`${ben.name} reposted your peep`);
  await expect(rows.nth(2)).toContainText(body);
  await expect(rows.nth(3)).toContainText(`${ben.name} followed you`);
  await expect(notificationsLink(anaPage, 'Notifications')).toBeVisible();
  await expect(notificationsLink(anaPage, 'Notifications').locator('.unread-badge')).toHaveCount(0);

  // Off the link just clicked: the side nav's hover colour under the pointer is not this page's to check.
  await anaPage.mouse.move(600, 700);
  const axe = await new AxeBuilder({ page: anaPage }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`).join(', ')}`)).toEqual([]);

  // Read: on a fresh load nothing is marked, here or on any other page.
  await anaPage.reload();
  await expect(anaPage.getByRole('list', { name: 'Notifications' }).getByRole('listitem')).toHaveCount(4);
  await expect(anaPage.getByText('Unread:')).toHaveCount(0);
  await anaPage.goto('/');
  await expect(notificationsLink(anaPage, 'Notifications')).toBeVisible();

  // On a phone the bell is in the header, beside the handle, since the tab bar has no room for it.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, storageState: await anaPage.context().storageState() });
  const phonePage = await phone.newPage();
  const someone = newPerson('nora');
  await benPage.context().clearCookies();
  await signUp(benPage, someone);
  await benPage.goto(`/u/${ana.username}`);
  await benPage.getByRole('button', { name: `Follow ${ana.name}` }).click();
  await phonePage.goto('/');
  const bell = phonePage.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Notifications, 1 unread' });
  await expect(bell).toBeVisible();
  await bell.tap();
  await expect(phonePage).toHaveURL('/notifications');
  await expect(phonePage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notifications/ })).toBeHidden();
  await expect(phonePage.getByRole('list', { name: 'Notifications' }).getByRole('listitem').first()).toContainText(`${someone.name} and ${ben.name} followed you`);
  await expect(phonePage.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await phonePage.screenshot({ path: test.info().outputPath('notifications.phone.png'), fullPage: false });
  expect(violations).toEqual([]);
});

test('without JavaScript, “Mark all as read” marks them read, and opening the page alone does not', async ({ browser }) => {
  const ana = newPerson('noel');
  const ben = newPerson('noah');
  const anaContext = await browser.newContext();
  const anaPage = await anaContext.newPage();
  await signUp(anaPage, ana);
  const benPage = await (await browser.newContext()).newPage();
  await signUp(benPage, ben);
  await benPage.goto(`/u/${ana.username}`);
  await benPage.getByRole('button', { name: `Follow ${ana.name}` }).click();
  await expect(benPage.getByRole('button', { name: `Unfollow ${ana.name}` })).toBeVisible();

  const noScripts = await browser.newContext({ javaScriptEnabled: false, storageState: await anaContext.storageState() });
  const page = await noScripts.newPage();
  await page.goto('/notifications');
  await expect(page.getByRole('listitem').filter({ hasText: `${ben.name} followed you` })).toContainText('Unread:');
  // Loading the page (as a prefetch would) marked nothing read.
  await page.reload();
  await expect(notificationsLink(page, 'Notifications, 1 unread')).toBeVisible();
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(page).toHaveURL('/notifications');
  await expect(notificationsLink(page, 'Notifications')).toBeVisible();
  await expect(page.getByText('Unread:')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Mark all as read' })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: `${ben.name} followed you` })).toBeVisible();
});

test('the notifications page asks a logged-out visitor to log in and comes back', async ({ page }) => {
  const ana = newPerson('nell');
  await page.goto('/notifications');
  await expect(page).toHaveURL(/\/login\?next=(%2F|\/)notifications$/);
  await signUp(page, ana);
  await page.context().clearCookies();
  await page.goto('/notifications');
  await page.getByLabel('Email or username').fill(ana.username);
  await page.getByLabel('Password', { exact: true }).fill(ana.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL('/notifications');
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
});
