import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { composeFields, hiddenFields, postForm, signUp } from '../support/no-js-forms';

// Two instances of the built app on one PostgreSQL database: a write through one must empty the other's cached
// public page as its notification arrives on the live channel, long before the cache's own lifetime (set long here)
// runs out.
const ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const database = `chitter_cache_${process.pid}_${Date.now()}`;
let a: AppServer;
let b: AppServer;
let sam: string;
let kim: string;

beforeAll(async () => {
  await admin.unsafe(`create database ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const env = { DATABASE_URL: url.toString(), AUTH_SECRET: randomBytes(48).toString('base64url'), WORKER: 'off', PAGE_CACHE_TTL_MS: '600000' };
  a = await startAppServer({ env });
  b = await startAppServer({ env });
  sam = await signUp(a.url, { username: `sam${process.pid}` });
  kim = await signUp(a.url, { username: `kim${process.pid}` });
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
});

/**
 * B's public page, once it is served from B's cache. A write just before (a sign-up, someone coming online) may reach
 * B between two fetches and empty it, so this fetches until B serves its copy, for at most two seconds.
 */
async function cachedOnB(): Promise<string> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const res = await fetch(`${b.url}/`);
    const html = await res.text();
    if (res.headers.get('x-chitter-cache') === 'hit') return html;
    if (Date.now() > deadline) expect(res.headers.get('x-chitter-cache')).toBe('hit');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls B's public page until `check` holds, for at most two seconds. */
async function eventuallyOnB(check: (html: string) => boolean): Promise<string> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const html = await (await fetch(`${b.url}/`)).text();
    if (check(html) || Date.now() > deadline) return html;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function act(app: AppServer, cookie: string, page: string, marker: string) {
  const html = await (await fetch(`${app.url}${page}`, { headers: { cookie } })).text();
  const res = await postForm(`${app.url}${page}`, hiddenFields(html, marker), { cookie });
  expect(res.status).toBe(303);
}

describe('a write through one instance', () => {
  it('empties the other instance’s cached page: a new peep, a repost, its undoing and a deletion all show there', async () => {
    const body = `across instances ${Date.now()}`;
    expect(await cachedOnB()).not.toContain(body);
    const res = await postForm(`${a.url}/following`, { ...(await composeFields(a.url, sam)), body }, { cookie: sam });
    expect(res.status).toBe(303);
    expect(await eventuallyOnB((html) => html.includes(body))).toContain(body);

    // No count under a peep nobody reposted.
    expect(await cachedOnB()).not.toMatch(/\d+ reposts?</);
    await act(a, kim, '/', 'aria-label="Repost: peep by');
    expect(await eventuallyOnB((html) => html.includes('1 repost<'))).toContain('1 repost<');

    await cachedOnB();
    await act(a, kim, '/', 'aria-label="Reposted: peep by');
    expect(await eventuallyOnB((html) => !html.includes('1 repost<'))).not.toContain('1 repost<');

    expect(await cachedOnB()).toContain(body);
    // Delete asks first: its button leads to the question's page, whose form deletes.
    const following = await (await fetch(`${a.url}/following`, { headers: { cookie: sam } })).text();
    const confirmPage = /action="(\/p\/\d+\/delete)"/.exec(following)![1];
    await act(a, sam, `${confirmPage}?next=%2Ffollowing`, '>Delete peep</button>');
    expect(await eventuallyOnB((html) => !html.includes(body))).not.toContain(body);
  });
});

describe('a person’s own write through one instance', () => {
  it('shows on their very next page from the other, where that page was kept, without waiting for the change’s notification', async () => {
    const following = () => fetch(`${b.url}/following`, { headers: { cookie: sam } });
    let kept = await following();
    for (let i = 0; i < 3 && kept.headers.get('x-chitter-cache') !== 'hit'; i++) kept = await following();
    expect(kept.headers.get('x-chitter-cache')).toBe('hit');
    const body = `mine everywhere ${Date.now()}`;
    const res = await postForm(`${a.url}/following`, { ...(await composeFields(a.url, sam)), body }, { cookie: sam });
    expect(res.status).toBe(303);
    expect(await (await following()).text()).toContain(body);
  });
});
