import { expect, newPerson, postPeep, signUp, test, watchCsp } from './support';

// Names of their own: other tests find people by the first letters of their handles.
test('a new peep reaches an open page behind a pill, counted in the title, and shows once when asked for', async ({ browser }) => {
  const ann = newPerson('rae');
  const bob = newPerson('zed');
  const annPage = await (await browser.newContext()).newPage();
  const violations = watchCsp(annPage);
  await signUp(annPage, ann);
  const bobPage = await (await browser.newContext()).newPage();
  await signUp(bobPage, bob);

  await annPage.goto('/');
  await expect(annPage.getByRole('heading', { name: 'Who’s online' })).toBeVisible();
  const before = await annPage.getByRole('article').count();
  const title = await annPage.title();

  const body = `Live from Bob ${Date.now()}`;
  await bobPage.goto('/');
  await postPeep(bobPage, body);

  // Ann's page does not move: the peep waits behind the pill, and the tab's title counts it.
  const pill = annPage.getByRole('button', { name: 'Show 1 new peep' });
  await expect(pill).toBeVisible();
  await expect(annPage).toHaveTitle(`(1) ${title}`);
  await expect(annPage.getByRole('article').filter({ hasText: body })).toHaveCount(0);
  expect(await annPage.getByRole('article').count()).toBe(before);

  await pill.click();
  await expect(annPage.getByRole('article').filter({ hasText: body })).toHaveCount(1);
  await expect(pill).toBeHidden();
  await expect(annPage).toHaveTitle(title);

  // Bob deletes it; it disappears from Ann's open page without a reload.
  await bobPage.getByRole('article').filter({ hasText: body }).getByRole('button', { name: 'Delete this peep' }).click();
  await bobPage.getByRole('group', { name: 'Confirm deleting this peep' }).getByRole('button', { name: 'Yes, delete' }).click();
  await expect(annPage.getByRole('article').filter({ hasText: body })).toBeHidden();
  expect(violations).toEqual([]);
});
