import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db';
import { followUser } from '@/db/queries/follows';
import { repostPeep } from '@/db/queries/reposts';
import { listHomeTimeline, listProfileTimeline, listPublicTimeline, type TimelinePage } from '@/db/queries/timelines';
import { follows, peeps, reposts } from '@/db/schema';
import { insertPeep, insertPerson, insertRepost } from '../support/rows';
import { decodeCursor, encodeCursor, type Cursor } from '@/lib/cursor';

const person = async (username: string) => (await insertPerson(username, `Name ${username}`)).id;

const BASE = Date.UTC(2026, 10, 20, 12);
const at = (second: number) => new Date(BASE + second * 1000);

const peepAt = (authorId: number, body: string, second: number) => insertPeep(authorId, body, at(second));
const repostAt = (userId: number, peepId: number, second: number) => insertRepost(userId, peepId, at(second));

const shown = (page: TimelinePage) => page.items.map((i) => (i.repostedBy ? `${i.peep.body} ↻${i.repostedBy.username}` : i.peep.body));

type Timeline = 'home' | 'profile';
const read = (timeline: Timeline, userId: number, args: { limit: number; before?: Cursor | null; after?: Cursor | null }) =>
  timeline === 'home' ? listHomeTimeline({ userId, viewerId: userId, ...args }) : listProfileTimeline({ userId, ...args });

/**
 * What a timeline should hold, worked out from the tables in plain code: every peep by its people and every repost by
 * them is an appearance keyed (time, kind, id); each peep shows once, at its greatest key; newest first.
 */
async function expected(timeline: Timeline, userId: number): Promise<string[]> {
  const db = await getDb();
  const people =
    timeline === 'profile'
      ? [userId]
      : [userId, ...(await db.select({ id: follows.followeeId }).from(follows).where(sql`${follows.followerId} = ${userId}`)).map((r) => r.id)];
  const list = sql.join(
    people.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = rowsOf<{ ms: string; kind: number; id: string; peep_id: string; label: string }>(
    await db.execute(sql`select (extract(epoch from p.created_at) * 1000)::bigint::text as ms, 0 as kind, p.id::text as id, p.id::text as peep_id, p.body as label
        from peeps p where p.author_id in (${list})
      union all
      select (extract(epoch from r.created_at) * 1000)::bigint::text, 1, r.id::text, r.peep_id::text, p.body || ' ↻' || u.username
        from reposts r join peeps p on p.id = r.peep_id join users u on u.id = r.user_id where r.user_id in (${list})`),
  );
  const key = (r: (typeof rows)[number]) => [Number(r.ms), Number(r.kind), Number(r.id)];
  const newer = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = best.get(r.peep_id);
    if (!seen || newer(key(r), key(seen)) > 0) best.set(r.peep_id, r);
  }
  return [...best.values()].sort((a, b) => newer(key(b), key(a))).map((r) => r.label);
}

/** Pages down with `before` to the end, then back up with `after` to the top, through the cursors' text form. */
async function walk(timeline: Timeline, userId: number, limit: number) {
  const down: string[][] = [];
  const newerLinks: (Cursor | null)[] = [];
  let before: Cursor | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const page = await read(timeline, userId, { limit, before });
    down.push(shown(page));
    newerLinks.push(page.newer);
    if (!page.next) break;
    before = decodeCursor(encodeCursor(page.next));
  }
  // From the last page, "Newer" leads back through the same pages to the first.
  const up: string[][] = [];
  let after = newerLinks.at(-1) ?? null;
  while (after) {
    const page = await read(timeline, userId, { limit, after: decodeCursor(encodeCursor(after)) });
    up.unshift(shown(page));
    after = page.newer;
  }
  return { down, up, newerLinks };
}

describe('a peep shows once on a timeline', () => {
  it('a repost by someone followed replaces the original peep lower down, after a reload too', async () => {
    const ann = await person('ann');
    const bea = await person('bea');
    await followUser({ followerId: bea, username: 'ann' });
    const first = await peepAt(ann, 'first', 1);
    await peepAt(ann, 'second', 2);
    await peepAt(bea, 'bea peeps', 3);
    expect(await repostPeep({ userId: bea, peepId: first })).toBe(true);

    for (let reload = 0; reload < 2; reload++) {
      const page = await listHomeTimeline({ userId: bea, viewerId: bea });
      expect(shown(page)).toEqual(['first ↻bea', 'bea peeps', 'second']);
      expect(page.items[0]).toMatchObject({ repostedBy: { username: 'bea' }, alsoRepostedBy: null, reposterCount: 1, peep: { repostCount: 1, reposted: true } });
    }
    // Ann's own profile still has her peep where she wrote it; Bea's has the repost.
    expect(shown(await listProfileTimeline({ userId: ann }))).toEqual(['second', 'first']);
    expect(shown(await listProfileTimeline({ userId: bea }))).toEqual(['first ↻bea', 'bea peeps']);
    // The public stream never repeated reposts.
    expect(shown(await listPublicTimeline({}))).toEqual(['bea peeps', 'second', 'first']);
  });

  it('reposted by several people followed: once, at the newest repost, naming the newest reposter and counting the rest', async () => {
    const me = await person('me');
    const author = await person('author');
    const others = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((name) => person(name)));
    const stranger = await person('stranger');
    for (const name of ['r1', 'r2', 'r3', 'r4']) await followUser({ followerId: me, username: name });
    const viral = await peepAt(author, 'viral', 1);
    await peepAt(others[0], 'r1 speaks', 2);
    await repostAt(stranger, viral, 3);
    for (const [i, id] of others.entries()) await repostAt(id, viral, 10 + i);
    await repostAt(await person('late'), viral, 20);

    const page = await listHomeTimeline({ userId: me, viewerId: me });
    expect(shown(page)).toEqual(['viral ↻r4', 'r1 speaks']);
    expect(page.items[0]).toMatchObject({ repostedBy: { username: 'r4' }, alsoRepostedBy: { username: 'r3' }, reposterCount: 4, peep: { repostCount: 6 } });

    // Following the author too changes nothing: the newest appearance is still r4's repost.
    await followUser({ followerId: me, username: 'author' });
    expect(shown(await listHomeTimeline({ userId: me }))).toEqual(['viral ↻r4', 'r1 speaks']);
    // Reposting it oneself makes one's own repost the newest appearance.
    await repostAt(me, viral, 30);
    const mine = await listHomeTimeline({ userId: me, viewerId: me });
    expect(shown(mine)).toEqual(['viral ↻me', 'r1 speaks']);
    expect(mine.items[0]).toMatchObject({ alsoRepostedBy: { username: 'r4' }, reposterCount: 5 });
  });

  it('a person who reposts their own peep shows it once on their profile, as the repost', async () => {
    const ann = await person('ann');
    const old = await peepAt(ann, 'old', 1);
    await peepAt(ann, 'new', 2);
    await repostAt(ann, old, 3);
    expect(shown(await listProfileTimeline({ userId: ann }))).toEqual(['old ↻ann', 'new']);
    expect(shown(await listHomeTimeline({ userId: ann }))).toEqual(['old ↻ann', 'new']);
  });

  it('a repost stamped earlier than the peep it reposts (a clock stepped back) yields to the peep', async () => {
    const ann = await person('ann');
    const bea = await person('bea');
    await followUser({ followerId: bea, username: 'ann' });
    const peep = await peepAt(ann, 'peep', 10);
    await repostAt(bea, peep, 5);
    await peepAt(ann, 'between', 7);
    expect(shown(await listHomeTimeline({ userId: bea }))).toEqual(['peep', 'between']);
  });
});

describe('paging a timeline that collapses repeats', () => {
  /** A small deterministic generator, so a failure can be replayed. */
  function random(seed: number) {
    let s = seed >>> 0;
    return (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % n;
    };
  }

  async function seed(seedValue: number) {
    const next = random(seedValue);
    const db = await getDb();
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push(await person(`p${i}`));
    const [viewer, ...rest] = ids;
    // The viewer follows five of the seven others.
    await db.insert(follows).values(rest.slice(0, 5).map((followeeId) => ({ followerId: viewer, followeeId })));
    // 90 peeps on only 12 distinct seconds, so times tie everywhere.
    const made = await db
      .insert(peeps)
      .values(Array.from({ length: 90 }, (_, i) => ({ authorId: ids[next(ids.length)], body: `peep ${i}`, createdAt: at(next(12)) })))
      .returning({ id: peeps.id, createdAt: peeps.createdAt });
    // Reposts at tied times no earlier than the peep; one peep reposted by everyone.
    const pairs = new Set<string>();
    const rows: { userId: number; peepId: number; createdAt: Date }[] = [];
    const add = (userId: number, peep: (typeof made)[number], later: number) => {
      if (pairs.has(`${userId}:${peep.id}`)) return;
      pairs.add(`${userId}:${peep.id}`);
      rows.push({ userId, peepId: peep.id, createdAt: new Date(peep.createdAt.getTime() + later * 1000) });
    };
    for (const id of ids) add(id, made[0], next(4));
    for (let i = 0; i < 140; i++) add(ids[next(ids.length)], made[next(made.length)], next(6));
    await db.insert(reposts).values(rows);
    return { viewer, someone: rest[0] };
  }

  for (const seedValue of [1, 2, 3]) {
    it(`matches a plain recomputation page by page, down and back up, at any page size (data set ${seedValue})`, async () => {
      const { viewer, someone } = await seed(seedValue);
      for (const [timeline, userId] of [
        ['home', viewer],
        ['profile', someone],
      ] as const) {
        const all = await expected(timeline, userId);
        expect(new Set(all).size).toBe(all.length);
        expect(shown(await read(timeline, userId, { limit: 500 }))).toEqual(all);
        for (const limit of [1, 2, 3, 7, 50]) {
          const { down, up, newerLinks } = await walk(timeline, userId, limit);
          expect(down.flat(), `${timeline}, pages of ${limit}`).toEqual(all);
          expect(down.slice(0, -1).every((page) => page.length === limit)).toBe(true);
          // The first page has no way up; every later one does, and it leads back through the same pages.
          expect(newerLinks[0]).toBeNull();
          if (down.length > 1) expect(up).toEqual(down.slice(0, -1));
        }
      }
    });
  }

  it('stays exact when one person’s newest items all show elsewhere, past a whole page of them', async () => {
    const me = await person('me');
    const early = await person('early');
    const late = await person('late');
    const author = await person('author');
    await followUser({ followerId: me, username: 'early' });
    await followUser({ followerId: me, username: 'late' });
    // Early reposts 30 peeps; late reposts each of them later, so none of early's reposts shows.
    for (let i = 0; i < 30; i++) {
      const peep = await peepAt(author, `peep ${i}`, i);
      await repostAt(early, peep, 100 + i);
      await repostAt(late, peep, 200 + i);
    }
    // Past those, one repost of early's that does show, then a peep of early's.
    await repostAt(early, await peepAt(author, 'kept', 60), 90);
    await peepAt(early, 'early speaks', 50);
    const all = await expected('home', me);
    expect(all.slice(-2)).toEqual(['kept ↻early', 'early speaks']);
    expect(all).toHaveLength(32);
    for (const limit of [1, 2, 5]) expect((await walk('home', me, limit)).down.flat()).toEqual(all);
  });
});
