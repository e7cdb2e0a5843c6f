import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attemptLogIn } from '@/auth/log-in';
import { identifyViewerForCache } from '@/auth/cache-viewer';
import { readViewer } from '@/auth/current-user';
import { getDb, listen, type Unlisten } from '@/db';
import { LIVE_CHANNEL } from '@/db/queries/live';
import { deleteSession, endOtherSessions, endSession, listLiveSessions, SESSION_MAX_AGE_SECONDS, sessionKeyOf } from '@/db/queries/sessions';
import { peeps, sessions } from '@/db/schema';
import { deviceName } from '@/lib/device-name';
import { serveLive } from '@/lib/live/http';
import { publishPeep } from '@/lib/publish-peep';
import { deliverLiveMessage } from '@/server/context';
import { makeUser } from '../support/factories';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
let logIns = 0;

type Person = Awaited<ReturnType<typeof makeUser>>;

async function logIn(person: Person, userAgent: string | null = FIREFOX_WINDOWS): Promise<string> {
  // An address of its own each time, so the per-address log-in limit never stands in the way.
  const ip = `198.51.100.${++logIns % 250}`;
  const result = await attemptLogIn({ identifier: person.username, password: person.password, ip, userAgent });
  if (!result.ok) throw new Error(`log-in failed: ${result.reason}`);
  return result.sessionId;
}

/** The Cookie header a browser holding this session sends: the token Auth.js would have sealed at log-in. */
async function cookieFor(person: Person, sessionId: string): Promise<string> {
  // The integration setup's APP_URL is https, so the cookie is the __Secure- one.
  const name = '__Secure-authjs.session-token';
  const token = await encode({ token: { sid: sessionId, uid: person.id, username: person.username, name: person.name }, secret: process.env.AUTH_SECRET!, salt: name, maxAge: SESSION_MAX_AGE_SECONDS });
  return `${name}=${token}`;
}

async function sessionRow(sessionId: string) {
  const db = await getDb();
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  return row ?? null;
}

async function setSession(sessionId: string, values: { lastActiveAt?: Date; expiresAt?: Date }) {
  const db = await getDb();
  await db.update(sessions).set(values).where(eq(sessions.id, sessionId));
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('the sessions list', () => {
  it('lists only the person’s own live sessions, most recently active first, each named by its device', async () => {
    const ann = await makeUser();
    const bob = await makeUser();
    const laptop = await logIn(ann, FIREFOX_WINDOWS);
    const phone = await logIn(ann, SAFARI_IPHONE);
    const script = await logIn(ann, null);
    const expired = await logIn(ann);
    await logIn(bob);
    await setSession(laptop, { lastActiveAt: minutesAgo(30) });
    await setSession(phone, { lastActiveAt: minutesAgo(2) });
    await setSession(script, { lastActiveAt: minutesAgo(90) });
    await setSession(expired, { expiresAt: minutesAgo(1) });

    const { sessions: listed, more } = await listLiveSessions({ userId: ann.id });
    expect(more).toBe(false);
    expect(listed.map((s) => s.key)).toEqual([phone, laptop, script].map(sessionKeyOf));
    expect(listed.map((s) => deviceName(s.userAgent))).toEqual(['Safari on iPhone', 'Firefox on Windows', 'Unknown device']);
    // The page carries a key for each session, never the id its cookie holds.
    expect(JSON.stringify(listed)).not.toContain(phone);
  });

  it('says there are more past its limit', async () => {
    const ann = await makeUser();
    for (let i = 0; i < 3; i++) await logIn(ann);
    expect(await listLiveSessions({ userId: ann.id, limit: 2 })).toMatchObject({ more: true, sessions: [{}, {}] });
  });
});

describe('ending sessions', () => {
  it('ends one of the person’s other sessions, and refuses another account’s, the current one and an ended one', async () => {
    const ann = await makeUser();
    const bob = await makeUser();
    const here = await logIn(ann);
    const there = await logIn(ann, SAFARI_IPHONE);
    const bobs = await logIn(bob);

    expect(await endSession({ userId: ann.id, key: sessionKeyOf(bobs), keepSessionId: here })).toBe(false);
    expect(await sessionRow(bobs)).not.toBeNull();
    expect(await endSession({ userId: ann.id, key: sessionKeyOf(here), keepSessionId: here })).toBe(false);
    expect(await sessionRow(here)).not.toBeNull();

    expect(await endSession({ userId: ann.id, key: sessionKeyOf(there), keepSessionId: here })).toBe(true);
    expect(await sessionRow(there)).toBeNull();
    expect(await endSession({ userId: ann.id, key: sessionKeyOf(there), keepSessionId: here })).toBe(false);
    expect((await listLiveSessions({ userId: ann.id })).sessions.map((s) => s.key)).toEqual([sessionKeyOf(here)]);
  });

  it('ends all the person’s other sessions and keeps the current one and everyone else’s', async () => {
    const ann = await makeUser();
    const bob = await makeUser();
    const here = await logIn(ann);
    const others = [await logIn(ann), await logIn(ann, SAFARI_IPHONE), await logIn(ann, null)];
    const bobs = await logIn(bob);

    expect(await endOtherSessions({ userId: ann.id, keepSessionId: here })).toBe(3);
    for (const id of others) expect(await sessionRow(id)).toBeNull();
    expect(await sessionRow(here)).not.toBeNull();
    expect(await sessionRow(bobs)).not.toBeNull();
    expect(await endOtherSessions({ userId: ann.id, keepSessionId: here })).toBe(0);
  });

  it('makes the ended session’s cookie dead at once: for pages, the page cache and a replay of it', async () => {
    const ann = await makeUser();
    const here = await logIn(ann);
    const there = await logIn(ann);
    const cookie = await cookieFor(ann, there);
    expect(await readViewer(cookie)).toMatchObject({ kind: 'user', sessionId: there, user: { id: ann.id } });
    expect(await identifyViewerForCache(cookie)).toMatchObject({ kind: 'person', id: ann.id });

    await endSession({ userId: ann.id, key: sessionKeyOf(there), keepSessionId: here });
    expect(await readViewer(cookie)).toEqual({ kind: 'anonymous' });
    expect(await identifyViewerForCache(cookie)).toEqual({ kind: 'render' });
    // The one asking is still logged in.
    expect(await readViewer(await cookieFor(ann, here))).toMatchObject({ kind: 'user', sessionId: here });
  });
});

describe('the device a session records', () => {
  it('keeps at most 512 characters of the User-Agent, cut between whole characters', async () => {
    const ann = await makeUser();
    const long = await logIn(ann, `Mozilla/5.0 ${'x'.repeat(100_000)}`);
    expect((await sessionRow(long))!.userAgent).toHaveLength(512);
    const emoji = await logIn(ann, '🦜'.repeat(600));
    expect((await sessionRow(emoji))!.userAgent).toBe('🦜'.repeat(512));
    expect((await sessionRow(await logIn(ann, '   ')))!.userAgent).toBeNull();
  });

  it('is bounded by the database too', async () => {
    const ann = await makeUser();
    const db = await getDb();
    await expect(db.insert(sessions).values({ id: 'too-long', userId: ann.id, userAgent: 'x'.repeat(513), expiresAt: new Date(Date.now() + 60_000) })).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringContaining('sessions_user_agent_length') }),
    });
  });
});

describe('last active', () => {
  type Driver = { unsafe?: (...args: unknown[]) => Promise<unknown>; query?: (...args: unknown[]) => Promise<unknown> };
  /** How many statements a call sends to the database. */
  async function statementsSentBy(run: () => Promise<unknown>): Promise<number> {
    const { $client: client } = (await getDb()) as unknown as { $client: Driver };
    const spy = vi.spyOn(client, typeof client.unsafe === 'function' ? 'unsafe' : 'query');
    try {
      await run();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it('is written with the last-seen time at most every five minutes, never as a round trip of every request', async () => {
    const ann = await makeUser();
    const here = await logIn(ann);
    const cookie = await cookieFor(ann, here);
    const stale = minutesAgo(6);
    await setSession(here, { lastActiveAt: stale });
    await readViewer(cookie);
    const written = (await sessionRow(here))!.lastActiveAt;
    expect(written.getTime()).toBeGreaterThan(Date.now() - 10_000);

    // Fresh: a request reads its session and writes nothing, however often the person is seen.
    expect(await statementsSentBy(() => readViewer(cookie))).toBe(1);
    const recent = minutesAgo(4);
    await setSession(here, { lastActiveAt: recent });
    expect(await statementsSentBy(() => readViewer(cookie))).toBe(1);
    expect((await sessionRow(here))!.lastActiveAt).toEqual(recent);
  });

  it('is written for a session that has been idle even while the person is active in another', async () => {
    const ann = await makeUser();
    const busy = await logIn(ann);
    const idle = await logIn(ann);
    await readViewer(await cookieFor(ann, busy));
    await setSession(idle, { lastActiveAt: minutesAgo(60) });
    await readViewer(await cookieFor(ann, idle));
    expect((await sessionRow(idle))!.lastActiveAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });
});

describe('a session ended mid-request', () => {
  it('either posts (the session was live when checked) or is refused as logged out; never an error or a half-write', async () => {
    const ann = await makeUser();
    const outcomes: string[] = [];
    for (let i = 0; i < 25; i++) {
      const doomed = await logIn(ann);
      // A stale last-active time, so the request writes to the row as it is being deleted.
      await setSession(doomed, { lastActiveAt: minutesAgo(10) });
      const cookie = await cookieFor(ann, doomed);
      const body = `race ${i}`;
      // What the compose action does: check the session, then post as the person it names.
      const request = async () => {
        // Sooner each time, so the early tries check after the end has begun even on a slow machine.
        await new Promise((r) => setTimeout(r, Math.max(0, 12 - i)));
        const viewer = await readViewer(cookie);
        if (viewer.kind !== 'user') return 'logged out';
        const posted = await publishPeep({ authorId: viewer.user.id, body });
        return posted.limited ? 'limited' : 'posted';
      };
      const end = async () => {
        // Later each time, so the end comes before the check, during the request, and after it.
        await new Promise((r) => setTimeout(r, i / 2));
        if (i % 2) await endOtherSessions({ userId: ann.id, keepSessionId: 'elsewhere' });
        else await deleteSession({ sessionId: doomed });
      };
      const [outcome] = await Promise.all([request(), end()]);
      outcomes.push(outcome);
      const db = await getDb();
      const saved = await db.select({ id: peeps.id }).from(peeps).where(eq(peeps.body, body));
      expect(saved, `try ${i}: ${outcome}`).toHaveLength(outcome === 'posted' ? 1 : 0);
      expect(await sessionRow(doomed)).toBeNull();
      expect(await readViewer(cookie)).toEqual({ kind: 'anonymous' });
    }
    // Both answers came up, so the race was run, and nothing else did.
    expect(new Set(outcomes)).toEqual(new Set(['posted', 'logged out']));
  });
});

describe('an open live stream of an ended session', () => {
  let server: http.Server | undefined;
  let unlisten: Unlisten | undefined;
  afterEach(async () => {
    await unlisten?.();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r) ?? r(undefined));
    server = undefined;
    unlisten = undefined;
  });

  it('is cut when the session is ended from another, and reconnecting gets the log-in refusal', async () => {
    // The live channel reaches the streams as boot.ts connects it in the server.
    unlisten = await listen(LIVE_CHANNEL, deliverLiveMessage, () => {});
    server = http.createServer((req, res) => void serveLive(req, res));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/live?stream=following`;

    const ann = await makeUser();
    const here = await logIn(ann);
    const there = await logIn(ann);
    const cookie = await cookieFor(ann, there);
    const res = await fetch(url, { headers: { cookie } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('retry:');

    await endSession({ userId: ann.id, key: sessionKeyOf(there), keepSessionId: here });
    const ended = await Promise.race([
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })().catch(() => 'ended'),
      new Promise((r) => setTimeout(r, 5_000, 'still open')),
    ]);
    expect(ended).toBe('ended');
    expect((await fetch(url, { headers: { cookie } })).status).toBe(401);
  });
});

