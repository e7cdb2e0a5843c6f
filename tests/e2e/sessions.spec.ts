import AxeBuilder from '@axe-core/playwright';
import { expect, logIn, newPerson, postPeep, signUp, test, type Browser, type Page, type Person } from './support';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

const account = (page: Page) => page.getByRole('navigation', { name: 'Account' });
const sessionList = (page: Page) => page.getByRole('list', { name: 'Your sessions' });
const session = (page: Page, device: string) => sessionList(page).getByRole('listitem').filter({ hasText: device });

/** A browser of its own, telling Chitter it is `userAgent`, logged in as `person`. */
async function device(browser: Browser, person: Person, userAgent: string, { javaScriptEnabled = true } = {}): Promise<Page> {
  const page = await (await browser.newContext({ userAgent, javaScriptEnabled })).newPage();
  await logIn(page, person.username, person.password);
  await expect(account(page).getByRole('link', { name: `@${person.username}` })).toBeVisible();
  return page;
}

/** Fits a phone's width without scrolling sideways, and axe finds nothing serious or critical. */
async function expectFitsAndAccessible(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

async function expectLoggedOut(page: Page, path: string) {
  await page.goto(path);
  await expect(account(page).getByRole('link', { name: 'Log in' })).toBeVisible();
}

test('the sessions page names each device, and logging one out there logs that browser out at once: pages, posting and live updates', async ({ browser }) => {
  test.setTimeout(240_000);
  const ada = newPerson('sessa');
  // A narrow laptop window: the page must fit a phone's width as well.
  const laptop = await (await browser.newContext({ userAgent: FIREFOX_WINDOWS, viewport: { width: 375, height: 740 } })).newPage();
  await signUp(laptop, ada);
  const phone = await device(browser, ada, SAFARI_IPHONE);

  await laptop.goto('/settings/sessions');
  await expect(laptop.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible();
  await expect(sessionList(laptop).getByRole('listitem')).toHaveCount(2);
  const here = session(laptop, 'Firefox on Windows');
  await expect(here).toContainText('This device');
  await expect(here).toContainText('active now');
  await expect(here.getByRole('button')).toHaveCount(0);
  const there = session(laptop, 'Safari on iPhone');
  await expect(there).not.toContainText('This device');
  await expect(there.locator('time')).toHaveCount(2);
  await expect(there.locator('time').first()).toHaveText('now');
  await expectFitsAndAccessible(laptop);

  // The phone has its Following tab open, which hears of the peeps of people Ada follows as they come.
  const cal = newPerson('sessc');
  const calPage = await (await browser.newContext()).newPage();
  await signUp(calPage, cal);
  await laptop.goto(`/u/${cal.username}`);
  await laptop.getByRole('button', { name: `Follow ${cal.name}` }).click();
  await expect(laptop.getByRole('button', { name: `Unfollow ${cal.name}` })).toBeVisible();
  await phone.goto('/following');
  await postPeep(calPage, `Heard on the phone ${Date.now()}`);
  const pill = phone.getByRole('button', { name: /Show \d+ new peep/ });
  await expect(pill).toBeVisible();
  await pill.click();
  await expect(pill).toBeHidden();
  const draft = `Written on the phone ${Date.now()}`;
  await phone.getByLabel(/What’s happening/).fill(draft);

  await laptop.goto('/settings/sessions');
  await session(laptop, 'Safari on iPhone').getByRole('button', { name: 'Log out of Safari on iPhone' }).click();
  await expect(laptop.getByRole('status')).toHaveText('Logged out of that session. It’s logged out on its next request.');
  await expect(sessionList(laptop).getByRole('listitem')).toHaveCount(1);
  await expect(laptop.getByText('You aren’t logged in anywhere else.')).toBeVisible();
  await expectFitsAndAccessible(laptop);

  // Its live updates stop: a new peep is not announced on the open page.
  await postPeep(calPage, `Not heard on the phone ${Date.now()}`);
  await phone.waitForTimeout(3_000);
  await expect(pill).toBeHidden();

  // Posting is refused as logged out, and the draft is not posted.
  await phone.getByRole('button', { name: 'Peep', exact: true }).click();
  await expect(phone).toHaveURL(/\/login\?next=%2Ffollowing&ended=1$/);
  await expect(account(phone).getByRole('link', { name: 'Log in' })).toBeVisible();
  // Every page, including those the server keeps rendered for a person, is logged out.
  await expectLoggedOut(phone, '/');
  await expectLoggedOut(phone, `/u/${ada.username}`);
  await phone.goto('/settings/sessions');
  await expect(phone).toHaveURL(/\/login\?next=%2Fsettings%2Fsessions$/);

  // The laptop is still logged in, and the draft never became a peep.
  await laptop.goto(`/u/${ada.username}`);
  await expect(account(laptop).getByRole('link', { name: `@${ada.username}` })).toBeVisible();
  await expect(laptop.getByRole('article').filter({ hasText: draft })).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('one session and then all the others are logged out with plain forms, and their cookies stop working', async ({ page, browser }) => {
    test.setTimeout(240_000);
    const bea = newPerson('sessb');
    await signUp(page, bea);
    const phone = await device(browser, bea, SAFARI_IPHONE, { javaScriptEnabled: false });
    const tablet = await device(browser, bea, CHROME_ANDROID, { javaScriptEnabled: false });
    const desktop = await device(browser, bea, FIREFOX_WINDOWS, { javaScriptEnabled: false });

    await page.goto('/settings/sessions');
    await expect(sessionList(page).getByRole('listitem')).toHaveCount(4);
    await expect(sessionList(page).getByRole('listitem').first()).toContainText('This device');
    await session(page, 'Safari on iPhone').getByRole('button', { name: 'Log out of Safari on iPhone' }).click();
    await expect(page.getByRole('status')).toHaveText('Logged out of that session. It’s logged out on its next request.');
    await expect(sessionList(page).getByRole('listitem')).toHaveCount(3);
    await expect(session(page, 'Safari on iPhone')).toHaveCount(0);
    await expectLoggedOut(phone, '/following');
    // Only the phone was ended.
    await tablet.goto('/');
    await expect(account(tablet).getByRole('link', { name: `@${bea.username}` })).toBeVisible();

    await page.getByRole('button', { name: 'Log out of all other sessions' }).click();
    await expect(page.getByRole('status')).toHaveText('Logged out of 2 other sessions. Only this device is still logged in.');
    await expect(sessionList(page).getByRole('listitem')).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Log out of all other sessions' })).toHaveCount(0);
    await expectLoggedOut(tablet, '/');
    await expectLoggedOut(desktop, '/following');
    await page.goto('/');
    await expect(account(page).getByRole('link', { name: `@${bea.username}` })).toBeVisible();
  });
});
