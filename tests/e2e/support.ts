import { createHash } from 'node:crypto';
import { test as base, expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { waitForMail } from './mailbox';

export { expect };
export type { Browser, Page } from '@playwright/test';

/**
 * The address this test reaches Chitter from, as the server believes it. The e2e servers run with TRUST_PROXY=true
 * and take the last hop of X-Forwarded-For as the client, so each test gets rate-limit budgets of its own (25 log-ins
 * and 25 sign-ups per 5 minutes per address) and adding tests cannot use up another test's. Derived from the test's
 * id, retry and repeat, so it is stable within a run and different across tests; `label` gives a second, different
 * address in the same test. It is only a header value: nothing is sent to it.
 */
export function clientAddress(info: TestInfo, label = ''): string {
  const [a, b, c] = createHash('sha256').update(`${info.testId}/${info.retry}/${info.repeatEachIndex}/${label}`).digest();
  // 10.0.x.x is left to playwright.config.ts's default for specs that do not import this file.
  return `10.${1 + (a % 255)}.${b}.${c}`;
}

/**
 * Playwright's test with every context on this test's own address. Through `extraHTTPHeaders` it reaches `page`,
 * `context` and `request`, and Playwright applies the same option to each `browser.newContext()` and
 * `playwright.request.newContext()` a test makes, unless that call passes its own `extraHTTPHeaders`.
 */
export const test = base.extend({
  // Not named `use`, which React's lint rules would take for a hook.
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide, testInfo) => {
    await provide({ ...extraHTTPHeaders, 'X-Forwarded-For': clientAddress(testInfo) });
  },
});

export type Person = { name: string; username: string; email: string; password: string };

export function newPerson(label: string): Person {
  const tag = `${label}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(0, 30);
  return { name: `${label[0].toUpperCase()}${label.slice(1)} Tester`, username: tag, email: `${tag}@example.com`, password: 'a long enough passphrase' };
}

/** Page object for the sign-up and log-in forms, driven by their labels as a person would. */
export async function signUp(page: Page, person: Person) {
  await page.goto('/signup');
  await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Username', { exact: true }).fill(person.username);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: `@${person.username}` })).toBeVisible();
}

/** Opens the verification link from the person's mailbox and confirms, as they would from their email. */
export async function confirmAddress(page: Page, person: Person) {
  const mail = await waitForMail(person.email, '/verify/');
  const link = /https?:\/\/\S+\/verify\/[A-Za-z0-9._-]+/.exec(mail.text ?? '')?.[0];
  expect(link, 'a verification link in the mail').toBeTruthy();
  await page.goto(link!);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page.getByRole('heading', { name: 'Your address is confirmed' })).toBeVisible();
  return link!;
}

export async function logIn(page: Page, identifier: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' })).toBeVisible();
}

/** Posts from the compose box and returns once the post is answered, so a navigation right after cannot cancel it. */
export async function postPeep(page: Page, body: string) {
  const box = page.getByLabel(/What’s happening/);
  await box.fill(body);
  await page.getByRole('button', { name: 'Peep', exact: true }).click();
  // A posted peep empties the box; a refused one keeps its text, and this fails.
  await expect(box).toHaveValue('');
}

/** Fails the test on any Content-Security-Policy violation the page reports. */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

/**
 * Posts many peeps quickly, as the compose form does for a browser without JavaScript: the form's own fields, sent
 * with `context`'s session, each answered by the redirect a successful post gets, without rendering a page after each.
 */
export async function postPeepsWithoutScripts(context: BrowserContext, bodies: string[]) {
  const noScripts = await context.browser()!.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  const page = await noScripts.newPage();
  await page.goto('/following');
  const form = page.locator('form').filter({ has: page.getByLabel(/What’s happening/) });
  const fields: Record<string, string> = {};
  for (const input of await form.locator('input[type="hidden"]').all()) fields[(await input.getAttribute('name'))!] = await input.inputValue();
  const origin = new URL(page.url()).origin;
  for (const body of bodies) {
    const response = await page.request.post(page.url(), { multipart: { ...fields, body }, headers: { origin }, maxRedirects: 0 });
    expect(response.status(), `posting ${body}`).toBe(303);
  }
  await noScripts.close();
}

/** Reposts, in order, the peeps with these bodies on `path`, as the Repost button does for a browser without JavaScript. */
export async function repostWithoutScripts(context: BrowserContext, path: string, bodies: string[]) {
  const noScripts = await context.browser()!.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  const page = await noScripts.newPage();
  await page.goto(path);
  const origin = new URL(page.url()).origin;
  const forms: Record<string, string>[] = [];
  for (const body of bodies) {
    const form = page.getByRole('article').filter({ hasText: body }).locator('form').filter({ has: page.getByRole('button', { name: /^Repost:/ }) });
    const fields: Record<string, string> = {};
    for (const input of await form.locator('input[type="hidden"]').all()) fields[(await input.getAttribute('name'))!] = await input.inputValue();
    forms.push(fields);
  }
  for (const [i, fields] of forms.entries()) {
    const response = await page.request.post(page.url(), { multipart: fields, headers: { origin }, maxRedirects: 0 });
    expect(response.status(), `reposting ${bodies[i]}`).toBe(303);
  }
  await noScripts.close();
}
