import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { followUser, listFollowPeople, suggestPeopleToFollow, unfollowUser } from '@/db/queries/follows';
import { findProfile, listOnline, touchLastSeen } from '@/db/queries/people';
import { repostPeep, undoRepost } from '@/db/queries/reposts';
import { listHomeTimeline, listProfileTimeline, listPublicTimeline, type TimelinePage } from '@/db/queries/timelines';
import { saveUserSettings } from '@/db/queries/users';
import { follows, reposts, users } from '@/db/schema';
import { insertPeep, insertPerson, insertRepost } from '../support/rows';
import { encodeCursor, decodeCursor } from '@/lib/cursor';
import { ONLINE_WINDOW_MS } from '@/lib/presence';
import { makeUser } from '../support/factories';

const person = insertPerson;

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute));

const peepAt = (authorId: number, body: string, minute: number) => insertPeep(authorId, body, at(minute));

const repostAt = (userId: number, peepId: number, minute: number) => insertRepost(userId, peepId, at(minute));

const describeItems = (page: TimelinePage) => page.items.map((i) => (i.repostedBy ? `${i.peep.body} ↻${i.repostedBy.username}` : i.peep.body));

async function countFollows(followerId: number, followeeId: number) {
  const db = await getDb();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(follows).where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)));
  return n;
}

describe('following', () => {
  it('is idempotent both ways, and counts update at once', async () => {
    const ann = await person('ann');
    const bob = await person('bob');
    expect(await followUser({ followerId: ann.id, username: 'BOB' })).toBe('followed');
    expect(await followUser({ followerId: ann.id, username: 'bob' })).toBe('followed');
    expect(await countFollows(ann.id, bob.id)).toBe(1);
    expect(await findProfile({ username: 'bob', viewerId: ann.id })).toMatchObject({ followerCount: 1, followingCount: 0, followedByViewer: true });
    await unfollowUser({ followerId: ann.id, username: 'bob' });
    await unfollowUser({ followerId: ann.id, username: 'bob' });
    expect(await countFollows(ann.id, bob.id)).toBe(0);
    expect(await findProfile({ username: 'bob', viewerId: ann.id })).toMatchObject({ followerCount: 0, followedByViewer: false });
  });

  it('survives many simultaneous follows of one person: exactly one row', async () => {
    const ann = await person('ann');
    const bob = await person('bob');
    await Promise.all(Array.from({ length: 12 }, () => followUser({ followerId: ann.id, username: 'bob' })));
    expect(await countFollows(ann.id, bob.id)).toBe(1);
  });

  it('cannot follow oneself, through the app or around it, even all at once', async () => {
    const ann = await person('ann');
    const results = await Promise.all(Array.from({ length: 6 }, () => followUser({ followerId: ann.id, username: 'ANN' })));
    expect(results.every((r) => r === 'unknown')).toBe(true);
    const db = await getDb();
    await expect(db.insert(follows).values({ followerId: ann.id, followeeId: ann.id })).rejects.toThrow();
    expect(await countFollows(ann.id, ann.id)).toBe(0);
  });

  it('lists followers and following, most recent first, with the viewer’s follow state', async () => {
    const ann = await person('ann');
    const bob = await person('bob');
    const cat = await person('cat');
    await followUser({ followerId: bob.id, username: 'ann' });
    await followUser({ followerId: cat.id, username: 'ann' });
    await followUser({ followerId: ann.id, username: 'cat' });
    const followers = await listFollowPeople({ userId: ann.id, direction: 'followers', viewerId: ann.id });
    expect(followers.people.map((p) => [p.username, p.followedByViewer])).toEqual([
      ['cat', true],
      ['bob', false],
    ]);
    expect((await listFollowPeople({ userId: ann.id, direction: 'following' })).people.map((p) => p.username)).toEqual(['cat']);
    const paged = await listFollowPeople({ userId: ann.id, direction: 'followers', limit: 1 });
    const rest = await listFollowPeople({ userId: ann.id, direction: 'followers', limit: 1, before: decodeCursor(encodeCursor(paged.next!)) });
    expect([...paged.people, ...rest.people].map((p) => p.username)).toEqual(['cat', 'bob']);
  });

  it('suggests recent peepers (never oneself) to someone who follows nobody', async () => {
    const ann = await person('ann');
    const bob = await person('bob');
    await peepAt(bob.id, 'hello', 1);
    await peepAt(ann.id, 'me too', 2);
    expect((await suggestPeopleToFollow({ userId: ann.id })).map((p) => p.username)).toEqual(['bob']);
  });
});

describe('the home timeline', () => {
  it('holds peeps and reposts by people followed and by oneself, newest first, reposts at their own time', async () => {
    const ann = await person('ann');
    const bob = await person('bob');
    const cat = await person('cat');
    await followUser({ followerId: ann.id, username: 'bob' });
    await peepAt(bob.id, 'bob 1', 1);
    const catPeep = await peepAt(cat.id, 'cat 2', 2);
    await peepAt(ann.id, 'ann 3', 3);
    await repostAt(bob.id, catPeep, 4);
    await peepAt(cat.id, 'cat 5', 5);

    const home = await listHomeTimeline({ userId: ann.id, viewerId: ann.id });
    expect(describeItems(home)).toEqual(['cat 2 ↻bob', 'ann 3', 'bob 1']);
    const repost = home.items[0];
    expect(repost.peep.author.username).toBe('cat');
    expect(repost.peep.createdAt).toEqual(at(2));
    expect(repost.sortAt).toEqual(at(4));
    expect(repost.peep.repostCount).toBe(1);

    await unfollowUser({ followerId: ann.id, username: 'bob' });
    expect(describeItems(await listHomeTimeline({ userId: ann.id }))).toEqual(['ann 3']);
  });

  it('pages through peeps and reposts that share a timestamp without gaps or repeats', async () => {
    const ann = await person('ann');
    const bob = await person('bob');
    await followUser({ followerId: ann.id, username: 'bob' });
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await peepAt(bob.id, `bob ${i}`, Math.floor(i / 2)));
    for (const id of ids.slice(0, 3)) await repostAt(ann.id, id, 2);

    const seen: string[] = [];
    let before = null as ReturnType<typeof decodeCursor>;
    for (let guard = 0; guard < 20; guard++) {
      const page = await listHomeTimeline({ userId: ann.id, limit: 2, before });
      seen.push(...describeItems(page));
      if (!page.next) break;
      before = decodeCursor(encodeCursor(page.next));
    }
    const all = describeItems(await listHomeTimeline({ userId: ann.id, limit: 50 }));
    // Six peeps, each once: the three ann reposted at the time of her repost.
    expect(all).toEqual(['bob 2 ↻ann', 'bob 1 ↻ann', 'bob 0 ↻ann', 'bob 5', 'bob 4', 'bob 3']);
    expect(seen).toEqual(all);
  });
});

describe('reposts', () => {
  it('are one per person per peep, even when requested many times at once, and can be undone', async () => {
    const ann = await makeUser();
    const bob = await person('bob');
    const peep = await peepAt(bob.id, 'worth sharing', 1);
    const results = await Promise.all(Array.from({ length: 10 }, () => repostPeep({ userId: ann.id, peepId: peep })));
    expect(results.every(Boolean)).toBe(true);
    const db = await getDb();
    expect(await db.select().from(reposts)).toHaveLength(1);
    const page = await listProfileTimeline({ userId: ann.id, viewerId: ann.id });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ repostedBy: { username: ann.username }, peep: { body: 'worth sharing', repostCount: 1, reposted: true } });
    expect((await listPublicTimeline({ viewerId: bob.id })).items[0].peep).toMatchObject({ repostCount: 1, reposted: false });

    await undoRepost({ userId: ann.id, peepId: peep });
    await undoRepost({ userId: ann.id, peepId: peep });
    expect(await db.select().from(reposts)).toHaveLength(0);
    expect((await listProfileTimeline({ userId: ann.id })).items).toHaveLength(0);
  });

  it('of a peep that does not exist change nothing', async () => {
    const ann = await person('ann');
    expect(await repostPeep({ userId: ann.id, peepId: 999_999 })).toBe(false);
  });

  it('are refused twice by the database itself', async () => {
    const ann = await person('ann');
    const peep = await peepAt(ann.id, 'mine', 1);
    const db = await getDb();
    await db.insert(reposts).values({ userId: ann.id, peepId: peep });
    await expect(db.insert(reposts).values({ userId: ann.id, peepId: peep })).rejects.toThrow();
  });
});

describe('who is online', () => {
  it('lists people active in the last five minutes, and leaves out those who hide it, everywhere', async () => {
    const ann = await person('ann');
    const bob = await person('bob');
    const cat = await person('cat');
    await touchLastSeen({ userId: ann.id });
    await touchLastSeen({ userId: bob.id });
    await touchLastSeen({ userId: cat.id });
    const db = await getDb();
    await db.update(users).set({ lastSeenAt: sql`now() - interval '6 minutes'` }).where(eq(users.id, cat.id));
    expect(await listOnline()).toEqual({ count: 2, people: expect.arrayContaining([{ username: 'ann', name: 'ann', avatarVersion: null }, { username: 'bob', name: 'bob', avatarVersion: null }]) });
    // A profile's dot and the panel agree: online is a last-seen time within the window.
    const shownOnline = async (username: string) => {
      const seen = (await findProfile({ username }))?.lastSeenAt;
      return seen ? Date.now() - seen.getTime() < ONLINE_WINDOW_MS : null;
    };
    expect([await shownOnline('ann'), await shownOnline('bob'), await shownOnline('cat')]).toEqual([true, true, false]);

    await saveUserSettings({ userId: bob.id, mentionEmails: true, hideOnline: true });
    expect(await listOnline()).toEqual({ count: 1, people: [{ username: 'ann', name: 'ann', avatarVersion: null }] });
    expect(await findProfile({ username: 'bob' })).toMatchObject({ lastSeenAt: null, hidesOnline: true });
  });

  it('writes the last-seen time at most once a minute', async () => {
    const ann = await person('ann');
    const db = await getDb();
    const lastSeen = async () => (await db.select({ at: users.lastSeenAt }).from(users).where(eq(users.id, ann.id)))[0].at;
    const seenAgo = (seconds: number) => db.update(users).set({ lastSeenAt: sql`now() - make_interval(secs => ${seconds})` }).where(eq(users.id, ann.id));

    expect(await lastSeen()).toBeNull();
    await touchLastSeen({ userId: ann.id });
    expect(await lastSeen()).not.toBeNull();

    await seenAgo(59);
    const recent = await lastSeen();
    await touchLastSeen({ userId: ann.id });
    expect(await lastSeen()).toEqual(recent);

    await seenAgo(61);
    const stale = await lastSeen();
    await touchLastSeen({ userId: ann.id });
    expect((await lastSeen())!.getTime()).toBeGreaterThanOrEqual(stale!.getTime() + 61_000);
  });
});

describe('the pages’ version', () => {
  it('moves forward with every peep, repost and follow and their undoing, in the write itself, so kept pages are dropped', async () => {
    const { readPageVersion } = await import('@/db/queries/page-version');
    const { createPeep, deletePeep } = await import('@/db/queries/peeps');
    const vera = await person('vera_version');
    const walt = await person('walt_version');
    const writes: [string, () => Promise<unknown>][] = [];
    let peepId = 0;
    writes.push(['a peep', async () => ({ id: peepId } = await createPeep({ authorId: vera.id, body: 'versioned' }))]);
    writes.push(['a repost', () => repostPeep({ userId: walt.id, peepId })]);
    writes.push(['undoing it', () => undoRepost({ userId: walt.id, peepId })]);
    writes.push(['a follow', () => followUser({ followerId: walt.id, username: vera.username })]);
    writes.push(['an unfollow', () => unfollowUser({ followerId: walt.id, username: vera.username })]);
    writes.push(['a deletion', () => deletePeep({ peepId, authorId: vera.id })]);
    for (const [what, write] of writes) {
      const before = BigInt(await readPageVersion());
      await write();
      expect(BigInt(await readPageVersion()), what).toBeGreaterThan(before);
    }
  });
});
