import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { hiddenFields } from '../support/no-js-forms';
import { clearOfLimitEdge } from '../support/rate-windows';

// Which address a try counts against, through the real server: the socket's, whatever the client writes, unless
// TRUST_PROXY says a proxy in front adds the last X-Forwarded-For hop.
const TRIES = 25;
const FIVE_MINUTES = 5 * 60_000;
const servers: AppServer[] = [];
let direct: AppServer;
let proxied: AppServer;

beforeAll(async () => {
  const start = (trustProxy: string) =>
    startAppServer({ env: { DATABASE_URL: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'chitter-address-')), WORKER: 'off', TRUST_PROXY: trustProxy } });
  direct = await start('false');
  proxied = await start('true');
  servers.push(direct, proxied);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function form(app: AppServer, page: string, marker: string) {
  return hiddenFields(await (await fetch(`${app.url}${page}`)).text(), marker);
}

async function post(app: AppServer, page: string, fields: Record<string, string>, headers: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  const res = await fetch(`${app.url}${page}`, { method: 'POST', body, redirect: 'manual', headers });
  return { status: res.status, html: await res.text() };
}

const logIn = async (app: AppServer, i: number, headers: Record<string, string>) =>
  post(app, '/login', { ...(await form(app, '/login', 'name="identifier"')), identifier: `nobody${i}`, password: 'not the password' }, headers);

describe('the address a log-in counts against', () => {
  it('is the socket’s: a client that writes x-chitter-peer or X-Forwarded-For itself still runs out after 25 tries', async () => {
    await clearOfLimitEdge(20_000, FIVE_MINUTES);
    for (let i = 0; i < TRIES; i++) {
      const { status } = await logIn(direct, i, { 'x-chitter-peer': `198.51.100.${i}`, 'x-forwarded-for': `203.0.113.${i}` });
      expect(status).toBe(401);
    }
    const refused = await logIn(direct, 99, { 'x-chitter-peer': '198.51.100.250', 'x-forwarded-for': '203.0.113.250' });
    expect(refused.status).toBe(429);
    expect(refused.html).toContain('Too many attempts, try again in');
  });

  it('behind a trusted proxy is the last X-Forwarded-For hop, the one the proxy added, never one the client wrote', async () => {
    await clearOfLimitEdge(20_000, FIVE_MINUTES);
    // The client varies the first hop; the proxy's hop (the last) is the same: one budget.
    for (let i = 0; i < TRIES; i++) expect((await logIn(proxied, i, { 'x-forwarded-for': `10.0.0.${i}, 203.0.113.50` })).status).toBe(401);
    expect((await logIn(proxied, 99, { 'x-forwarded-for': '10.0.0.99, 203.0.113.50' })).status).toBe(429);
    // Another client behind the same proxy has its own.
    expect((await logIn(proxied, 100, { 'x-forwarded-for': '203.0.113.51' })).status).toBe(401);
  });
});

describe('sign-ups from one address', () => {
  it('are refused past 25 in 5 minutes with a 429 page that says when to try again', async () => {
    const tag = Date.now().toString(36);
    const signUp = async (i: number) =>
      post(
        proxied,
        '/signup',
        { ...(await form(proxied, '/signup', 'name="username"')), name: `Person ${i}`, username: `p${tag}${i}`, email: `p${tag}${i}@example.com`, password: 'a long enough passphrase' },
        { 'x-forwarded-for': '203.0.113.77' },
      );
    await clearOfLimitEdge(40_000, FIVE_MINUTES);
    for (let i = 0; i < TRIES; i++) expect((await signUp(i)).status).toBe(303);
    const refused = await signUp(TRIES);
    expect(refused.status).toBe(429);
    expect(refused.html).toContain('Too many attempts, try again in');
  });
});
