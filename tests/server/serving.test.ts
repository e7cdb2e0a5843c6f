import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { composeFields, hiddenFields, postForm, signUp } from '../support/no-js-forms';

// The real server (`npm start`), on its own embedded database, driven over HTTP and raw sockets as clients would.
let app: AppServer;
let sam: string;
const samName = `sam${Date.now().toString(36)}`;

beforeAll(async () => {
  app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'chitter-serving-')), WORKER: 'off' } });
  sam = await signUp(app.url, { username: samName });
});
afterAll(async () => {
  await app?.stop();
});

async function peep(cookie: string, body: string) {
  const res = await postForm(`${app.url}/following`, { ...(await composeFields(app.url, cookie)), body }, { cookie });
  expect(res.status).toBe(303);
}

/** Sends raw bytes and returns the socket, for clients that misbehave. */
function rawClient(request: string): Promise<net.Socket> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => {
      socket.write(request);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

const getHome = (init: RequestInit = {}) => fetch(`${app.url}/`, { ...init, signal: AbortSignal.timeout(10_000) });

describe('metrics', () => {
  it('do not exist unless METRICS_TOKEN is set', async () => {
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer anything-at-all-here' } });
    expect(res.status).toBe(404);
  });
});

describe('the tab icon', () => {
  it('is served at /favicon.ico for clients that ask there, and every page links its icons', async () => {
    const ico = await fetch(`${app.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    expect(Buffer.from(await ico.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const html = await (await fetch(`${app.url}/login`)).text();
    expect(html).toMatch(/<link rel="icon" href="\/icon\.svg\?[^"]*" sizes="any" type="image\/svg\+xml"\/>/);
    expect(html).toMatch(/<link rel="apple-touch-icon" href="\/apple-icon\.png\?[^"]*" sizes="180x180"/);
  });
});

describe('the cached public page', () => {
  it('is whole after a HEAD request, which is answered with headers and no body', async () => {
    await peep(sam, `before the monitor ${Date.now()}`);
    const head = await getHome({ method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const res = await getHome();
    const html = await res.text();
    expect(html).toContain('before the monitor');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(html));
  });

  it('is not held up by a client that asks for it and never reads', async () => {
    await peep(sam, `while someone stalls ${Date.now()}`);
    const stalled = await rawClient('GET / HTTP/1.1\r\nHost: chitter\r\n\r\n');
    stalled.pause();
    const started = Date.now();
    const res = await getHome();
    expect(await res.text()).toContain('while someone stalls');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await getHome()).headers.get('x-chitter-cache')).toBe('hit');
    stalled.destroy();
  });

  it('is still rendered and kept when the client that asked for it hangs up mid-render', async () => {
    await peep(sam, `after a hang-up ${Date.now()}`);
    const gone = await rawClient('GET / HTTP/1.1\r\nHost: chitter\r\n\r\n');
    gone.destroy();
    await new Promise((r) => setTimeout(r, 300));
    const res = await getHome();
    expect(['hit', 'miss']).toContain(res.headers.get('x-chitter-cache'));
    expect(await res.text()).toContain('after a hang-up');
  });

  it('shows a new peep to the next logged-out visitor, and never shows a visitor someone else’s session', async () => {
    const body = `fresh for everyone ${Date.now()}`;
    await peep(sam, body);
    const html = await (await getHome()).text();
    expect(html).toContain(body);
    expect(html).toContain('Log in');
    expect(html).not.toContain('Log out');
  });

  it('answers every spelling of a session cookie that Auth.js reads with that person’s own page, and keeps the shared one anonymous', async () => {
    const [name, value] = sam.split('=', 2) as [string, string];
    for (const cookie of [sam, `theme=dark;${sam}`, `${name}.0=${value}`]) {
      const res = await getHome({ headers: { cookie } });
      expect(await res.text(), cookie).toContain(`What’s happening, ${samName} Tester?`);
    }
    const shared = await getHome();
    expect(await shared.text()).not.toContain('Log out');
  });

  it('gives every response, cached or not, its own nonce in the policy and on the page’s scripts', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await getHome();
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1];
      const html = await res.text();
      expect(html.match(/<script\b[^>]*>/g)!.every((tag) => tag.includes(`nonce="${nonce}"`))).toBe(true);
      // React hands Next preload hints for a Link header only when it finds them before the page is done rendering.
      const link = res.headers.get('link');
      if (link) expect(link).toContain(`nonce="${nonce}"`);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(3);
  });
});

describe('a logged-in person’s pages', () => {
  const get = (page: string, cookie?: string) => fetch(`${app.url}${page}`, { headers: cookie ? { cookie } : {}, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  const composeLabel = (username: string) => `What’s happening, ${username} Tester?`;

  it('are kept for them, and show their own new peep at once', async () => {
    await get('/following', sam);
    const again = await get('/following', sam);
    expect(again.headers.get('x-chitter-cache')).toBe('hit');
    expect(await again.text()).toContain(composeLabel(samName));
    const body = `mine at once ${Date.now()}`;
    await peep(sam, body);
    const after = await get('/following', sam);
    expect(after.headers.get('x-chitter-cache')).toBe('miss');
    expect(await after.text()).toContain(body);
  });

  it('are never served to anyone else, logged in or out', async () => {
    const idaName = `ida${Date.now().toString(36)}`;
    const ida = await signUp(app.url, { username: idaName });
    for (const [cookie, mine, theirs] of [
      [sam, samName, idaName],
      [ida, idaName, samName],
      [sam, samName, idaName],
      [ida, idaName, samName],
    ]) {
      for (const page of ['/following', '/', `/u/${samName}`]) {
        const html = await (await get(page, cookie)).text();
        // The account links in the header name whose page this is.
        expect(html, `${page} for ${mine}`).toContain(`class="me" href="/u/${mine}"`);
        expect(html, `${page} for ${mine}`).not.toContain(`class="me" href="/u/${theirs}"`);
      }
    }
    const anonymous = await get('/following');
    expect([303, 307]).toContain(anonymous.status);
    expect(await (await get(`/u/${samName}`)).text()).not.toContain('Log out');
  });

  it('are not served to a session cookie replayed after its person logged out', async () => {
    const kitName = `kit${Date.now().toString(36)}`;
    const kit = await signUp(app.url, { username: kitName });
    // The first request after signing up writes Kit's last-seen time, so it is rendered rather than kept.
    for (let i = 0; i < 2; i++) await get('/following', kit);
    expect((await get('/following', kit)).headers.get('x-chitter-cache')).toBe('hit');
    const html = await (await get('/following', kit)).text();
    expect((await postForm(`${app.url}/following`, hiddenFields(html, '>Log out<'), { cookie: kit })).status).toBe(303);
    const replayed = await get('/following', kit);
    expect([303, 307]).toContain(replayed.status);
    expect(replayed.headers.get('location')).toContain('/login');
  });
});

describe('every response', () => {
  it('carries the security headers, whatever produced it', async () => {
    const login = await (await fetch(`${app.url}/login`)).text();
    const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(login)![1];
    for (const target of ['/', '/login', '/no-such-page', css, '/api/handles?q=sam']) {
      const res = await fetch(`${app.url}${target}`);
      expect(res.headers.get('x-content-type-options'), target).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), target).toBe('DENY');
      expect(res.headers.get('referrer-policy'), target).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('content-security-policy'), target).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-powered-by'), target).toBeNull();
      expect(res.headers.get('strict-transport-security'), target).toBeNull();
    }
  });
});

describe('a form posted from another site', () => {
  it('is refused with a 403 page, from a foreign origin or an opaque one, and nothing is written', async () => {
    const fields = await composeFields(app.url, sam);
    for (const origin of ['https://evil.example', 'null']) {
      const body = `forged from ${origin} ${Date.now()}`;
      const form = new FormData();
      for (const [k, v] of Object.entries({ ...fields, body })) form.append(k, v);
      const res = await fetch(`${app.url}/following`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: sam, origin } });
      expect(res.status, origin).toBe(403);
      expect(await res.text()).toContain('That form came from another site');
      expect(await (await fetch(`${app.url}/`)).text()).not.toContain(body);
    }
  });

  it('is accepted from Chitter’s own origin', async () => {
    const body = `from home ${Date.now()}`;
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...(await composeFields(app.url, sam)), body })) form.append(k, v);
    const res = await fetch(`${app.url}/following`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: sam, origin: app.url } });
    expect(res.status).toBe(303);
  });
});
