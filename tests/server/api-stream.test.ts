import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiSignUp } from '../support/api';
import { startAppServer, type AppServer } from '../support/app-server';
import { openStream } from '../support/event-stream';
import { composeFields, postForm, signUp } from '../support/no-js-forms';

// The API's live stream on the real server: a token's timelines hear what the web's pages hear, and only while the
// token lives.
let app: AppServer;
let samCookie: string;
const samName = `sams${Date.now().toString(36)}`;
const password = 'a long enough passphrase';

beforeAll(async () => {
  app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'chitter-api-stream-')), WORKER: 'off' } });
  samCookie = await signUp(app.url, { username: samName, password });
});
afterAll(async () => {
  await app?.stop();
});

const streamUrl = (timeline: string) => `${app.url}/api/v1/stream?timeline=${encodeURIComponent(timeline)}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function logIn(): Promise<string> {
  const res = await api(app.url, 'POST', '/login', { body: { identifier: samName, password, tokenName: 'stream test' } });
  expect(res.status).toBe(201);
  return res.json.token as string;
}

/** Posts from the web's compose form, as a person in a browser would. */
async function peepFromWeb(body: string) {
  const res = await postForm(`${app.url}/following`, { ...(await composeFields(app.url, samCookie)), body }, { cookie: samCookie });
  expect(res.status).toBe(303);
}

describe('GET /api/v1/stream', () => {
  it('tells a token’s public and home timelines, and anyone’s public one, of a peep posted from the web', async () => {
    const token = await logIn();
    const home = await openStream(streamUrl('home'), bearer(token));
    const mine = await openStream(streamUrl('public'), bearer(token));
    const anyone = await openStream(streamUrl(`user:${samName}`));
    try {
      for (const s of [home, mine, anyone]) expect([s.res.status, s.res.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
      await peepFromWeb('Heard live over the API');
      const heard = await Promise.all([home, mine, anyone].map((s) => s.waitFor((r) => r.event === 'peep')));
      const peepId = heard[0].data.peepId;
      expect(typeof peepId).toBe('number');
      for (const event of heard) expect(event.data.peepId).toBe(peepId);
      expect(Number(heard[0].id)).toBeGreaterThan(0);
    } finally {
      await Promise.all([home.close(), mine.close(), anyone.close()]);
    }
  });

  it('replays what came after the Last-Event-ID a reconnecting client sends', async () => {
    const token = await logIn();
    const first = await openStream(streamUrl('public'), bearer(token));
    await peepFromWeb('Before the reconnect');
    const seen = await first.waitFor((r) => r.event === 'peep');
    await first.close();
    await peepFromWeb('Missed while away');
    const again = await openStream(streamUrl('public'), { ...bearer(token), 'last-event-id': seen.id! });
    try {
      // The replay may start a little before the id sent (ids are taken before commit); only one peep came after it.
      const missed = await again.waitFor((r) => r.event === 'peep' && Number(r.id) > Number(seen.id));
      expect(missed.data.peepId).not.toBe(seen.data.peepId);
    } finally {
      await again.close();
    }
  });

  it('ends when its token is revoked by POST /api/v1/logout', async () => {
    const token = await logIn();
    const stream = await openStream(streamUrl('home'), bearer(token));
    expect(stream.res.status).toBe(200);
    expect((await api(app.url, 'POST', '/logout', { token })).status).toBe(204);
    await expect(Promise.race([stream.ended, new Promise((r) => setTimeout(() => r('still open'), 10_000))])).resolves.toBe('ended');
    const refused = await fetch(streamUrl('public'), { headers: bearer(token) });
    expect(refused.status).toBe(401);
    expect((await refused.json()) as unknown).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('refuses home without a token (401), a timeline it does not know (400) and a handle nobody has (404), as JSON', async () => {
    const home = await fetch(streamUrl('home'));
    expect([home.status, home.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
    expect((await home.json()) as unknown).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await fetch(streamUrl('everything'))).status).toBe(400);
    expect((await fetch(`${app.url}/api/v1/stream`)).status).toBe(400);
    expect((await fetch(`${app.url}/api/v1/stream?timeline=public&timeline=home`)).status).toBe(400);
    const nobody = await fetch(streamUrl('user:nobody_has_this'));
    expect(nobody.status).toBe(404);
    expect((await nobody.json()) as unknown).toMatchObject({ error: { code: 'not_found' } });
    expect((await fetch(streamUrl('public'), { headers: { authorization: 'Bearer chitter_not-a-real-token' } })).status).toBe(401);
  });

  it('never takes a cookie for the token: home with only a browser’s session is still a 401', async () => {
    expect((await fetch(streamUrl('home'), { headers: { cookie: samCookie } })).status).toBe(401);
  });
});

describe('the API over HTTP', () => {
  it('answers a method a path does not take with a JSON 405 naming the ones it does', async () => {
    const res = await fetch(`${app.url}/api/v1/me`, { method: 'DELETE' });
    expect([res.status, res.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: 'method_not_allowed' } });
    expect((await fetch(`${app.url}/api/v1/stream?timeline=public`, { method: 'POST', headers: { 'content-length': '0' } })).status).toBe(405);
    expect((await fetch(`${app.url}/api/v1/nothing-here`, { method: 'DELETE' })).status).toBe(404);
  });

  it('lets other sites’ scripts call it (tokens, no cookies): CORS headers and a preflight', async () => {
    const { token } = await apiSignUp(app.url, 'cors');
    const me = await api(app.url, 'GET', '/me', { token, headers: { origin: 'https://elsewhere.example' } });
    expect(me.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${app.url}/api/v1/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
  });

  it('serves its OpenAPI document', async () => {
    const res = await api(app.url, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    expect(res.json.paths['/stream'].get.operationId).toBe('streamTimeline');
  });
});
