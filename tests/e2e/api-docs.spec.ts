import AxeBuilder from '@axe-core/playwright';
import { expect, newPerson, signUp, test } from './support';

// The API reference: read by people deciding whether and how to script Chitter, on any screen.
test('the API reference lists every endpoint with an example, and is found from Settings', async ({ page, request }) => {
  const doc = (await (await request.get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId: string; summary: string }>> };
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { level: 1, name: 'Chitter API' })).toBeVisible();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const endpoint = page.getByRole('article', { name: `${method.toUpperCase()} ${path}`, exact: true });
      await expect(endpoint).toContainText(op.summary);
      await expect(endpoint.getByText(/^curl /)).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Endpoints' }).getByRole('link', { name: `${method.toUpperCase()} ${path}`, exact: true })).toHaveAttribute('href', `#op-${op.operationId}`);
    }
  }
  const logIn = page.getByRole('article', { name: 'POST /login', exact: true });
  await expect(logIn.getByText(/"identifier":"ana"/)).toBeVisible();
  await expect(logIn).toContainText('429');

  await signUp(page, newPerson('apidoc'));
  await page.goto('/settings');
  await page.getByRole('link', { name: 'API reference' }).click();
  await expect(page).toHaveURL('/api/docs');
});

for (const size of [
  { name: 'a desktop', viewport: { width: 1280, height: 800 }, isMobile: false },
  { name: 'a phone', viewport: { width: 390, height: 844 }, isMobile: true },
]) {
  test(`the API reference has no serious accessibility violations and fits ${size.name} without sideways scrolling`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.isMobile });
    const page = await context.newPage();
    await page.goto('/api/docs');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.viewport.width);
    await context.close();
  });
}
