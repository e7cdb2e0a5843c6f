import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiSignUp } from '../support/api';
import { startAppServer, type AppServer } from '../support/app-server';
import { signUp } from '../support/no-js-forms';

// The writing endpoints of /api/v1 against the real built server on its own embedded database.
let app: AppServer;

beforeAll(async () => {
  // Behind a "proxy" so each person signs up from an address of their own, within the sign-up limit per address.
  app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'chitter-api-write-')), WORKER: 'off', TRUST_PROXY: '1' } });
});
afterAll(async () => {
  await app?.stop();
});

const call = (method: string, p: string, options: Parameters<typeof api>[3] = {}) => api(app.url, method, p, options);
let people = 0;
const person = () => apiSignUp(app.url, 'w', { 'x-forwarded-for': `198.51.100.${++people}` });
const page = async (p: string, cookie?: string) => (await fetch(`${app.url}${p}`, { headers: cookie ? { cookie } : {} })).text();

type Answer = Awaited<ReturnType<typeof api>>;

/**
 * The first of a run of writes, in a limit window with at least 30 seconds left (RateLimit-Reset says), waiting for
 * the next window if need be: limits count in fixed windows, and a run that straddled two would be counted in both.
 */
async function firstInRoomyWindow(send: () => Promise<Answer>): Promise<Answer> {
  const first = await send();
  const reset = Number(first.headers.get('ratelimit-reset'));
  if (reset >= 30) return first;
  await new Promise((resolve) => setTimeout(resolve, (reset + 1) * 1000));
  return send();
}

/** Sends until refused, checking each write counts one; answers the refusal. */
async function exhaust(send: (i: number) => Promise<Answer>, max: number): Promise<Answer> {
  let i = 0;
  let res = await firstInRoomyWindow(() => send(i++));
  expect(res.headers.get('ratelimit-limit')).toBe(String(max));
  while (i <= max + 1) {
    const left = Number(res.headers.get('ratelimit-remaining'));
    res = await send(i++);
    if (res.status === 429) return res;
    expect(res.headers.get('ratelimit-remaining')).toBe(String(left - 1));
  }
  throw new Error(`not refused after ${i} writes`);
}

async function peep(token: string, body: string, extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/peeps', { token, body: { body, ...extra } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { id: number; body: string };
}

describe('every writing endpoint', () => {
  it('wants a token, and takes no cookie in its place', async () => {
    const cookie = await signUp(app.url, { username: `wc${Date.now().toString(36)}` });
    const writes: [string, string, unknown?][] = [
      ['POST', '/peeps', { body: 'hello' }],
      ['POST', '/peeps/1/repost'],
      ['DELETE', '/peeps/1/repost'],
      ['POST', '/peeps/1/like'],
      ['DELETE', '/peeps/1/like'],
      ['POST', '/users/someone/follow'],
      ['DELETE', '/users/someone/follow'],
      ['POST', '/users/someone/mute'],
      ['DELETE', '/users/someone/mute'],
      ['POST', '/users/someone/block'],
      ['DELETE', '/users/someone/block'],
      ['GET', '/settings/notifications'],
      ['PATCH', '/settings/notifications', { replyEmails: false }],
      ['POST', '/notifications/read', {}],
    ];
    for (const [method, p, body] of writes) {
      const res = await call(method, p, { body, headers: { cookie } });
      expect(res.status, `${method} ${p}`).toBe(401);
      expect(res.json.error.code).toBe('unauthorized');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });
});

describe('POST /peeps', () => {
  it('posts a peep that shows on the author’s page, with where they stand against the limit', async () => {
    const sam = await person();
    const res = await call('POST', '/peeps', { token: sam.token, body: { body: '  Hello from the API #apitest  ' } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ body: 'Hello from the API #apitest', author: { username: sam.username }, replyTo: null, likeCount: 0, liked: false });
    expect(res.json.url).toMatch(new RegExp(`/p/${res.json.id}$`));
    expect(res.headers.get('ratelimit-limit')).toBe('30');
    expect(res.headers.get('ratelimit-remaining')).toBe('29');
    expect(await page(`/u/${sam.username}`)).toContain('Hello from the API');
  });

  it('refuses a peep that is too long with the web’s message for the body field, writing and counting nothing', async () => {
    const sam = await person();
    let n = 0;
    const first = await firstInRoomyWindow(() => call('POST', '/peeps', { token: sam.token, body: { body: `one ${n++}` } }));
    const long = `toolong${'x'.repeat(300)}`;
    const res = await call('POST', '/peeps', { token: sam.token, body: { body: long } });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: 'invalid', fields: { body: 'Peeps are at most 280 characters' } });
    const second = await call('POST', '/peeps', { token: sam.token, body: { body: 'two' } });
    expect(Number(second.headers.get('ratelimit-remaining'))).toBe(Number(first.headers.get('ratelimit-remaining')) - 1);
    expect(await page(`/u/${sam.username}`)).not.toContain('toolong');
  });

  it('refuses bodies that are not a peep as 4xx: empty text, wrong types, not JSON', async () => {
    const sam = await person();
    const empty = await call('POST', '/peeps', { token: sam.token, body: { body: '   ' } });
    expect(empty.status).toBe(422);
    expect(empty.json.error.fields.body).toBe('Write something first');
    expect((await call('POST', '/peeps', { token: sam.token, body: { body: 'hi', replyToId: 'abc' } })).json.error.fields.replyToId).toBeTruthy();
    expect((await call('POST', '/peeps', { token: sam.token, body: ['hi'] })).status).toBe(422);
    const text = await call('POST', '/peeps', { token: sam.token, headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
  });

  it('answers a repeat with the same Idempotency-Key with the first peep, 200, writing nothing', async () => {
    const sam = await person();
    const key = randomUUID();
    const said = (body: string, headers = {}) => call('POST', '/peeps', { token: sam.token, body: { body }, headers });
    await firstInRoomyWindow(() => said('making room'));
    const first = await said('said once', { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const again = await said('said once', { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    // Nothing was counted either: the next peep has one less left than the first left.
    const next = await said('said twice');
    expect(Number(next.headers.get('ratelimit-remaining'))).toBe(Number(first.headers.get('ratelimit-remaining')) - 1);
    // Counted in the page as shown, before the same page follows as React's payload.
    const shown = await page(`/u/${sam.username}`);
    expect(shown.slice(0, shown.indexOf('self.__next_f')).split('said once').length - 1).toBe(1);
    const bad = await call('POST', '/peeps', { token: sam.token, body: { body: 'keyed' }, headers: { 'idempotency-key': 'not-a-uuid' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toHaveProperty('idempotency-key');
  });

  it('posts a reply, and refuses one to a deleted peep (404) or across a block (403) with the web’s words', async () => {
    const [ann, bob] = [await person(), await person()];
    const parent = await peep(ann.token, 'a question');
    const reply = await call('POST', '/peeps', { token: bob.token, body: { body: 'an answer', replyToId: parent.id } });
    expect(reply.status).toBe(201);
    expect(reply.json.replyTo).toEqual({ peepId: parent.id, username: ann.username });
    const missing = await call('POST', '/peeps', { token: bob.token, body: { body: 'to nothing', replyToId: 99_999_999 } });
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe('The peep you’re replying to was deleted, so your reply wasn’t posted.');
    expect((await call('POST', `/users/${bob.username}/block`, { token: ann.token })).status).toBe(204);
    const blocked = await call('POST', '/peeps', { token: bob.token, body: { body: 'still here', replyToId: parent.id } });
    expect(blocked.status).toBe(403);
    expect(blocked.json.error).toMatchObject({ code: 'forbidden', message: 'You can’t reply to this peep: one of you has blocked the other.' });
  });

  it('says when not everyone mentioned can get an email', async () => {
    const sam = await person();
    const crowd = [];
    for (let i = 0; i < 6; i++) crowd.push((await person()).username);
    const res = await call('POST', '/peeps', { token: sam.token, body: { body: crowd.map((c) => `@${c}`).join(' ') } });
    expect(res.status).toBe(201);
    expect(res.json.notice).toMatch(/first 5 of the 6 people/);
  });

  it('answers 429 with Retry-After and RateLimit-Remaining 0 past 30 peeps in 5 minutes', async () => {
    const sam = await person();
    let last = '';
    const res = await exhaust((i) => call('POST', '/peeps', { token: sam.token, body: { body: (last = `burst peep ${i}.`) } }), 30);
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('ratelimit-remaining')).toBe('0');
    expect(await page(`/u/${sam.username}`)).not.toContain(last);
  });
});

describe('reposts and likes', () => {
  it('repost and like answer the peep as it is now; doing either twice changes nothing, nor does undoing twice', async () => {
    const [ann, bob] = [await person(), await person()];
    const { id } = await peep(ann.token, 'worth sharing');
    for (let i = 0; i < 2; i++) {
      const reposted = await call('POST', `/peeps/${id}/repost`, { token: bob.token });
      expect(reposted.status).toBe(200);
      expect(reposted.json).toMatchObject({ id, reposted: true, repostCount: 1 });
      expect(reposted.headers.get('ratelimit-limit')).toBe('100');
      const liked = await call('POST', `/peeps/${id}/like`, { token: bob.token });
      expect(liked.status).toBe(200);
      expect(liked.json).toMatchObject({ id, liked: true, likeCount: 1 });
    }
    expect(await page(`/u/${bob.username}`)).toContain('worth sharing');
    for (let i = 0; i < 2; i++) {
      expect((await call('DELETE', `/peeps/${id}/repost`, { token: bob.token })).status).toBe(204);
      expect((await call('DELETE', `/peeps/${id}/like`, { token: bob.token })).status).toBe(204);
    }
    expect(await page(`/u/${bob.username}`)).not.toContain('worth sharing');
    const again = await call('POST', `/peeps/${id}/like`, { token: ann.token });
    expect(again.json).toMatchObject({ likeCount: 1, repostCount: 0 });
  });

  it('are 404 for a peep that is not there, and a like across a block is 403 with the web’s words', async () => {
    const [ann, bob] = [await person(), await person()];
    for (const what of ['repost', 'like']) {
      const res = await call('POST', `/peeps/99999999/${what}`, { token: bob.token });
      expect(res.status).toBe(404);
      expect(res.json.error.message).toBe('This peep has been deleted.');
    }
    expect((await call('POST', '/peeps/not-a-number/like', { token: bob.token })).status).toBe(404);
    const { id } = await peep(ann.token, 'not for bob');
    await call('POST', `/users/${bob.username}/block`, { token: ann.token });
    const like = await call('POST', `/peeps/${id}/like`, { token: bob.token });
    expect(like.status).toBe(403);
    expect(like.json.error.message).toBe('You can’t like this peep: one of you has blocked the other.');
    // A peep hidden by a block is not found to repost, as on the web.
    expect((await call('POST', `/peeps/${id}/repost`, { token: bob.token })).status).toBe(404);
  });
});

describe('follow, mute and block', () => {
  it('follow shows on the followed person’s followers page, twice changes nothing, and unfollow undoes it', async () => {
    const [ann, bob] = [await person(), await person()];
    for (let i = 0; i < 2; i++) expect((await call('POST', `/users/${ann.username.toUpperCase()}/follow`, { token: bob.token })).status).toBe(204);
    expect(await page(`/u/${ann.username}/followers`)).toContain(`href="/u/${bob.username}"`);
    for (let i = 0; i < 2; i++) expect((await call('DELETE', `/users/${ann.username}/follow`, { token: bob.token })).status).toBe(204);
    expect(await page(`/u/${ann.username}/followers`)).not.toContain(`href="/u/${bob.username}"`);
  });

  it('is 404 for nobody and for oneself, and a follow across a block is 403 with the web’s words', async () => {
    const [ann, bob] = [await person(), await person()];
    for (const what of ['follow', 'mute', 'block']) {
      expect((await call('POST', `/users/nobody_at_all_here/${what}`, { token: bob.token })).status).toBe(404);
      expect((await call('POST', `/users/${bob.username}/${what}`, { token: bob.token })).status).toBe(404);
    }
    expect((await call('POST', '/users/not-a-handle!/follow', { token: bob.token })).status).toBe(404);
    for (let i = 0; i < 2; i++) expect((await call('POST', `/users/${bob.username}/block`, { token: ann.token })).status).toBe(204);
    const follow = await call('POST', `/users/${ann.username}/follow`, { token: bob.token });
    expect(follow.status).toBe(403);
    expect(follow.json.error.message).toBe(`You can’t follow @${ann.username}: one of you has blocked the other.`);
    for (let i = 0; i < 2; i++) expect((await call('DELETE', `/users/${bob.username}/block`, { token: ann.token })).status).toBe(204);
    expect((await call('POST', `/users/${ann.username}/follow`, { token: bob.token })).status).toBe(204);
  });

  it('mute hides the muted person’s peeps from the muter’s pages, and unmute shows them again', async () => {
    const ann = await person();
    const bobName = `wm${Date.now().toString(36)}`;
    const bobCookie = await signUp(app.url, { username: bobName });
    const bob = await call('POST', '/login', { body: { identifier: bobName, password: 'a long enough passphrase' } });
    expect(bob.status).toBe(201);
    await peep(ann.token, 'a peep to mute');
    expect(await page('/', bobCookie)).toContain('a peep to mute');
    for (let i = 0; i < 2; i++) expect((await call('POST', `/users/${ann.username}/mute`, { token: bob.json.token })).status).toBe(204);
    expect(await page('/', bobCookie)).not.toContain('a peep to mute');
    for (let i = 0; i < 2; i++) expect((await call('DELETE', `/users/${ann.username}/mute`, { token: bob.json.token })).status).toBe(204);
    expect(await page('/', bobCookie)).toContain('a peep to mute');
  });

  it('count against the interaction limit: 429 with Retry-After and RateLimit-Remaining 0 after 100 in 5 minutes', async () => {
    const [ann, bob] = [await person(), await person()];
    // Following and unfollowing in turn, so each is a real change; the refused one changes nothing.
    let refusedFollow = false;
    const res = await exhaust((i) => call((refusedFollow = i % 2 === 0) ? 'POST' : 'DELETE', `/users/${ann.username}/follow`, { token: bob.token }), 100);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('ratelimit-remaining')).toBe('0');
    expect((await page(`/u/${ann.username}/followers`)).includes(`href="/u/${bob.username}"`)).toBe(!refusedFollow);
  });
});

describe('notification settings', () => {
  it('reads them, changes any of them, and leaves out what is not sent', async () => {
    const sam = await person();
    const start = await call('GET', '/settings/notifications', { token: sam.token });
    expect(start.status).toBe(200);
    expect(start.json).toEqual({ mentionEmails: true, replyEmails: true });
    const changed = await call('PATCH', '/settings/notifications', { token: sam.token, body: { replyEmails: false } });
    expect(changed.status).toBe(200);
    expect(changed.json).toEqual({ mentionEmails: true, replyEmails: false });
    expect(changed.headers.get('ratelimit-limit')).toBe('30');
    expect((await call('PATCH', '/settings/notifications', { token: sam.token, body: {} })).json).toEqual({ mentionEmails: true, replyEmails: false });
    expect((await call('GET', '/settings/notifications', { token: sam.token })).json).toEqual({ mentionEmails: true, replyEmails: false });
  });

  it('refuses values that are not booleans, changing nothing', async () => {
    const sam = await person();
    const res = await call('PATCH', '/settings/notifications', { token: sam.token, body: { mentionEmails: 'no' } });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toHaveProperty('mentionEmails');
    expect((await call('GET', '/settings/notifications', { token: sam.token })).json.mentionEmails).toBe(true);
  });
});

describe('POST /notifications/read', () => {
  it('marks what was shown read, only ever forward, and all of them without upTo', async () => {
    const ann = await person();
    const bobName = `wn${Date.now().toString(36)}`;
    const bobCookie = await signUp(app.url, { username: bobName });
    const bob = (await call('POST', '/login', { body: { identifier: bobName, password: 'a long enough passphrase' } })).json.token as string;
    const unread = async () => /aria-label="Notifications, (\d+) unread"/.exec(await page('/notifications', bobCookie))?.[1] ?? '0';
    await peep(ann.token, `hi @${bobName}`);
    await peep(ann.token, `again @${bobName}`);
    expect(await unread()).toBe('2');
    expect((await call('POST', '/notifications/read', { token: bob, body: { upTo: 0 } })).status).toBe(204);
    expect(await unread()).toBe('2');
    const res = await call('POST', '/notifications/read', { token: bob, body: {} });
    expect(res.status).toBe(204);
    expect(res.headers.get('ratelimit-limit')).toBe('120');
    expect(await unread()).toBe('0');
    expect((await call('POST', '/notifications/read', { token: bob, body: { upTo: -1 } })).status).toBe(422);
    expect((await call('POST', '/notifications/read', { token: bob })).status).toBe(415);
  });
});
