import AxeBuilder from '@axe-core/playwright';
import { encodeCursor } from '../../lib/cursor';
import { expect, newPerson, postPeep, signUp, test, type Page } from './support';

const SIZES = [
  { size: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
  { size: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

/** The serious and critical violations on the page as it stands, each naming where it was found. */
async function violationsOn(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The address of the newest peep's own page, from its time link. */
async function peepPath(page: Page, body: string): Promise<string> {
  const href = await page.getByRole('article').filter({ hasText: body }).first().getByRole('link', { name: 'now' }).getAttribute('href');
  expect(href).toMatch(/^\/p\/\d+$/);
  return href!;
}

// Every page of the app, logged out and logged in, in each state a person can bring it to, at both sizes.
test('every page, in each of its states, has no serious or critical accessibility violations on a desktop or a phone', async ({ page, browser }) => {
  test.setTimeout(600_000);
  const tag = Date.now().toString(36);

  // Someone else, with a peep: the one who is followed and reposted.
  const other = newPerson('axo');
  const otherBody = `a peep to repost ${tag}`;
  await signUp(page, other);
  await postPeep(page, otherBody);
  await page.goto('/');
  const otherPeep = await peepPath(page, otherBody);
  await page.context().clearCookies();

  const ada = newPerson('axa');
  const ownBody = `a peep of my own ${tag} #axe${tag}`;
  await signUp(page, ada);
  await page.goto(`/u/${other.username}`);
  await page.getByRole('button', { name: `Follow ${other.name}` }).click();
  await expect(page.getByRole('button', { name: `Unfollow ${other.name}` })).toBeVisible();
  await page.goto(otherPeep);
  await page.getByRole('button', { name: `Repost: peep by ${other.name}` }).click();
  await expect(page.getByRole('button', { name: `Reposted: peep by ${other.name}` })).toBeVisible();
  await page.getByRole('button', { name: `Like: peep by ${other.name}` }).click();
  await expect(page.getByRole('link', { name: '1 like', exact: true })).toBeVisible();
  // A reply, so the thread has one below its peep and the reply's own page has a peep above it.
  await page.getByLabel(`Replying to @${other.username}`).fill(`@${other.username} a reply ${tag}`);
  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  const replies = page.getByRole('list', { name: 'Replies' }).getByRole('article');
  await expect(replies).toHaveCount(1);
  const replyPeep = (await replies.getByRole('link', { name: 'now' }).getAttribute('href'))!;
  await page.goto('/following');
  await postPeep(page, ownBody);
  await expect(page.getByRole('article').filter({ hasText: otherBody })).toContainText(`reposted by ${ada.name}`);
  const ownPeep = await peepPath(page, ownBody);
  const session = await page.context().storageState();

  const loggedOutPaths = ['/', '/login', '/signup', `/u/${other.username}`, otherPeep, replyPeep, `/unsubscribe/not-a-token`, '/verify/not-a-token', '/verify/confirmed', '/no/such/page', '/forgot', '/forgot?sent=1', '/reset/not-a-token', '/undo-email/not-a-token', '/undo-email/done', '/goodbye', `${otherPeep}/likes`, `/tags/axe${tag}`];
  // A page of older peeps: everything before a moment from now, without the first page's compose box.
  const older = `/?before=${encodeCursor({ createdAt: new Date(Date.now() + 60_000), kind: 0, id: 1 })}`;
  const search = (q: string, tab = '') => `/search?${new URLSearchParams({ q, ...(tab && { tab }) })}`;
  const loggedInPaths = [
    '/',
    '/following',
    older,
    otherPeep,
    `${otherPeep}/likes`,
    `${otherPeep}?reply=1`,
    replyPeep,
    ownPeep,
    `${ownPeep}/delete`,
    search(other.username),
    search(tag, 'peeps'),
    search(`nobody${tag}`),
    '/settings',
    '/settings/password',
    `/u/${ada.username}`,
    `/u/${other.username}`,
    `/tags/axe${tag}`,
    `/tags/nothing${tag}`,
    `/u/${ada.username}/followers`,
    `/u/${ada.username}/following`,
    `/u/${other.username}/followers`,
    '/settings/email',
    '/settings/profile',
    '/settings/sessions',
    '/settings/tokens',
    '/settings/handle',
    '/settings/leave',
    '/notifications',
  ];

  const violations: string[] = [];
  for (const { size, ...device } of SIZES) {
    const visitor = await browser.newContext(device);
    const visitorPage = await visitor.newPage();
    for (const path of loggedOutPaths) {
      await visitorPage.goto(path);
      violations.push(...(await violationsOn(visitorPage, `${size}, logged out, ${path}`)));
    }
    await visitor.close();

    const context = await browser.newContext({ ...device, storageState: session });
    const me = await context.newPage();
    for (const path of loggedInPaths) {
      await me.goto(path);
      violations.push(...(await violationsOn(me, `${size}, ${path}`)));
    }

    // Delete asks in place before it deletes.
    await me.goto(ownPeep);
    await me.getByRole('button', { name: 'Delete this peep' }).click();
    await expect(me.getByRole('group', { name: 'Confirm deleting this peep' })).toBeVisible();
    violations.push(...(await violationsOn(me, `${size}, ${ownPeep} asking to delete`)));

    // Mute and block: the profile's More menu, the note on the profile while one stands, and settings listing it.
    const more = () => me.locator('summary').filter({ hasText: `More for @${other.username}` }).click();
    for (const [act, done, undo] of [['Mute', 'muted', 'Unmute'], ['Block', 'blocked', 'Unblock']]) {
      await me.goto(`/u/${other.username}`);
      await more();
      violations.push(...(await violationsOn(me, `${size}, /u/${other.username} with More open`)));
      await me.getByRole('button', { name: `${act} ${other.name}` }).click();
      await expect(me.getByText(`You’ve ${done} @${other.username}`)).toBeVisible();
      violations.push(...(await violationsOn(me, `${size}, /u/${other.username} ${done}`)));
      if (act === 'Block') {
        await me.goto(otherPeep);
        await expect(me.getByRole('heading', { name: 'This peep is hidden' })).toBeVisible();
        violations.push(...(await violationsOn(me, `${size}, ${otherPeep} hidden by a block`)));
      }
      await me.goto('/settings');
      violations.push(...(await violationsOn(me, `${size}, /settings listing someone ${done}`)));
      await me.getByRole('list', { name: `${act === 'Mute' ? 'Muted' : 'Blocked'} people` }).getByRole('button', { name: `${undo} ${other.name}` }).click();
      await expect(me.getByText(`You haven’t ${done} anyone.`)).toBeVisible();
    }

    // On a phone Who's online waits behind its heading; opened, it is checked too.
    await me.goto('/');
    if (size === 'phone') await me.getByRole('heading', { name: /Who’s online/ }).tap();
    await expect(me.getByRole('list', { name: 'People online' })).toBeVisible();
    violations.push(...(await violationsOn(me, `${size}, / with Who’s online open`)));

    // A click that doesn't get through says so beside its button.
    await context.setOffline(true);
    await me.getByRole('article').filter({ hasText: otherBody }).first().getByRole('button', { name: `Reposted: peep by ${other.name}` }).click();
    await me.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Log out' }).click();
    await expect(me.getByRole('alert').filter({ hasText: 'You’re offline' })).toHaveCount(2);
    violations.push(...(await violationsOn(me, `${size}, / after clicks offline`)));
    await context.close();
  }
  expect(violations).toEqual([]);
});
