import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { composeFields, signUp } from '../support/no-js-forms';

// Every route, with values a scanner or an attacker would send, logged out and logged in: each answer is a 4xx or a
// page, never a server error.
let app: AppServer;
let cookie: string;

beforeAll(async () => {
  app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'chitter-hostile-')), WORKER: 'off' } });
  cookie = await signUp(app.url, { username: `hostile${Date.now().toString(36)}` });
});
afterAll(async () => {
  await app?.stop();
});

const farFuture = Buffer.from(`${Date.UTC(275000, 0, 1)}:0:1`).toString('base64url');
const HOSTILE = [
  '%',
  '%ff',
  '%00',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '../../etc/passwd',
  'x'.repeat(10_240),
  '-1',
  '99999999999999999999999',
  '1e308',
  '0',
  farFuture,
  Buffer.from('-5:0:1').toString('base64url'),
  '%F0%9F%98%80',
  '%u202e',
  '<script>',
];

const ROUTES = (v: string) => [
  `/?before=${v}`,
  `/?after=${v}`,
  `/?before=${v}&after=${v}`,
  `/following?before=${v}`,
  `/following?after=${v}`,
  `/search?q=${v}`,
  `/search?q=sam&after=${v}`,
  `/search?q=sam&tab=peeps&before=${v}`,
  `/search?q=${v}&tab=peeps`,
  `/u/${v}`,
  `/u/${v}/followers`,
  `/u/${v}/following?before=${v}`,
  `/u/${v}?after=${v}`,
  `/p/${v}/delete?next=${v}&back=${v}`,
  `/u/${v}/${v}`,
  `/@${v}`,
  `/p/${v}`,
  `/unsubscribe/${v}`,
  `/unsubscribe/${v}?done=${v}`,
  `/verify/${v}`,
  `/api/unsubscribe/${v}`,
  `/api/handles?q=${v}`,
  `/login?next=${v}`,
  `/signup?x=${v}`,
  `/settings?x=${v}`,
  `/${v}`,
];

/** A request with the path exactly as written: fetch would normalise `../` and encode `%`. */
function rawRequest(method: string, target: string, headers: Record<string, string> = {}): Promise<number> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: target, headers, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hostile parameters', () => {
  for (const who of ['logged out', 'logged in'] as const) {
    it(`never answer 5xx, ${who}`, async () => {
      const headers: Record<string, string> = who === 'logged in' ? { cookie } : {};
      const failures: string[] = [];
      for (const value of HOSTILE) {
        for (const target of ROUTES(value)) {
          for (const method of target.startsWith('/api/unsubscribe') ? ['GET', 'POST'] : ['GET']) {
            const status = await rawRequest(method, target, headers);
            if (status >= 500 || status === 0) failures.push(`${method} ${target.slice(0, 80)} → ${status}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('reads a made-up, damaged or foreign session cookie as nobody, without filling the log', async () => {
    const [name, value] = cookie.split('=', 2) as [string, string];
    const logged = app.output().length;
    for (const forged of [`${name}=garbage`, `${name}=${value.slice(0, -10)}AAAAAAAAAA`, `${name}.0=${value}x`, `${name}=${'a'.repeat(3000)}`]) {
      const res = await fetch(`${app.url}/following`, { headers: { cookie: forged }, redirect: 'manual' });
      expect(res.status, forged.slice(0, 40)).toBe(307);
      expect(res.headers.get('location')).toContain('/login');
      const page = await fetch(`${app.url}/`, { headers: { cookie: forged } });
      expect(await page.text()).toContain('Log in');
    }
    expect(app.output().slice(logged)).not.toMatch(/JWTSessionError|Invalid Compact JWE/);
  });

  it('answers a far-future page cursor with the 400 page', async () => {
    expect(await rawRequest('GET', `/?before=${farFuture}`)).toBe(400);
    expect(await rawRequest('GET', `/following?before=${farFuture}`, { cookie })).toBe(400);
    expect(await rawRequest('GET', `/?after=${farFuture}`)).toBe(400);
    expect(await rawRequest('GET', `/following?after=${farFuture}`, { cookie })).toBe(400);
  });
});

describe('a huge peep', () => {
  it('posted without JavaScript is refused with a 4xx within a second, while another request is answered at once', async () => {
    const fields = { ...(await composeFields(app.url, cookie)), body: 'é'.repeat(300_000) };
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const started = Date.now();
    const [huge, other] = await Promise.all([
      fetch(`${app.url}/following`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie } }),
      (async () => {
        await new Promise((r) => setTimeout(r, 50));
        const t = Date.now();
        const res = await fetch(`${app.url}/login`);
        return { status: res.status, ms: Date.now() - t };
      })(),
    ]);
    expect(huge.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(other.status).toBe(200);
    expect(other.ms).toBeLessThan(1_000);
  });

  it('streamed with no declared length is refused with 411 before any of it is judged', async () => {
    const fields = await composeFields(app.url, cookie);
    const boundary = 'chitterhuge';
    const head = Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') + `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\n`;
    const encoder = new TextEncoder();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(encoder.encode(head));
        else if (sent < 40) controller.enqueue(encoder.encode('x'.repeat(16_384)));
        else {
          controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
          controller.close();
        }
        sent++;
      },
    });
    const res = await fetch(`${app.url}/following`, {
      method: 'POST',
      body,
      duplex: 'half',
      redirect: 'manual',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    expect(res.status).toBe(411);
  });
});
