import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api';
import { startAppServer, type AppServer } from '../support/app-server';
import { composeFields, hiddenFields, postForm, signUp } from '../support/no-js-forms';

// The reading endpoints of /api/v1 against the real built server on its own embedded database. State is set up the
// way people make it: through the web's forms without JavaScript, then read back over the API with tokens.

type Person = { username: string; cookie: string; token: string };

const PASSWORD = 'a long enough passphrase';
const run = randomBytes(3).toString('hex');
const tag = `read${run}`;

let app: AppServer;
let ann: Person; // reads: follows bob, mutes cat
let bob: Person; // followed by ann; mentions and replies to her
let cat: Person; // muted by ann
let dan: Person; // blocks ann
const annPeeps: number[] = [];
let bobPeep: number;
let catPeep: number;
let danPeep: number;
let bobReply: number;

const get = (p: string, who?: Person) => api(app.url, 'GET', p, { token: who?.token });
const ids = (items: { peep?: { id: number }; id?: number }[]) => items.map((i) => i.peep?.id ?? i.id);
const names = (items: { username: string }[]) => items.map((p) => p.username);

async function person(prefix: string): Promise<Person> {
  const username = `${prefix}${run}`;
  const cookie = await signUp(app.url, { username, password: PASSWORD });
  const login = await api(app.url, 'POST', '/login', { body: { identifier: username, password: PASSWORD } });
  expect(login.status).toBe(201);
  return { username, cookie, token: login.json.token };
}

/** Posts through the compose box on `page` (a peep's page answers that peep) and answers the new peep's id. */
async function peep(who: Person, body: string, page = '/following'): Promise<number> {
  const res = await postForm(`${app.url}${page}`, { ...(await composeFields(app.url, who.cookie, page)), body }, { cookie: who.cookie });
  expect(res.status).toBe(303);
  const mine = await get(`/users/${who.username}/peeps?limit=1`, who);
  expect(mine.json.items[0].peep.body).toBe(body);
  return mine.json.items[0].peep.id;
}

/** Presses the button on `page` whose form holds `marker`, as a browser without JavaScript would. */
async function press(who: Person, page: string, marker: string, fields: Record<string, string> = {}) {
  const html = await (await fetch(`${app.url}${page}`, { headers: { cookie: who.cookie } })).text();
  const res = await postForm(`${app.url}${page}`, { ...hiddenFields(html, marker), ...fields }, { cookie: who.cookie });
  expect(res.status).toBe(303);
}

/** Every page of a list, following `next` and checking the Link header says the same. */
async function walk(first: string, who?: Person) {
  const seen: unknown[] = [];
  let address: string | null = first;
  let pages = 0;
  while (address) {
    const res = await get(address, who);
    expect(res.status).toBe(200);
    seen.push(...res.json.items);
    pages += 1;
    const { next } = res.json as { next: string | null };
    if (next) {
      const url: URL = new URL(address, 'http://x');
      url.searchParams.set('before', next);
      expect(res.headers.get('link')).toBe(`</api/v1${url.pathname}${url.search}>; rel="next"`);
      address = `${url.pathname}${url.search}`;
    } else {
      expect(res.headers.get('link')).toBeNull();
      address = null;
    }
  }
  return { seen, pages };
}

beforeAll(async () => {
  app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'chitter-api-read-')), WORKER: 'off' } });
  [ann, bob, cat, dan] = [await person('ann'), await person('bob'), await person('cat'), await person('dan')];
  for (const n of [1, 2, 3]) annPeeps.push(await peep(ann, `ann peep ${n} #${tag}`));
  bobPeep = await peep(bob, `hello @${ann.username} from bob`);
  catPeep = await peep(cat, `cat was here #${tag}`);
  danPeep = await peep(dan, `dan keeps to himself #${tag}`);
  await press(ann, `/u/${bob.username}`, '>Follow<span');
  await press(bob, `/u/${ann.username}`, '>Follow<span');
  await press(ann, `/u/${cat.username}`, '>Mute<span');
  await press(dan, `/u/${ann.username}`, '>Block<span');
  await press(bob, `/p/${annPeeps[0]}`, 'Like: peep by');
  await press(cat, `/p/${annPeeps[0]}`, 'Like: peep by');
  bobReply = await peep(bob, `a reply from bob`, `/p/${annPeeps[0]}`);
  await peep(cat, `a reply from cat`, `/p/${annPeeps[0]}`);
}, 600_000);

afterAll(async () => {
  await app?.stop();
});

describe('timelines', () => {
  it('public: everyone’s peeps, newest first, leaving out whom the token’s owner mutes or is blocked by', async () => {
    const anyone = await get('/timelines/public?limit=100');
    expect(anyone.status).toBe(200);
    expect(ids(anyone.json.items)).toEqual(expect.arrayContaining([catPeep, danPeep, bobPeep, ...annPeeps]));
    const item = anyone.json.items.find((i: { peep: { id: number } }) => i.peep.id === bobPeep);
    expect(item).toMatchObject({ type: 'peep', repostedBy: null, peep: { body: `hello @${ann.username} from bob`, author: { username: bob.username }, mentions: [ann.username], liked: false } });
    expect(Date.parse(item.at)).not.toBeNaN();
    const times = anyone.json.items.map((i: { at: string }) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const forAnn = await get('/timelines/public?limit=100', ann);
    expect(ids(forAnn.json.items)).toEqual(expect.arrayContaining([bobPeep, ...annPeeps]));
    expect(ids(forAnn.json.items)).not.toContain(catPeep);
    expect(ids(forAnn.json.items)).not.toContain(danPeep);
  });

  it('pages with `next` and a Link header to the end, each item once', async () => {
    const whole = await get('/timelines/public?limit=100');
    const { seen, pages } = await walk('/timelines/public?limit=2');
    expect(ids(seen as never)).toEqual(ids(whole.json.items));
    expect(pages).toBe(Math.ceil(whole.json.items.length / 2));
  });

  it('home: needs a token, and holds the owner’s and their follows’ peeps', async () => {
    const none = await get('/timelines/home');
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthorized');
    const home = await get('/timelines/home?limit=100', ann);
    expect(home.status).toBe(200);
    expect(ids(home.json.items)).toEqual(expect.arrayContaining([bobPeep, ...annPeeps]));
    expect(ids(home.json.items)).not.toContain(catPeep);
  });

  it('a person’s peeps, and a 403 saying why when a block stands between them and the token’s owner', async () => {
    const { seen } = await walk(`/users/${ann.username}/peeps?limit=1`);
    expect(ids(seen as never)).toEqual([...annPeeps].reverse());
    expect((await get(`/users/${dan.username}/peeps`)).status).toBe(200);
    const blocked = await get(`/users/${dan.username}/peeps`, ann);
    expect(blocked.status).toBe(403);
    expect(blocked.json.error).toMatchObject({ code: 'forbidden', message: `@${dan.username} has blocked you, so neither of you sees the other’s peeps.` });
  });

  it('a tag, in any case, without the people the token’s owner hides; not a tag is a 404', async () => {
    const anyone = await get(`/tags/${tag.toUpperCase()}?limit=100`);
    expect(anyone.status).toBe(200);
    expect(ids(anyone.json.items).sort()).toEqual([...annPeeps, catPeep, danPeep].sort());
    expect(ids((await get(`/tags/${tag}?limit=100`, ann)).json.items).sort()).toEqual([...annPeeps].sort());
    expect((await get('/tags/not-a-tag!')).status).toBe(404);
  });
});

describe('paging input', () => {
  it.each(['/timelines/public', '/users/{ann}/followers', '/search/people?q=ann&', '/notifications'])('refuses a limit of 0 or 101 on %s', async (base) => {
    const address = base.replace('{ann}', ann.username);
    const sep = address.includes('?') ? '' : '?';
    for (const limit of [0, 101]) {
      const res = await get(`${address}${sep}limit=${limit}`, ann);
      expect(res.status).toBe(400);
      expect(res.json.error.fields).toHaveProperty('limit');
    }
  });

  it.each(['/timelines/public', '/timelines/home', `/tags/${tag}`, '/search/peeps?q=ann&', '/search/people?q=ann&', '/notifications'])('answers 400 on `before` for a cursor it did not make on %s', async (base) => {
    const sep = base.includes('?') ? '' : '?';
    for (const before of ['nonsense', 'MTIzOjA6MQ', '']) {
      const res = await get(`${base}${sep}before=${before}`, ann);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('bad_request');
      expect(res.json.error.fields).toHaveProperty('before');
    }
  });
});

describe('people', () => {
  it('a profile with counts, and how the token’s owner stands with them', async () => {
    const anyone = await get(`/users/${bob.username.toUpperCase()}`);
    expect(anyone.status).toBe(200);
    expect(anyone.json).toMatchObject({ username: bob.username, name: `${bob.username} Tester`, peepCount: 2, followerCount: 1, followingCount: 1, online: true, you: null });
    expect(anyone.json.url).toBe(`${app.url}/u/${bob.username}`);
    expect((await get(`/users/${bob.username}`, ann)).json.you).toEqual({ following: true, muting: false, blocking: false, blockedBy: false });
    expect((await get(`/users/${cat.username}`, ann)).json.you).toMatchObject({ muting: true });
    expect((await get(`/users/${dan.username}`, ann)).json.you).toMatchObject({ blockedBy: true });
  });

  it('an unknown or impossible handle is a 404', async () => {
    for (const address of ['/users/nobody_here_at_all', '/users/nobody_here_at_all/peeps', '/users/nobody_here_at_all/followers', '/users/no%20such']) {
      const res = await get(address);
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    }
  });

  it('followers and following', async () => {
    const followers = await get(`/users/${bob.username}/followers`, bob);
    expect(followers.status).toBe(200);
    expect(followers.json).toEqual({ items: [expect.objectContaining({ username: ann.username, followedByYou: true, followerCount: 1 })], next: null });
    expect(names((await get(`/users/${ann.username}/following`)).json.items)).toEqual([bob.username]);
    expect(names((await get(`/users/${dan.username}/following`)).json.items)).toEqual([]);
  });

  it('search for people as the web’s box reads it, with a 400 on `q` for nothing or too much', async () => {
    const found = await get(`/search/people?q=${encodeURIComponent(`@${bob.username}`)}`, ann);
    expect(found.status).toBe(200);
    expect(found.json.items[0]).toMatchObject({ username: bob.username, followedByYou: true });
    const { seen } = await walk('/search/people?q=Tester&limit=1');
    expect(names(seen as never).sort()).toEqual([ann, bob, cat, dan].map((p) => p.username).sort());
    for (const q of ['', '%20%20', 'x'.repeat(101)]) {
      const res = await get(`/search/people?q=${q}`);
      expect(res.status).toBe(400);
      expect(res.json.error.fields).toHaveProperty('q');
    }
    expect((await get('/search/people')).status).toBe(400);
  });

  it('who is online: a count and people, leaving out whoever hides it', async () => {
    const before = await get('/online');
    expect(before.status).toBe(200);
    expect(names(before.json.people)).toContain(cat.username);
    expect(before.json.people[0]).toEqual({ username: expect.any(String), name: expect.any(String), avatarUrl: null });
    await press(cat, '/settings', 'name="showOnline"', { mentionEmails: 'on', replyEmails: 'on' });
    const after = await get('/online');
    expect(names(after.json.people)).not.toContain(cat.username);
    expect(after.json.count).toBe(before.json.count - 1);
    expect((await get(`/users/${cat.username}`)).json.online).toBeNull();
  });
});

describe('peeps', () => {
  it('one peep, as the token’s owner sees it', async () => {
    const res = await get(`/peeps/${annPeeps[0]}`, bob);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: annPeeps[0], author: { username: ann.username }, likeCount: 2, liked: true, replyCount: 2, replyTo: null, url: `${app.url}/p/${annPeeps[0]}` });
    expect((await get(`/peeps/${annPeeps[0]}`)).json.liked).toBe(false);
  });

  it('a missing or impossible id is a 404, and a peep hidden by a block a 403', async () => {
    for (const id of ['999999999', 'abc', '0', '01']) expect((await get(`/peeps/${id}`)).status).toBe(404);
    for (const address of [`/peeps/${danPeep}`, `/peeps/${danPeep}/replies`, `/peeps/${danPeep}/likes`]) {
      const res = await get(address, ann);
      expect(res.status).toBe(403);
      expect(res.json.error.message).toContain('has blocked you');
    }
    expect((await get(`/peeps/${danPeep}`)).status).toBe(200);
  });

  it('replies with the peeps above, without the people the token’s owner hides', async () => {
    const anyone = await get(`/peeps/${annPeeps[0]}/replies`);
    expect(anyone.status).toBe(200);
    expect(anyone.json).toMatchObject({ ancestors: [], deletedAbove: false, moreAbove: null, next: null });
    expect(anyone.json.items.map((p: { body: string }) => p.body)).toEqual(['a reply from bob', 'a reply from cat']);
    expect(anyone.json.items[0].replyTo).toEqual({ peepId: annPeeps[0], username: ann.username });
    expect((await get(`/peeps/${annPeeps[0]}/replies`, ann)).json.items.map((p: { body: string }) => p.body)).toEqual(['a reply from bob']);
    const { seen } = await walk(`/peeps/${annPeeps[0]}/replies?limit=1`);
    expect(seen).toHaveLength(2);
    const above = await get(`/peeps/${bobReply}/replies`);
    expect(above.json.ancestors).toEqual([{ id: annPeeps[0], peep: expect.objectContaining({ id: annPeeps[0] }) }]);
  });

  it('who liked it, without the people the token’s owner hides', async () => {
    expect(names((await get(`/peeps/${annPeeps[0]}/likes`)).json.items).sort()).toEqual([bob.username, cat.username].sort());
    expect(names((await get(`/peeps/${annPeeps[0]}/likes`, ann)).json.items)).toEqual([bob.username]);
    const { seen } = await walk(`/peeps/${annPeeps[0]}/likes?limit=1`);
    expect(seen).toHaveLength(2);
    expect((await get('/peeps/999999999/likes')).status).toBe(404);
  });

  it('search for peeps by their words, without the people the token’s owner hides', async () => {
    const anyone = await get(`/search/peeps?q=${tag}`);
    expect(anyone.status).toBe(200);
    expect(ids(anyone.json.items).sort()).toEqual([...annPeeps, catPeep, danPeep].sort());
    expect(ids((await get(`/search/peeps?q=${tag}`, ann)).json.items).sort()).toEqual([...annPeeps].sort());
    const { seen } = await walk(`/search/peeps?q=${tag}&limit=2`);
    expect(seen).toHaveLength(5);
  });

  it('deletes only its author’s peep, counted against the interaction limit', async () => {
    const doomed = await peep(ann, 'this one goes');
    expect((await api(app.url, 'DELETE', `/peeps/${doomed}`)).status).toBe(401);
    const other = await api(app.url, 'DELETE', `/peeps/${doomed}`, { token: bob.token });
    expect(other.status).toBe(404);
    expect((await get(`/peeps/${doomed}`)).status).toBe(200);
    const mine = await api(app.url, 'DELETE', `/peeps/${doomed}`, { token: ann.token });
    expect(mine.status).toBe(204);
    expect(Number(mine.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
    expect(mine.headers.get('ratelimit-remaining')).not.toBeNull();
    expect((await get(`/peeps/${doomed}`)).status).toBe(404);
    expect((await api(app.url, 'DELETE', `/peeps/${doomed}`, { token: ann.token })).status).toBe(404);
    // The cached public page drops it too, as after the web's Delete button.
    expect(await (await fetch(`${app.url}/`)).text()).not.toContain('this one goes');
  });
});

describe('notifications', () => {
  it('need a token', async () => {
    expect((await get('/notifications')).status).toBe(401);
    expect((await get('/notifications/unread')).status).toBe(401);
  });

  it('list what happened to the token’s owner, newest first, without the people they hide', async () => {
    const res = await get('/notifications', ann);
    expect(res.status).toBe(200);
    const kinds = res.json.items.map((n: { kind: string; actor: { username: string } }) => `${n.kind} ${n.actor.username}`);
    expect(kinds).toEqual([`reply ${bob.username}`, `like ${bob.username}`, `follow ${bob.username}`, `mention ${bob.username}`]);
    expect(res.json.items[0]).toMatchObject({ unread: true, peep: { body: 'a reply from bob' } });
    expect(res.json.items[2].peep).toBeNull();
    const { seen } = await walk('/notifications?limit=1', ann);
    expect(seen).toEqual(res.json.items);
    expect((await get('/notifications/unread', ann)).json).toEqual({ count: 4 });
  });
});

describe('a renamed handle', () => {
  it('leads to the new one for 30 days', async () => {
    const eve = await person('eve');
    const renamed = `eve2${run}`;
    await press(eve, '/settings/handle', 'name="password"', { username: renamed, password: PASSWORD });
    for (const suffix of ['', '/peeps?limit=5', '/followers']) {
      const res = await fetch(`${app.url}/api/v1/users/${eve.username}${suffix}`, { redirect: 'manual' });
      expect(res.status).toBe(307);
      expect(res.headers.get('location')).toBe(`/api/v1/users/${renamed}${suffix}`);
    }
    const followed = await get(`/users/${eve.username}`);
    expect(followed.json.username).toBe(renamed);
  });
});
