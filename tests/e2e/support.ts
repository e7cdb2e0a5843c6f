import { expect, type Page } from '@playwright/test';

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

export async function postPeep(page: Page, body: string) {
  await page.getByLabel(/What’s happening/).fill(body);
  await page.getByRole('button', { name: 'Peep', exact: true }).click();
}

/** Fails the test on any Content-Security-Policy violation the page reports. */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}
