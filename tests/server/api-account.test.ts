import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiSignUp } from '../support/api';
import { startAppServer, type AppServer } from '../support/app-server';
import { signUp } from '../support/no-js-forms';

// The account endpoints and the endpoint wrapper's refusals, against the real server on its own embedded database.
// TRUST_PROXY lets a test name its own address (X-Forwarded-For), so the per-address limits can be reached in one.
let app: AppServer;

beforeAll(async () => {
  app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'chitter-api-account-')), WORKER: 'off', TRUST_PROXY: '1' } });
});
afterAll(async () => {
  await app?.stop();
});

const handle = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`;
const person = (username: string) => ({ email: `${username}@example.test`, password: 'correct horse battery staple', name: `Person ${username}`, username });
const me = (token?: string, headers: Record<string, string> = {}) => api(app.url, 'GET', '/me', { token, headers });
const UNAUTHORIZED = { error: { code: 'unauthorized', message: expect.any(String) } };

describe('POST /signup', () => {
  it('makes the account and answers 201 with a token that works', async () => {
    const username = handle('new');
    const res = await api(app.url, 'POST', '/signup', { body: { ...person(username), tokenName: 'my terminal' } });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ token: expect.stringMatching(/^chitter_[A-Za-z0-9_-]{43}$/), user: { username, name: `Person ${username}` } });
    expect(await me(res.json.token)).toMatchObject({ status: 200, json: { username, name: `Person ${username}` } });
  });

  it('answers 409 naming the field for a taken handle, and makes no second account', async () => {
    const { username } = await apiSignUp(app.url, 'taken');
    const res = await api(app.url, 'POST', '/signup', { body: { ...person(username), email: `other-${username}@example.test` } });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ error: { code: 'conflict', message: expect.any(String), fields: { username: expect.any(String) } } });
    // The other address has no account: logging in with it fails as an unknown one does.
    const logIn = await api(app.url, 'POST', '/login', { body: { identifier: `other-${username}@example.test`, password: 'correct horse battery staple' } });
    expect(logIn.status).toBe(401);
  });

  it('answers 422 with what is wrong with each field, and writes nothing', async () => {
    const username = handle('bad');
    const res = await api(app.url, 'POST', '/signup', { body: { email: 'not an address', password: 'short', name: '', username, tokenName: 'x'.repeat(61) } });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: 'invalid', fields: { email: expect.any(String), password: expect.any(String), name: expect.any(String), tokenName: expect.any(String) } });
    expect(res.json.error.fields.username).toBeUndefined();
    // The handle is still free: nothing was half-written.
    expect((await api(app.url, 'POST', '/signup', { body: person(username) })).status).toBe(201);
  });
});

describe('POST /login', () => {
  it('answers 201 with a new token, by handle or by email', async () => {
    const { username, password } = await apiSignUp(app.url, 'login');
    for (const identifier of [username, `@${username}`, `${username}@example.test`]) {
      const res = await api(app.url, 'POST', '/login', { body: { identifier, password, tokenName: 'laptop' } });
      expect(res.status, identifier).toBe(201);
      expect(res.json.user).toEqual({ username, name: `Person ${username}` });
      expect((await me(res.json.token)).json.username).toBe(username);
    }
  });

  it('answers a wrong password and an unknown account with the identical 401', async () => {
    const { username } = await apiSignUp(app.url, 'wrong');
    const wrong = await api(app.url, 'POST', '/login', { body: { identifier: username, password: 'not the password at all' } });
    const unknown = await api(app.url, 'POST', '/login', { body: { identifier: handle('nobody'), password: 'not the password at all' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual(unknown.json);
    expect(wrong.json).toMatchObject(UNAUTHORIZED);
  });

  it('answers 429 with Retry-After once an address passes its limit, and other addresses go on', async () => {
    const { username, password } = await apiSignUp(app.url, 'limit');
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    // LIMITS.logInPerIp: 25 tries in 5 minutes from one address.
    for (let i = 0; i < 25; i++) {
      const res = await api(app.url, 'POST', '/login', { body: { identifier: handle('nobody'), password: 'guessing away' }, ...from('192.0.2.77') });
      expect(res.status).toBe(401);
    }
    const refused = await api(app.url, 'POST', '/login', { body: { identifier: username, password }, ...from('192.0.2.77') });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api(app.url, 'POST', '/login', { body: { identifier: username, password }, ...from('192.0.2.78') })).status).toBe(201);
  });
});

describe('GET /me', () => {
  it('answers the token’s owner', async () => {
    const { username, token } = await apiSignUp(app.url, 'me');
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ username, name: `Person ${username}` });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 401 with no token, a malformed one, and a made-up one of the right shape', async () => {
    for (const authorization of [undefined, 'Bearer', 'Bearer not-a-token', 'Basic dXNlcjpwYXNz', `Bearer chitter_${'A'.repeat(43)}`]) {
      const res = await me(undefined, authorization ? { authorization } : {});
      expect(res.status, authorization).toBe(401);
      expect(res.json, authorization).toMatchObject(UNAUTHORIZED);
      expect(res.headers.get('www-authenticate'), authorization).toMatch(/^Bearer/);
    }
  });

  it('ignores a browser’s valid session cookie: without a token it is 401', async () => {
    const username = handle('web');
    const cookie = await signUp(app.url, { username });
    // The cookie is good: the web knows the person by it.
    expect(await (await fetch(`${app.url}/settings/tokens`, { headers: { cookie }, redirect: 'manual' })).text()).toContain('API tokens');
    const res = await me(undefined, { cookie });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject(UNAUTHORIZED);
  });
});

describe('POST /logout', () => {
  it('revokes the token sent, and only that one', async () => {
    const { username, password, token } = await apiSignUp(app.url, 'out');
    const other = (await api(app.url, 'POST', '/login', { body: { identifier: username, password } })).json.token;
    const res = await api(app.url, 'POST', '/logout', { token });
    expect(res.status).toBe(204);
    expect((await me(token)).status).toBe(401);
    expect((await api(app.url, 'POST', '/logout', { token })).status).toBe(401);
    expect((await me(other)).status).toBe(200);
  });
});

describe('the endpoints’ refusals', () => {
  const raw = (pathname: string, init: RequestInit) => fetch(`${app.url}/api/v1${pathname}`, { ...init, signal: AbortSignal.timeout(15_000) });
  const errorOf = async (res: Response) => ({ status: res.status, type: res.headers.get('content-type'), json: await res.json() });

  it('answer a body that is not JSON with 415, and malformed JSON with 400', async () => {
    const form = await errorOf(await raw('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'identifier=a&password=b' }));
    expect(form).toMatchObject({ status: 415, type: expect.stringContaining('application/json'), json: { error: { code: 'unsupported_media_type' } } });
    const untyped = await errorOf(await raw('/login', { method: 'POST', body: '{}' }));
    expect(untyped.status).toBe(415);
    const broken = await errorOf(await raw('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"identifier": "a",' }));
    expect(broken).toMatchObject({ status: 400, json: { error: { code: 'bad_request' } } });
    const empty = await errorOf(await raw('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' }));
    expect(empty.status).toBe(400);
    const notAnObject = await errorOf(await raw('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1, 2]' }));
    expect(notAnObject.status).toBe(422);
  });

  it('answer a body over 64 KB with a JSON 413', async () => {
    const body = JSON.stringify({ identifier: 'someone', password: 'x'.repeat(70 * 1024) });
    const res = await errorOf(await raw('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    expect(res).toMatchObject({ status: 413, type: expect.stringContaining('application/json'), json: { error: { code: 'payload_too_large' } } });
  });

  it('answer an address no endpoint takes with a JSON 404, in any method', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await errorOf(await raw('/no/such/thing', { method }));
      expect(res, method).toMatchObject({ status: 404, type: expect.stringContaining('application/json'), json: { error: { code: 'not_found' } } });
    }
  });

  it('answer a method an endpoint does not take with 405, not a page', async () => {
    const res = await raw('/me', { method: 'DELETE' });
    expect(res.status).toBe(405);
  });
});
