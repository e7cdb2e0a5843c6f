import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db';
import { likePeep, listLikers, unlikePeep } from '@/db/queries/likes';
import { blockPerson, mutePerson } from '@/db/queries/mutes-and-blocks';
import { deletePeep } from '@/db/queries/peeps';
import { findPeep, listPublicTimeline } from '@/db/queries/timelines';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { insertPeep, insertPerson } from '../support/rows';

const now = new Date(Date.UTC(2026, 10, 20, 12, 0));

/** The like rows on a peep and the count the trigger keeps beside it (null once the peep is gone). */
async function likesOn(peepId: number): Promise<{ rows: number; count: number | null }> {
  const db = await getDb();
  const [row] = rowsOf<{ rows: number; count: number | null }>(
    await db.execute(sql`select (select count(*)::int from likes where peep_id = ${peepId}) as rows, (select like_count from peeps where id = ${peepId}) as count`),
  );
  return row;
}

// live_events outlives each test's reset (and peep ids restart), so a test reads only the events after its start.
let firstEvent = 0;
beforeEach(async () => {
  const db = await getDb();
  [{ id: firstEvent }] = rowsOf<{ id: number }>(await db.execute(sql`select coalesce(max(id), 0)::int + 1 as id from live_events`));
});

async function likeEvents(peepId: number | null = null): Promise<string[]> {
  const db = await getDb();
  const rows = await db.execute(sql`select kind from live_events
    where id >= ${firstEvent} and kind in ('like', 'unlike') ${peepId === null ? sql`` : sql`and peep_id = ${peepId}`} order by id`);
  return rowsOf<{ kind: string }>(rows).map((r) => r.kind);
}

describe('likes', () => {
  it('are one per person: a second like changes nothing, undo removes it, an undo of nothing is harmless, and the count follows', async () => {
    const ann = await insertPerson('ann');
    const bob = await insertPerson('bob');
    const peep = await insertPeep(ann.id, 'hello', now);
    expect(await likePeep({ userId: bob.id, peepId: peep })).toBe('liked');
    expect(await likePeep({ userId: bob.id, peepId: peep })).toBe('liked');
    expect(await likesOn(peep)).toEqual({ rows: 1, count: 1 });
    expect(await findPeep({ id: peep, viewerId: bob.id })).toMatchObject({ likeCount: 1, liked: true });
    expect(await findPeep({ id: peep, viewerId: ann.id })).toMatchObject({ likeCount: 1, liked: false });
    expect((await listPublicTimeline({ viewerId: bob.id })).items[0].peep).toMatchObject({ likeCount: 1, liked: true });
    await unlikePeep({ userId: bob.id, peepId: peep });
    await unlikePeep({ userId: bob.id, peepId: peep });
    expect(await likesOn(peep)).toEqual({ rows: 0, count: 0 });
    expect(await findPeep({ id: peep, viewerId: bob.id })).toMatchObject({ likeCount: 0, liked: false });
    // Open pages of the peep are told of each change, once.
    expect(await likeEvents(peep)).toEqual(['like', 'unlike']);
  });

  it('keeps one row and a count of 1 when one person’s likes arrive all at once', async () => {
    const ann = await insertPerson('ann');
    const bob = await insertPerson('bob');
    const peep = await insertPeep(ann.id, 'hello', now);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => likePeep({ userId: bob.id, peepId: peep })));
    expect(outcomes.every((o) => o === 'liked')).toBe(true);
    expect(await likesOn(peep)).toEqual({ rows: 1, count: 1 });
  });

  it('counts exactly when many people like and unlike one peep at once', async () => {
    const ann = await insertPerson('ann');
    const peep = await insertPeep(ann.id, 'popular', now);
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => insertPerson(`fan${i}`)));
    await Promise.all(people.map((p) => likePeep({ userId: p.id, peepId: peep })));
    expect(await likesOn(peep)).toEqual({ rows: 30, count: 30 });
    await Promise.all(people.slice(0, 12).map((p) => unlikePeep({ userId: p.id, peepId: peep })));
    expect(await likesOn(peep)).toEqual({ rows: 18, count: 18 });
  });

  it('answers missing, writing nothing, for a peep that does not exist', async () => {
    const bob = await insertPerson('bob');
    expect(await likePeep({ userId: bob.id, peepId: 987654 })).toBe('missing');
    const db = await getDb();
    expect(rowsOf(await db.execute(sql`select 1 from likes`))).toHaveLength(0);
    expect(await likeEvents()).toEqual([]);
  });

  it('answers missing or liked, never an error, when the peep is deleted while people like it; its likes go with it', async () => {
    const ann = await insertPerson('ann');
    const peep = await insertPeep(ann.id, 'going', now);
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => insertPerson(`fan${i}`)));
    await likePeep({ userId: people[0].id, peepId: peep });
    const [outcomes, deleted] = await Promise.all([Promise.all(people.map((p) => likePeep({ userId: p.id, peepId: peep }))), deletePeep({ peepId: peep, authorId: ann.id })]);
    expect(deleted).toBe(true);
    expect(outcomes.every((o) => o === 'liked' || o === 'missing')).toBe(true);
    expect(await likesOn(peep)).toEqual({ rows: 0, count: null });
    // The deleted peep's likes announce nothing: its own delete event tells every page.
    expect((await likeEvents(peep)).filter((k) => k === 'unlike')).toEqual([]);
  });

  it('is refused across a block, either way, and writes nothing', async () => {
    const ann = await insertPerson('ann');
    const bob = await insertPerson('bob');
    const cat = await insertPerson('cat');
    const annPeep = await insertPeep(ann.id, 'ann’s', now);
    const catPeep = await insertPeep(cat.id, 'cat’s', now);
    await blockPerson({ userId: ann.id, username: 'bob' });
    await blockPerson({ userId: bob.id, username: 'cat' });
    expect(await likePeep({ userId: bob.id, peepId: annPeep })).toBe('blocked');
    expect(await likePeep({ userId: bob.id, peepId: catPeep })).toBe('blocked');
    expect(await likesOn(annPeep)).toEqual({ rows: 0, count: 0 });
    expect(await likesOn(catPeep)).toEqual({ rows: 0, count: 0 });
  });
});

describe('liked by', () => {
  it('lists the people who liked a peep, newest first, a page at a time, without anyone the viewer hides', async () => {
    const ann = await insertPerson('ann');
    const peep = await insertPeep(ann.id, 'hello', now);
    const db = await getDb();
    // One after another, so fd's id is above fc's: the keyset's tie-break orders by it.
    const fans = [];
    for (const name of ['fa', 'fb', 'fc', 'fd', 'fe']) fans.push(await insertPerson(name));
    // Liked a minute apart, fa first; fc and fd in the same instant, so the keyset's tie-break is tested too.
    const minutes = [1, 2, 3, 3, 4];
    for (const [i, fan] of fans.entries()) {
      await db.execute(sql`insert into likes (peep_id, user_id, created_at) values (${peep}, ${fan.id}, ${new Date(now.getTime() + minutes[i] * 60_000).toISOString()})`);
    }
    const all = await listLikers({ peepId: peep });
    expect(all.people.map((p) => p.username)).toEqual(['fe', 'fd', 'fc', 'fb', 'fa']);
    expect(all.next).toBeNull();

    const seen: string[] = [];
    let before = null;
    do {
      const page: Awaited<ReturnType<typeof listLikers>> = await listLikers({ peepId: peep, limit: 2, before });
      seen.push(...page.people.map((p) => p.username));
      before = page.next ? decodeCursor(encodeCursor(page.next)) : null;
    } while (before);
    expect(seen).toEqual(['fe', 'fd', 'fc', 'fb', 'fa']);

    const viewer = await insertPerson('vic');
    await mutePerson({ userId: viewer.id, username: 'fd' });
    await blockPerson({ userId: fans[1].id, username: 'vic' });
    const forViewer = await listLikers({ peepId: peep, viewerId: viewer.id });
    expect(forViewer.people.map((p) => p.username)).toEqual(['fe', 'fc', 'fa']);
    // A logged-out reader hides nobody.
    expect((await listLikers({ peepId: peep, viewerId: null })).people).toHaveLength(5);
  });
});
