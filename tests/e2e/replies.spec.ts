import type { Locator } from '@playwright/test';
import { expect, newPerson, postPeep, signUp, test, type Browser, type Page, type Person } from './support';

/** Someone signed up in a context of their own, with `body` posted from the Everyone tab, and that peep's address. */
async function authorWithPeep(browser: Browser, label: string, body: string): Promise<{ person: Person; path: string }> {
  const person = newPerson(label);
  const page = await (await browser.newContext()).newPage();
  await signUp(page, person);
  await page.goto('/');
  await postPeep(page, body);
  const path = (await timeLink(page.getByRole('article').filter({ hasText: body })).getAttribute('href'))!;
  await page.context().close();
  return { person, path };
}

const peepWith = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text });
// A peep's time links to its page; without JavaScript it reads as a date rather than "now".
const timeLink = (peep: Locator) => peep.locator('a.peep-time');

for (const javaScriptEnabled of [true, false]) {
  test(`replying from a browser: Reply opens the box under the peep, and the reply shows there and in timelines (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const tag = Date.now().toString(36);
    const { person: ana, path } = await authorWithPeep(browser, javaScriptEnabled ? 'anajs' : 'ananojs', `what is for lunch ${tag}?`);

    const signing = await (await browser.newContext()).newPage();
    const bo = newPerson(javaScriptEnabled ? 'bojs' : 'bonojs');
    await signUp(signing, bo);
    const page = await (await browser.newContext({ javaScriptEnabled, storageState: await signing.context().storageState() })).newPage();
    await signing.context().close();

    await page.goto('/');
    await peepWith(page, `what is for lunch ${tag}?`).getByRole('link', { name: 'Reply', exact: true }).click();
    await expect(page).toHaveURL(`${path}?reply=1#peep-body`);
    const box = page.getByLabel(`Replying to @${ana.username}`);
    await expect(box).toBeFocused();
    await expect(box).toHaveValue(`@${ana.username} `);
    await box.press('End');
    await box.pressSequentially(`soup ${tag}`);
    await page.getByRole('button', { name: 'Reply', exact: true }).click();

    const replies = page.getByRole('list', { name: 'Replies' });
    await expect(replies.getByRole('article')).toHaveCount(1);
    await expect(replies.getByRole('article')).toContainText(`@${ana.username} soup ${tag}`);
    await expect(replies.getByRole('article')).toContainText(`Replying to @${ana.username}`);
    await expect(page.getByRole('heading', { name: 'Replies (1)' })).toBeVisible();
    // The answered peep counts it.
    await expect(page.locator('.single').getByRole('link', { name: '1 reply' })).toBeVisible();

    // On the Everyone tab the reply says whom it answers, linking to the peep, and the peep counts its reply.
    await page.goto('/');
    const reply = peepWith(page, `soup ${tag}`);
    await expect(reply.getByRole('link', { name: `@${ana.username}`, exact: true }).first()).toBeVisible();
    await expect(reply.getByText(`Replying to @${ana.username}`)).toBeVisible();
    await expect(reply.locator(`.replying-to a[href="${path}"]`)).toBeVisible();
    await expect(peepWith(page, `what is for lunch ${tag}?`).getByRole('link', { name: '1 reply' })).toBeVisible();

    // The reply's own page shows the peep it answers above it.
    await timeLink(reply).click();
    await expect(page.getByRole('list', { name: 'Earlier in the conversation' }).getByRole('article')).toContainText(`what is for lunch ${tag}?`);
    await page.context().close();
  });
}

test('a reply to a peep deleted while it was being written keeps its text and says why', async ({ browser }) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const ana = newPerson('anagone');
  const anaPage = await (await browser.newContext()).newPage();
  await signUp(anaPage, ana);
  await anaPage.goto('/');
  await postPeep(anaPage, `soon gone ${tag}`);
  const path = (await timeLink(peepWith(anaPage, `soon gone ${tag}`)).getAttribute('href'))!;

  const bo = newPerson('bogone');
  const page = await (await browser.newContext()).newPage();
  await signUp(page, bo);
  // As if the deletion's live update had not arrived yet (it would take the page to "not found").
  await page.route('**/api/live**', (route) => route.abort());
  await page.goto(path);
  await page.getByLabel(`Replying to @${ana.username}`).fill(`too late ${tag}`);

  await anaPage.goto(path);
  await anaPage.getByRole('button', { name: 'Delete this peep' }).click();
  await anaPage.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(anaPage).toHaveURL(`/u/${ana.username}`);

  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(page.getByText('The peep you’re replying to was deleted')).toBeVisible();
  await expect(page.getByLabel(`Replying to @${ana.username}`)).toHaveValue(`too late ${tag}`);
  await page.context().close();
  await anaPage.context().close();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a thread fits the screen: the peep above, the peep, the reply box and the replies', async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    const tag = Date.now().toString(36);
    const { person: ana, path } = await authorWithPeep(browser, 'anafon', `a question from a phone ${tag}`);
    const cy = newPerson('cyfon');
    await signUp(page, cy);
    await page.goto(path);
    await page.getByLabel(`Replying to @${ana.username}`).fill(`@${ana.username} an answer that is long enough to wrap onto a second line on a phone ${tag}`);
    await page.getByRole('button', { name: 'Reply', exact: true }).tap();
    const reply = page.getByRole('list', { name: 'Replies' }).getByRole('article');
    await expect(reply).toHaveCount(1);
    await timeLink(reply).tap();
    await expect(page.getByRole('list', { name: 'Earlier in the conversation' })).toBeVisible();
    await expect(page.getByLabel(`Replying to @${cy.username}`)).toBeVisible();
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await testInfo.attach('thread on a phone', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    await page.screenshot({ path: testInfo.outputPath('thread.phone.png'), fullPage: true });
  });
});
