import { clearOfLimitEdge } from '../support/rate-windows';
import { clientAddress, expect, logIn, logOut, newPerson, signUp, test } from './support';

const LOG_INS_PER_ADDRESS = 25;

test('after 25 log-in tries from one address the next is refused, for every browser there, while another address logs in', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  // All the tries must fall in one window, or the count starts again part way through.
  await clearOfLimitEdge(45_000, 5 * 60_000);

  const neighbour = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientAddress(testInfo, 'neighbour') } })).newPage();
  const vic = newPerson('vic');
  await signUp(neighbour, vic);
  await logOut(neighbour);

  for (let i = 1; i <= LOG_INS_PER_ADDRESS; i++) {
    await logIn(page, `nobody_${i}_here`, 'not the password');
    await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible();
  }
  // The right password does not help once this address has used its tries, nor does another browser behind it.
  await logIn(page, vic.username, vic.password);
  await expect(page.getByRole('alert').filter({ hasText: 'Too many' })).toHaveText(/^Too many attempts, try again in [1-5] minutes?$/);
  const sameAddress = await (await browser.newContext()).newPage();
  await logIn(sameAddress, vic.username, vic.password);
  await expect(sameAddress.getByRole('alert').filter({ hasText: 'Too many' })).toBeVisible();

  await logIn(neighbour, vic.username, vic.password);
  await expect(neighbour.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: `@${vic.username}` })).toBeVisible();
});
