import AxeBuilder from '@axe-core/playwright';
import { expect, newPerson, signUp, test, type Page } from './support';

const tokenList = (page: Page) => page.getByRole('list', { name: 'Your tokens' });

async function makeToken(page: Page, name: string): Promise<string> {
  await page.getByLabel('Token name').fill(name);
  await page.getByRole('button', { name: 'Make token' }).click();
  await expect(page.getByText(`Token “${name}” made. Copy it now: it won’t be shown again.`)).toBeVisible();
  const token = await page.getByLabel('Your new token').inputValue();
  expect(token).toMatch(/^chitter_[A-Za-z0-9_-]{43}$/);
  return token;
}

test('a token made in settings is shown once, works with the API until revoked, and is not a session', async ({ page, request }) => {
  test.setTimeout(120_000);
  const ada = newPerson('tokens');
  await signUp(page, ada);
  await page.goto('/settings');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
  await expect(page.getByText('You have no tokens.')).toBeVisible();

  const token = await makeToken(page, 'laptop terminal');
  await expect(page.getByLabel('Your new token')).toHaveAttribute('readonly', '');
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const listed = tokenList(page).getByRole('listitem').filter({ hasText: 'laptop terminal' });
  await expect(listed).toContainText('not used yet');

  const me = () => request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  const answer = await me();
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toEqual({ username: ada.username, name: ada.name });

  // Shown once: after a reload only its name is left.
  await page.reload();
  await expect(page.getByLabel('Your new token')).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  await expect(listed).toContainText('laptop terminal');
  await expect(listed).toContainText('last used');

  await page.goto('/settings/sessions');
  await expect(page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText('laptop terminal')).toHaveCount(0);

  await page.goto('/settings/tokens');
  await listed.getByRole('button', { name: 'Revoke laptop terminal' }).click();
  await expect(page.getByText('Token revoked.')).toBeVisible();
  await expect(page.getByText('You have no tokens.')).toBeVisible();
  const refused = await me();
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe('unauthorized');
});

test('tokens can be made and revoked without JavaScript, a bad name is refused beside its field, and the page fits a phone’s width', async ({ browser }) => {
  test.setTimeout(120_000);
  const bea = newPerson('tokensnojs');
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await signUp(page, bea);
  await page.goto('/settings/tokens');

  await page.getByLabel('Token name').fill('   ');
  await page.getByRole('button', { name: 'Make token' }).click();
  await expect(page.getByLabel('Token name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Name the token', { exact: true })).toBeVisible();

  await makeToken(page, 'backup script');
  await expect(tokenList(page).getByRole('listitem')).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await tokenList(page).getByRole('button', { name: 'Revoke backup script' }).click();
  await expect(page.getByText('Token revoked.')).toBeVisible();
  await expect(tokenList(page)).toHaveCount(0);
  await context.close();
});
