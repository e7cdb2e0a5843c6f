import { expect, newPerson, postPeep, signUp, test, type Browser, type Page } from './support';

async function openPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

const peep = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text });

async function choose(page: Page, username: string, button: string) {
  await page.goto(`/u/${username}`);
  await page.locator('summary').filter({ hasText: `More for @${username}` }).click();
  await page.getByRole('button', { name: button }).click();
}

test('muting hides someone’s peeps from one’s own timelines without telling them; settings lists it and undoes it', async ({ browser }) => {
  test.slow();
  const ann = newPerson('muter');
  const bob = newPerson('muted');
  const annPage = await openPage(browser);
  const bobPage = await openPage(browser);
  await signUp(annPage, ann);
  await signUp(bobPage, bob);
  const said = `Bob goes on about trains ${Date.now()}`;
  await postPeep(bobPage, said);
  await annPage.goto(`/u/${bob.username}`);
  await annPage.getByRole('button', { name: `Follow ${bob.name}` }).click();
  // Leaving before the follow is answered could cut it off: with two instances, CI once read Following without it.
  await expect(annPage.getByRole('button', { name: `Unfollow ${bob.name}` })).toBeVisible();
  await annPage.goto('/following');
  await expect(peep(annPage, said)).toBeVisible();

  await choose(annPage, bob.username, `Mute ${bob.name}`);
  await expect(annPage.getByText(`You’ve muted @${bob.username}.`)).toBeVisible();
  // Their profile still shows their peeps (Ann went there on purpose); her timelines do not.
  await expect(peep(annPage, said)).toBeVisible();
  await annPage.goto('/following');
  await expect(peep(annPage, said)).toHaveCount(0);
  await annPage.goto('/');
  await expect(peep(annPage, said)).toHaveCount(0);
  // Live, too: with Everyone open, Bob's next peep never reaches Ann's page; someone else's does.
  const cal = newPerson('other');
  const calPage = await openPage(browser);
  await signUp(calPage, cal);
  const again = `Bob again ${Date.now()}`;
  await postPeep(bobPage, again);
  const calSaid = `Cal says hi ${Date.now()}`;
  await postPeep(calPage, calSaid);
  await annPage.getByRole('button', { name: 'Show 1 new peep' }).click();
  await expect(peep(annPage, calSaid)).toBeVisible();
  await expect(peep(annPage, again)).toHaveCount(0);
  await expect(annPage.getByRole('button', { name: /new peep/ })).toHaveCount(0);
  // On the Following tab, a repost of Bob's peep by someone Ann follows never reaches her either.
  await annPage.goto(`/u/${cal.username}`);
  await annPage.getByRole('button', { name: `Follow ${cal.name}` }).click();
  await expect(annPage.getByRole('button', { name: `Unfollow ${cal.name}` })).toBeVisible();
  await annPage.goto('/following');
  await calPage.goto(`/u/${bob.username}`);
  await peep(calPage, said).getByRole('button', { name: `Repost: peep by ${bob.name}` }).click();
  await expect(peep(calPage, said).getByRole('button', { name: `Reposted: peep by ${bob.name}` })).toBeVisible();
  const calAgain = `Cal again ${Date.now()}`;
  await calPage.goto('/');
  await postPeep(calPage, calAgain);
  await annPage.getByRole('button', { name: 'Show 1 new peep' }).click();
  await expect(peep(annPage, calAgain)).toBeVisible();
  await expect(peep(annPage, said)).toHaveCount(0);
  // Bob is not told: Ann still follows him and his profile looks as before to him.
  await bobPage.goto(`/u/${bob.username}`);
  await expect(bobPage.getByText('1 follower', { exact: true })).toBeVisible();
  await expect(bobPage.getByText(/muted you|You’ve muted/)).toHaveCount(0);

  await annPage.goto('/settings');
  const muted = annPage.getByRole('list', { name: 'Muted people' });
  await expect(muted.getByRole('link', { name: bob.name })).toBeVisible();
  await muted.getByRole('button', { name: `Unmute ${bob.name}` }).click();
  await expect(annPage.getByRole('list', { name: 'Muted people' })).toHaveCount(0);
  await expect(annPage.getByText('You haven’t muted anyone.')).toBeVisible();
  await annPage.goto('/following');
  await expect(peep(annPage, said)).toBeVisible();
});

test('blocking ends follows both ways, keeps them from following back, and hides each from the other until unblocked', async ({ browser }) => {
  test.slow();
  const ann = newPerson('blocker');
  const bob = newPerson('blocked');
  const annPage = await openPage(browser);
  const bobPage = await openPage(browser);
  await signUp(annPage, ann);
  await signUp(bobPage, bob);
  const annSaid = `Ann’s thoughts ${Date.now()}`;
  const bobSaid = `Bob’s replies ${Date.now()}`;
  await postPeep(annPage, annSaid);
  const annPeepPath = await peep(annPage, annSaid).getByRole('link', { name: 'now' }).getAttribute('href');
  expect(annPeepPath).toMatch(/^\/p\/\d+$/);
  await postPeep(bobPage, bobSaid);
  await bobPage.goto(`/u/${ann.username}`);
  await bobPage.getByRole('button', { name: `Follow ${ann.name}` }).click();
  await expect(bobPage.getByText('1 follower', { exact: true })).toBeVisible();

  await choose(annPage, bob.username, `Block ${bob.name}`);
  await expect(annPage.getByText(`You’ve blocked @${bob.username}:`)).toBeVisible();
  await expect(annPage.getByRole('button', { name: `Follow ${bob.name}` })).toHaveCount(0);
  await annPage.goto('/');
  await expect(peep(annPage, bobSaid)).toHaveCount(0);
  await expect(peep(annPage, annSaid)).toBeVisible();

  // Bob no longer follows Ann, cannot follow her again, and does not see her peeps.
  await bobPage.goto(`/u/${ann.username}`);
  await expect(bobPage.getByText(`@${ann.username} has blocked you.`)).toBeVisible();
  await expect(bobPage.getByText('0 followers', { exact: true })).toBeVisible();
  await expect(bobPage.getByRole('button', { name: `Follow ${ann.name}` })).toHaveCount(0);
  await expect(peep(bobPage, annSaid)).toHaveCount(0);
  await bobPage.goto('/');
  await expect(peep(bobPage, annSaid)).toHaveCount(0);
  await expect(peep(bobPage, bobSaid)).toBeVisible();
  // Nor at the peep's own address.
  await bobPage.goto(annPeepPath!);
  await expect(bobPage.getByRole('heading', { name: 'This peep is hidden' })).toBeVisible();
  await expect(bobPage.getByText(annSaid)).toHaveCount(0);

  // Undone from settings: they see each other again, and the follow the block ended stays ended.
  await annPage.goto('/settings');
  await annPage.getByRole('list', { name: 'Blocked people' }).getByRole('button', { name: `Unblock ${bob.name}` }).click();
  await expect(annPage.getByText('You haven’t blocked anyone.')).toBeVisible();
  await bobPage.goto(`/u/${ann.username}`);
  await expect(peep(bobPage, annSaid)).toBeVisible();
  await expect(bobPage.getByRole('button', { name: `Follow ${ann.name}` })).toBeVisible();
  await bobPage.goto(annPeepPath!);
  await expect(peep(bobPage, annSaid)).toBeVisible();
});
