import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, logIn, newPerson, postPeep, signUp, test, type Browser, type Page, type Person } from './support';

/** A person signed up through the form, and a page of theirs with JavaScript on or off. */
async function personWithPage(browser: Browser, label: string, javaScriptEnabled: boolean): Promise<{ person: Person; page: Page }> {
  const person = newPerson(label);
  const signing = await browser.newContext();
  const first = await signing.newPage();
  await signUp(first, person);
  await postPeep(first, `a peep before leaving ${person.username}`);
  const context = await browser.newContext({ javaScriptEnabled, storageState: await signing.storageState() });
  await signing.close();
  return { person, page: await context.newPage() };
}

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`changing one’s handle leads the old address to the new one, ${how}`, async ({ browser }) => {
    // Two sign-ups and several password checks, each an argon2 hash.
    test.setTimeout(180_000);
    const { person, page } = await personWithPage(browser, 'renamer', javaScriptEnabled);
    const renamed = `${person.username.slice(0, 26)}_new`;
    await page.goto('/settings/handle');
    await expect(page.getByRole('heading', { name: 'Handle' })).toBeVisible();
    await expect(page.getByText(`Your handle is @${person.username}`)).toBeVisible();

    await page.getByLabel('New handle').fill(renamed);
    await page.getByLabel('Your password').fill('not my password');
    await page.getByRole('button', { name: 'Change handle' }).click();
    await expect(page.getByText('That is not your password')).toBeVisible();
    await expect(page.getByLabel('New handle')).toHaveValue(renamed);

    await page.getByLabel('New handle').fill('no spaces allowed');
    await page.getByLabel('Your password').fill(person.password);
    await page.getByRole('button', { name: 'Change handle' }).click();
    await expect(page.getByText('Use only letters, digits and underscores')).toBeVisible();

    await page.getByLabel('New handle').fill(renamed);
    await page.getByLabel('Your password').fill(person.password);
    await page.getByRole('button', { name: 'Change handle' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Your handle is now @${renamed}.` })).toBeVisible();
    await expect(page.getByText(`@${person.username.toLowerCase()} still leads to your profile`)).toBeVisible();
    await expect(page.getByText(/you can change it again on/)).toBeVisible();

    // The old address, its short form and its lists lead to the new one.
    const visitor = await (await browser.newContext({ javaScriptEnabled })).newPage();
    const response = await visitor.request.get(`/u/${person.username}`, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toBe(`/u/${renamed}`);
    await visitor.goto(`/@${person.username}`);
    await expect(visitor).toHaveURL(new RegExp(`/u/${renamed}$`));
    await expect(visitor.getByRole('heading', { name: person.name })).toBeVisible();
    await expect(visitor.locator('.profile .handle')).toHaveText(`@${renamed}`);
    await visitor.goto(`/u/${person.username}/followers`);
    await expect(visitor).toHaveURL(new RegExp(`/u/${renamed}/followers$`));

    // Another month must pass before the next change.
    await page.getByLabel('New handle').fill(`${renamed.slice(0, 26)}_two`);
    await page.getByLabel('Your password').fill(person.password);
    await page.getByRole('button', { name: 'Change handle' }).click();
    await expect(page.getByText(/You can change your handle once a month: next on/)).toBeVisible();

    // Nobody else can sign up as the old handle.
    const other = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await other.goto('/signup');
    await other.getByLabel('Name', { exact: true }).fill('Someone Else');
    await other.getByLabel('Username', { exact: true }).fill(person.username);
    await other.getByLabel('Email', { exact: true }).fill(`else-${person.email}`);
    await other.getByLabel('Password', { exact: true }).fill('a long enough passphrase');
    await other.getByRole('button', { name: 'Sign up' }).click();
    await expect(other.getByText('That username is taken')).toBeVisible();
  });

  test(`downloading one’s data, then deleting the account, ${how}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const { person, page } = await personWithPage(browser, 'leaver', javaScriptEnabled);
    await page.goto('/settings/leave');
    await expect(page.getByRole('heading', { name: 'Your data' })).toBeVisible();

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download my data' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`chitter-${person.username}.json`);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(data.profile).toMatchObject({ name: person.name, handle: person.username, email: person.email });
    expect(data.peeps.map((p: { text: string }) => p.text)).toEqual([`a peep before leaving ${person.username}`]);
    expect(data).toMatchObject({ reposts: [], following: [], followers: [], mutes: [], blocks: [] });

    // It says what goes before anything does.
    const section = page.getByRole('region', { name: 'Delete your account' });
    await expect(section).toContainText('all your peeps, and your reposts of other people’s');
    await expect(section).toContainText('kept from everyone for 30 days');

    await page.getByLabel('Your password').fill('not my password');
    await page.getByLabel(/I understand/).check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByText('That is not your password')).toBeVisible();

    await page.getByLabel('Your password').fill(person.password);
    if (await page.getByLabel(/I understand/).isChecked()) await page.getByLabel(/I understand/).uncheck();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByText('Tick the box to say you understand this cannot be undone')).toBeVisible();

    await page.getByLabel('Your password').fill(person.password);
    await page.getByLabel(/I understand/).check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByRole('heading', { name: 'Your account has been deleted' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' })).toBeVisible();

    // The profile is gone, and so is the log-in.
    const gone = await page.goto(`/u/${person.username}`);
    expect(gone?.status()).toBe(404);
    await logIn(page, person.username, person.password);
    await expect(page.getByText('That email or username and password do not match an account')).toBeVisible();
  });
}

/** The serious and critical accessibility violations on the page as it stands. */
async function violationsOn(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// The whole-app axe run lists these pages too; this checks them with their errors showing, and at a phone's 375 px.
test('the handle and your-data pages, errors showing, pass axe and fit a 375 px phone', async ({ browser }) => {
  test.setTimeout(240_000);
  const { page: first } = await personWithPage(browser, 'axehandle', true);
  const session = await first.context().storageState();
  const violations: string[] = [];
  for (const [size, device] of [
    ['desktop', { viewport: { width: 1280, height: 800 } }],
    ['phone', { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }],
  ] as const) {
    const context = await browser.newContext({ ...device, storageState: session });
    const page = await context.newPage();
    const fits = async (where: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(device.viewport.width);
    await page.goto('/settings/handle');
    violations.push(...(await violationsOn(page, `${size}, /settings/handle`)));
    await fits('/settings/handle');
    await page.getByLabel('New handle').fill('not a handle');
    await page.getByRole('button', { name: 'Change handle' }).click();
    await expect(page.getByText('Use only letters, digits and underscores')).toBeVisible();
    violations.push(...(await violationsOn(page, `${size}, /settings/handle with errors`)));

    await page.goto('/settings/leave');
    violations.push(...(await violationsOn(page, `${size}, /settings/leave`)));
    await fits('/settings/leave');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByText('Enter your password')).toBeVisible();
    violations.push(...(await violationsOn(page, `${size}, /settings/leave with errors`)));
    await context.close();
  }
  const visitor = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
  await visitor.goto('/goodbye');
  violations.push(...(await violationsOn(visitor, 'phone, /goodbye')));
  expect(violations).toEqual([]);
});
