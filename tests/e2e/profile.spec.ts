import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import { expect, newPerson, postPeep, signUp, test, type Page } from './support';

const png = (background: { r: number; g: number; b: number }) =>
  sharp({ create: { width: 300, height: 200, channels: 3, background } })
    .png()
    .toBuffer();

const peep = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text });

async function choosePicture(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.getByLabel('New picture').setInputFiles({ name, mimeType, buffer });
  await page.getByRole('button', { name: 'Upload picture' }).click();
}

/** The picture an <img> shows has loaded, at its fixed size. */
async function expectLoaded(page: Page, img: ReturnType<Page['locator']>) {
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a person sets their name and bio, uploads a picture that shows beside their peeps and on their profile, and removes it', async ({ page, browser }) => {
  test.slow();
  const bob = newPerson('mentioned');
  const bobContext = await browser.newContext();
  await signUp(await bobContext.newPage(), bob);
  await bobContext.close();

  const ann = newPerson('pictured');
  await signUp(page, ann);
  const said = `A peep with a face ${Date.now()}`;
  await postPeep(page, said);

  await page.goto('/settings/profile');
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Profile' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Display name').fill('  Ann Pictured  ');
  const bio = page.getByLabel('Bio');
  await bio.fill('x'.repeat(170));
  await expect(page.getByText('10 over the limit')).toBeVisible();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.locator('#field-bio-error')).toHaveText('Bios are at most 160 characters');
  await expect(bio).toHaveAttribute('aria-invalid', 'true');
  await bio.fill(`Painter 🎨. Ask @${bob.username} or @nobody_here about https://example.com/gallery/with/a/very/long/path/indeed`);
  await expect(page.getByText(/\d+ characters left/)).toBeVisible();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved.' })).toBeVisible();
  await expect(page.getByLabel('Display name')).toHaveValue('Ann Pictured');

  // The profile: the new name, the bio with its mention and its address as links, and initials until a picture.
  await page.goto(`/u/${ann.username}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Ann Pictured' })).toBeVisible();
  const shownBio = page.locator('.profile .bio');
  await expect(shownBio.getByRole('link', { name: `@${bob.username}` })).toHaveAttribute('href', `/u/${bob.username}`);
  await expect(shownBio.getByRole('link', { name: '@nobody_here' })).toHaveCount(0);
  const external = shownBio.getByRole('link', { name: 'example.com/gallery/with/a/very…' });
  await expect(external).toHaveAttribute('href', 'https://example.com/gallery/with/a/very/long/path/indeed');
  await expect(external).toHaveAttribute('rel', 'nofollow noopener ugc');
  await expect(peep(page, said).getByRole('link', { name: 'Ann Pictured' })).toBeVisible();
  await expect(page.locator('.profile-head img.avatar')).toHaveCount(0);

  // A text file named like a picture is refused by what it is; the field says so.
  await page.goto('/settings/profile');
  await choosePicture(page, 'holiday.png', 'image/png', Buffer.from('not a picture at all'));
  await expect(page.locator('#field-picture-error')).toHaveText('That isn’t a JPEG, PNG, WebP or GIF picture');
  // Over 2 MB is refused before it is sent.
  await page.getByLabel('New picture').setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(3 * 1024 * 1024, 1) });
  await expect(page.locator('#field-picture-error')).toHaveText('Pictures can be at most 2 MB');
  await expect(page.getByRole('button', { name: 'Upload picture' })).toBeDisabled();

  await choosePicture(page, 'me.png', 'image/png', await png({ r: 200, g: 40, b: 40 }));
  await expect(page.getByRole('status').filter({ hasText: 'Picture saved.' })).toBeVisible();
  await expectLoaded(page, page.getByRole('img', { name: 'Your picture' }));
  expect(await seriousViolations(page)).toEqual([]);

  // Beside the peep on the timeline, fixed in size and decorative (the name is beside it), and on the profile.
  await page.goto('/following');
  const beside = peep(page, said).locator('img.avatar');
  await expectLoaded(page, beside);
  await expect(beside).toHaveAttribute('alt', '');
  await expect(beside).toHaveAttribute('width', '44');
  const src = (await beside.getAttribute('src'))!;
  expect(src).toMatch(/^\/avatars\/\d+\/48\.webp$/);
  await expect(beside).toHaveAttribute('srcset', `${src} 1x, ${src.replace('48.webp', '96.webp')} 2x`);
  const served = await page.request.get(src);
  expect(served.status()).toBe(200);
  expect(served.headers()).toMatchObject({ 'content-type': 'image/webp', 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
  await page.goto(`/u/${ann.username}`);
  await expectLoaded(page, page.locator('.profile-head img.avatar'));
  await expect(page.locator('.profile-head img.avatar')).toHaveAttribute('src', src.replace('48.webp', '96.webp'));

  // Removed: initials again everywhere, and the old picture's address is gone.
  await page.goto('/settings/profile');
  await page.getByRole('button', { name: 'Remove picture' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Picture removed.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove picture' })).toHaveCount(0);
  await page.goto('/following');
  await expect(peep(page, said).locator('img.avatar')).toHaveCount(0);
  await expect(peep(page, said).locator('.avatar')).toHaveText('AP');
  expect((await page.request.get(src)).status()).toBe(404);
});

test('without JavaScript the profile form and the picture upload work as plain forms', async ({ browser, page }) => {
  test.slow();
  const cat = newPerson('noscript');
  await signUp(page, cat);
  const said = `No scripts here ${Date.now()}`;
  await postPeep(page, said);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await context.newPage();

  await plain.goto('/settings/profile');
  await plain.getByLabel('Display name').fill('');
  const refused = plain.waitForResponse((r) => r.request().method() === 'POST');
  await plain.getByRole('button', { name: 'Save profile' }).click();
  expect((await refused).status()).toBe(400);
  await expect(plain.locator('#field-name-error')).toHaveText('Enter your name');
  await plain.getByLabel('Display name').fill('Cat Plain');
  await plain.getByLabel('Bio').fill('Reads at www.example.org');
  await plain.getByRole('button', { name: 'Save profile' }).click();
  await expect(plain.getByRole('status').filter({ hasText: 'Profile saved.' })).toBeVisible();

  await choosePicture(plain, 'notes.gif', 'image/gif', Buffer.from('GIF? no'));
  await expect(plain.locator('#field-picture-error')).toHaveText('That isn’t a JPEG, PNG, WebP or GIF picture');
  const gif = await sharp({ create: { width: 80, height: 120, channels: 3, background: { r: 30, g: 30, b: 200 } } }).gif().toBuffer();
  await choosePicture(plain, 'me.gif', 'image/gif', gif);
  await expect(plain.getByRole('status').filter({ hasText: 'Picture saved.' })).toBeVisible();

  await plain.goto(`/u/${cat.username}`);
  await expect(plain.getByRole('heading', { level: 1, name: 'Cat Plain' })).toBeVisible();
  await expect(plain.locator('.profile .bio').getByRole('link', { name: 'example.org' })).toHaveAttribute('href', 'http://www.example.org');
  await expectLoaded(plain, peep(plain, said).locator('img.avatar'));

  await plain.goto('/settings/profile');
  await plain.getByRole('button', { name: 'Remove picture' }).click();
  await expect(plain.getByRole('status').filter({ hasText: 'Picture removed.' })).toBeVisible();
  await context.close();
});

test('only the profile page takes a picture-sized body: 3 MB there and 2.5 MB anywhere else are refused with 413', async ({ page }) => {
  const dan = newPerson('bodies');
  await signUp(page, dan);
  const origin = new URL(page.url()).origin;
  const post = (path: string, bytes: number) =>
    page.request.post(path, { multipart: { picture: { name: 'big.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(bytes, 7) } }, headers: { origin }, maxRedirects: 0 });
  const tooBig = await post('/settings/profile', 3 * 1024 * 1024);
  expect(tooBig.status()).toBe(413);
  expect(await tooBig.text()).toContain('A picture can be at most 2 MB');
  for (const path of ['/following', '/settings', '/settings/password', '/u/' + dan.username]) expect((await post(path, 2.5 * 1024 * 1024)).status(), path).toBe(413);
  // A 100 KB body, past every other path's bound, reaches the profile page.
  expect((await post('/settings/profile', 100 * 1024)).status()).not.toBe(413);
});

test('the profile and its settings fit a phone, 375 px wide, with nothing wider than the screen', async ({ browser, page }, testInfo) => {
  test.slow();
  const eve = newPerson('phone');
  await signUp(page, eve);
  await page.goto('/settings/profile');
  await page.getByLabel('Bio').fill('A long bio to wrap: https://example.com/a/really/long/address/that/goes/on/and/on and @someone');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved.' })).toBeVisible();
  await choosePicture(page, 'me.png', 'image/png', await png({ r: 40, g: 160, b: 40 }));
  await expect(page.getByRole('status').filter({ hasText: 'Picture saved.' })).toBeVisible();
  const phone = await browser.newContext({
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
    storageState: await page.context().storageState(),
  });
  const small = await phone.newPage();
  for (const [path, file] of [
    ['/settings/profile', 'phone-settings-profile.png'],
    [`/u/${eve.username}`, 'phone-profile.png'],
  ] as const) {
    await small.goto(path);
    await expectLoaded(small, small.locator('img.avatar').first());
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(small)).toEqual([]);
    await small.screenshot({ path: testInfo.outputPath(file), fullPage: true });
  }
  await phone.close();
});
