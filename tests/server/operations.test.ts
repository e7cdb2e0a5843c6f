import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { hiddenFields, signUp } from '../support/no-js-forms';

// What an operator and a load balancer see of the real server: health checks, one log line per request, metrics.
const TOKEN = 'metrics-token-for-the-operations-test';
let app: AppServer;
let cookie: string;
const username = `ops${Date.now().toString(36)}`;

beforeAll(async () => {
  app = await startAppServer({
    env: { DATABASE_URL: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'chitter-ops-')), WORKER: 'off', TRUST_PROXY: 'true', METRICS_TOKEN: TOKEN, SHUTDOWN_DELAY_MS: '3000' },
  });
  cookie = await signUp(app.url, { username });
});
afterAll(async () => {
  await app?.stop();
});

/** The JSON lines the server logged for requests since `from` characters of its output. */
function requestLines(from = 0): Record<string, unknown>[] {
  return app
    .output()
    .slice(from)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => typeof line.req_id === 'string');
}

const scrape = (authorization?: string) => fetch(`${app.url}/metrics`, { headers: authorization ? { authorization } : {} });

/** The value of one sample in Prometheus text, or 0 when it is not there yet. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('health checks', () => {
  it('say the process is up and ready, as JSON, and are not logged', async () => {
    const from = app.output().length;
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${app.url}/readyz`, { method: 'POST', headers: { origin: app.url }, body: '' })).status).toBe(405);
    await fetch(`${app.url}/`);
    await new Promise((r) => setTimeout(r, 100));
    const routes = requestLines(from).map((l) => l.route);
    expect(routes).toContain('/');
    expect(routes).not.toContain('/healthz');
    expect(routes).not.toContain('/readyz');
  });
});

describe('the request log', () => {
  it('has one line per request naming the route, never the token in the link or the session cookie', async () => {
    const from = app.output().length;
    const token = `secret${Date.now()}token`;
    const res = await fetch(`${app.url}/verify/${token}`);
    await res.text();
    const following = await fetch(`${app.url}/following`, { headers: { cookie } });
    await following.text();
    await new Promise((r) => setTimeout(r, 100));
    const lines = requestLines(from);
    const verify = lines.find((l) => l.route === '/verify/[token]');
    expect(verify).toMatchObject({ method: 'GET', status: res.status, req_id: res.headers.get('x-request-id') });
    expect(typeof verify?.ms).toBe('number');
    const home = lines.find((l) => l.route === '/following');
    expect(home).toMatchObject({ status: 200, req_id: following.headers.get('x-request-id') });
    expect(typeof home?.user).toBe('number');
    expect(app.output()).not.toContain(token);
    expect(app.output()).not.toContain(cookie.split('=')[1].slice(0, 40));
  });

  it('takes the proxy’s request id when it is well formed, and makes one otherwise', async () => {
    const given = await fetch(`${app.url}/search?q=sam`, { headers: { 'x-request-id': 'lb-1234.abcd' } });
    expect(given.headers.get('x-request-id')).toBe('lb-1234.abcd');
    const forged = await fetch(`${app.url}/search?q=sam`, { headers: { 'x-request-id': 'no spaces <allowed>' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('metrics', () => {
  it('need the bearer token', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('Bearer not-the-token-at-all-nope')).status).toBe(401);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401);
  });

  it('count requests by route and status, refusals by a limit, and the mail waiting in the outbox', async () => {
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    const series = 'chitter_http_requests_total{route="/u/[username]",method="GET",status="200"}';
    for (let i = 0; i < 3; i++) await (await fetch(`${app.url}/u/${username}`)).text();
    // A guesser at one address is stopped after 10 wrong passwords for one account.
    const fields = hiddenFields(await (await fetch(`${app.url}/login`)).text(), 'name="identifier"');
    let last = 0;
    for (let i = 0; i < 12; i++) {
      const body = new FormData();
      for (const [k, v] of Object.entries({ ...fields, identifier: username, password: `wrong guess ${i}` })) body.append(k, v);
      const res = await fetch(`${app.url}/login`, { method: 'POST', body, redirect: 'manual', headers: { origin: app.url, 'x-forwarded-for': '203.0.113.77' } });
      await res.text();
      last = res.status;
    }
    expect(last).toBe(429);
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const after = await res.text();
    expect(sample(after, series) - sample(before, series)).toBe(3);
    expect(sample(after, 'chitter_rate_limit_refusals_total{route="/login"}')).toBeGreaterThanOrEqual(1);
    // The worker is off here, so the sign-up's verification mail is still waiting.
    expect(sample(after, 'chitter_outbox_emails{state="pending"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'chitter_metrics_database_ok')).toBe(1);
    expect(after).toContain('nodejs_eventloop_lag_seconds');
    expect(after).toContain('process_resident_memory_bytes');
    expect(after).not.toContain('route="/metrics"');
  });
});

describe('stopping', () => {
  it('turns /readyz to 503 first and keeps serving while the balancer notices, then exits cleanly', async () => {
    app.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'stopping' });
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    await page.text();
    expect(await app.exited).toEqual({ code: 0, signal: null });
  });
});
