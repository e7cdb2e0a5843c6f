import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { composeFields, composeText, hiddenFields, postForm, signUp } from '../support/no-js-forms';
import { startTcpProxy, type CutMode, type TcpProxy } from '../support/tcp-proxy';

// The built app (two processes, as in production) on its own database, reached only through a proxy that the tests
// cut and restore. PostgreSQL comes from TEST_POSTGRES_URL, or the local server on 127.0.0.1:5432.
const ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const STATEMENT_TIMEOUT_MS = 2000;
// The longest a request may take while the database is away: the statement timeout and its 1 s grace (a silent link
// is noticed no sooner), with room for a busy machine.
const BOUND_MS = STATEMENT_TIMEOUT_MS + 1000 + 3000;
const UNAVAILABLE_POST = 'Chitter can’t reach its database just now — your peep is still here';
const UNAVAILABLE_PAGE = 'We can’t reach our database just now';

const METRICS_TOKEN = 'metrics-token-for-the-outage-test';
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const database = `chitter_outage_${process.pid}_${Date.now()}`;
let proxy: TcpProxy;
let app: AppServer;
const username = `outage${process.pid}`;
let cookie: string;
let fields: Record<string, string>;
let logInFields: Record<string, string>;

beforeAll(async () => {
  await admin.unsafe(`create database ${database}`);
  const target = new URL(ADMIN_URL);
  target.pathname = `/${database}`;
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  app = await startAppServer({
    env: {
      DATABASE_URL: proxy.urlFor(target.toString()),
      AUTH_SECRET: randomBytes(48).toString('base64url'),
      WEB_CONCURRENCY: '2',
      WORKER: 'off',
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      METRICS_TOKEN,
    },
  });
  cookie = await signUp(app.url, { username });
  fields = await composeFields(app.url, cookie);
  logInFields = hiddenFields(await (await fetch(`${app.url}/login`)).text(), 'name="identifier"');
});

afterAll(async () => {
  await app?.stop();
  await proxy?.close();
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
});

/** A request, timed, with its body read and whether it tried to end the session cookie. */
async function timed(request: () => Promise<Response>) {
  const started = Date.now();
  const res = await request();
  const html = await res.text();
  const clearsSession = res.headers.getSetCookie().some((c) => /session-token=;|session-token=[^;]*;.*Expires=Thu, 01 Jan 1970/i.test(c));
  return { res, html, ms: Date.now() - started, clearsSession };
}

const post = (body: string) => timed(() => postForm(`${app.url}/following`, { ...fields, body }, { cookie, timeoutMs: 30_000 }));
const view = (path: string) => timed(() => fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual', signal: AbortSignal.timeout(30_000) }));

function expectUnavailablePost(r: Awaited<ReturnType<typeof post>>, body: string) {
  expect(r.res.status).toBe(503);
  expect(r.res.headers.get('location')).toBeNull();
  expect(r.html).toContain(UNAVAILABLE_POST);
  expect(r.html).not.toContain('Log in to peep');
  expect(composeText(r.html)).toBe(body);
  expect(r.clearsSession).toBe(false);
  expect(r.ms).toBeLessThan(BOUND_MS);
}

function expectUnavailablePage(r: Awaited<ReturnType<typeof view>>) {
  expect(r.res.status).toBe(503);
  expect(r.res.headers.get('location')).toBeNull();
  expect(r.html).toContain(UNAVAILABLE_PAGE);
  expect(r.clearsSession).toBe(false);
  expect(r.ms).toBeLessThan(BOUND_MS);
}

/** Once the database is back, the same cookie posts again: the first tries may still meet the 1 s fail-fast window. */
async function expectPostsAgain(body: string) {
  const deadline = Date.now() + 15_000;
  let last;
  do {
    last = await post(body);
    if (last.res.status === 303) break;
    expect(last.res.status).toBe(503);
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  expect(last.res.status).toBe(303);
  expect(last.res.headers.get('location')).toBe('/following');
  // The page may be served by the other process, which can still be failing fast or waiting out a probe connection
  // it opened while the link was down: it too must serve within the same deadline.
  let page;
  do {
    page = await view('/following');
    if (page.res.status === 200) break;
    expectUnavailablePage(page);
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  expect(page.res.status).toBe(200);
  expect(page.html).toContain(body);
}

/**
 * Serving again (within seconds of a restore: a process fails fast for 1 s after it last saw the database fail),
 * with connections open in both processes' pools, so that a cut also catches queries on live connections.
 */
async function expectServing() {
  const deadline = Date.now() + 15_000;
  let statuses: number[];
  do {
    statuses = (await Promise.all(Array.from({ length: 4 }, () => view('/following')))).map((page) => page.res.status);
    if (statuses.every((status) => status === 200)) return;
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  expect(statuses).toEqual([200, 200, 200, 200]);
}

describe.each<CutMode>(['refuse', 'blackhole'])('while the database is away (%s)', (mode) => {
  it('a logged-in person posting gets the 503 with their text kept, never a log-in page, and posts again once it is back', async () => {
    await expectServing();
    await proxy.cut(mode);
    try {
      const body = `Posted while the database was away (${mode})`;
      // Several at once, as during real traffic: the first may meet a connection that only now finds the link dead.
      const results = await Promise.all([post(body), post(body), post(body)]);
      for (const r of results) expectUnavailablePost(r, body);
    } finally {
      await proxy.restore();
    }
    await expectPostsAgain(`Posted once the database was back (${mode})`);
  });

  it('pages answer 503 with the friendly message instead of sending the person to log in', async () => {
    await expectServing();
    await proxy.cut(mode);
    try {
      const [following, everyone, settings] = await Promise.all([view('/following'), view('/'), view('/settings')]);
      for (const r of [following, everyone, settings]) expectUnavailablePage(r);
      // The compose box stays on the timelines, for the text of a post that could not go through.
      expect(composeText(following.html)).toBe('');
    } finally {
      await proxy.restore();
    }
  });

  it('/readyz tells a balancer to send traffic elsewhere, within its bound, while /healthz says the process is up', async () => {
    await expectServing();
    await proxy.cut(mode);
    try {
      // Both processes answer on one port: ask often enough to hear from each.
      const checks = await Promise.all(Array.from({ length: 4 }, () => timed(() => fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(30_000) }))));
      for (const r of checks) {
        expect(r.res.status).toBe(503);
        expect(JSON.parse(r.html)).toMatchObject({ status: 'unready' });
        expect(r.ms).toBeLessThan(2000 + 1000);
      }
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      await proxy.restore();
    }
    await expectServing();
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it('logging in says the database is unreachable, not that the password is wrong', async () => {
    await expectServing();
    await proxy.cut(mode);
    try {
      const r = await timed(() => postForm(`${app.url}/login`, { ...logInFields, identifier: username, password: 'a long enough passphrase' }, { timeoutMs: 30_000 }));
      expect(r.res.status).toBe(503);
      expect(r.html).toContain('Chitter can’t reach its database just now');
      expect(r.html).not.toContain('do not match');
      expect(r.ms).toBeLessThan(BOUND_MS);
    } finally {
      await proxy.restore();
    }
  });
});

describe('metrics from two processes on one port', () => {
  it('add up both processes’ requests, whichever one is asked', async () => {
    const series = 'chitter_http_requests_total{route="/search",method="GET",status="200"}';
    const count = async () => {
      const text = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      return Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.slice(series.length + 1) ?? 0);
    };
    await expectServing();
    const before = await count();
    // Twenty requests at once, so both processes take some.
    const statuses = await Promise.all(Array.from({ length: 20 }, async () => {
      const res = await fetch(`${app.url}/search?q=outage`);
      await res.text();
      return res.status;
    }));
    expect(new Set(statuses)).toEqual(new Set([200]));
    for (let i = 0; i < 3; i++) expect((await count()) - before).toBe(20);
  });
});

describe('a query the database gives up on (statement timeout, 57014)', () => {
  it('answers the 503 page and keeps a post’s text, within the timeout, while another session holds a lock', async () => {
    await expectServing();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    const holder = postgres(url.toString(), { max: 1, onnotice: () => {} });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Every read of peeps waits behind this lock until PostgreSQL cancels it at the statement timeout.
    const transaction = holder.begin(async (sql) => {
      await sql`lock table peeps in access exclusive mode`;
      locked();
      await held;
    });
    try {
      await isLocked;
      const body = 'Posted while peeps were locked';
      // A page no one has viewed yet: a kept copy of one (the Following tab) is still served, as it is still true.
      const [page, posted] = await Promise.all([view(`/u/${username}`), post(body)]);
      expectUnavailablePage(page);
      expectUnavailablePost(posted, body);
      expect(page.ms).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 100);
    } finally {
      release();
      await transaction;
      await holder.end();
    }
    await expectPostsAgain('Posted once the lock was gone');
  });
});
