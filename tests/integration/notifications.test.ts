import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db';
import { followUser, unfollowUser } from '@/db/queries/follows';
import { blockPerson, mutePerson, unblockPerson, unmutePerson } from '@/db/queries/mutes-and-blocks';
import { countUnreadNotifications, listNotifications, markNotificationsSeen, UNREAD_SHOWN_MAX } from '@/db/queries/notifications';
import { deletePeep } from '@/db/queries/peeps';
import { repostPeep, undoRepost } from '@/db/queries/reposts';
import { describeGroup, groupNotifications } from '@/lib/notification-groups';
import { publishPeep, publishReply } from '@/lib/publish-peep';
import { likePeep, unlikePeep } from '@/db/queries/likes';
import { insertPeep, insertPerson } from '../support/rows';

const person = insertPerson;

async function post(authorId: number, body: string): Promise<number> {
  const published = await publishPeep({ authorId, body });
  if (published.limited) throw new Error('limited');
  return published.id;
}

async function reply(authorId: number, replyToId: number, body: string): Promise<number> {
  const published = await publishReply({ authorId, replyToId, body });
  if (published.limited || 'refused' in published) throw new Error('reply not written');
  return published.id;
}

/** What the page shows a person, one line per row. */
async function shown(userId: number): Promise<string[]> {
  const page = await listNotifications({ userId });
  return groupNotifications(page.rows, page.seenId).map(describeGroup);
}

/** The id of the newest live event: live_events outlives each test's truncation, so ids restart under it. */
async function latestEventId(): Promise<number> {
  const db = await getDb();
  const [row] = rowsOf<{ id: string }>(await db.execute(sql`select coalesce(max(id), 0)::text as id from live_events`));
  return Number(row.id);
}

async function notificationEvents(recipientId: number, after: number): Promise<{ actor_id: string | null }[]> {
  const db = await getDb();
  return rowsOf(await db.execute(sql`select actor_id::text from live_events where kind = 'notification' and subject_id = ${recipientId} and id > ${after} order by id`));
}

describe('notifications are written with the deed', () => {
  it('for a like, a repost, a follow and a mention, by the real writing functions, and undoing removes them', async () => {
    const since = await latestEventId();
    const ana = await person('ana', 'Ana');
    const bea = await person('bea', 'Bea');
    const peepId = await post(ana.id, 'hello world');
    await likePeep({ userId: bea.id, peepId: peepId });
    expect(await repostPeep({ userId: bea.id, peepId })).toBe(true);
    expect(await followUser({ followerId: bea.id, username: 'ana' })).toBe('followed');
    await post(bea.id, 'hi @ana');
    expect(await shown(ana.id)).toEqual(['Bea mentioned you', 'Bea followed you', 'Bea reposted your peep', 'Bea liked your peep']);
    expect(await countUnreadNotifications({ userId: ana.id })).toBe(4);
    // Each new one told Ana's open pages, with Bea as its actor.
    expect(await notificationEvents(ana.id, since)).toHaveLength(4);

    await unlikePeep({ userId: bea.id, peepId: peepId });
    await undoRepost({ userId: bea.id, peepId });
    await unfollowUser({ followerId: bea.id, username: 'ana' });
    expect(await shown(ana.id)).toEqual(['Bea mentioned you']);
  });

  it('never for one’s own deeds: liking, reposting, replying to or mentioning oneself', async () => {
    const ana = await person('ana');
    const peepId = await post(ana.id, 'mine');
    await likePeep({ userId: ana.id, peepId: peepId });
    await repostPeep({ userId: ana.id, peepId });
    await reply(ana.id, peepId, 'replying to myself');
    await post(ana.id, 'talking to @ana');
    expect((await listNotifications({ userId: ana.id })).rows).toEqual([]);
  });

  it('once for a reply that also mentions the author it answers, and a mention for anyone else it names', async () => {
    const ana = await person('ana', 'Ana');
    const bea = await person('bea', 'Bea');
    const cal = await person('cal', 'Cal');
    const peepId = await post(ana.id, 'question?');
    const replyId = await reply(bea.id, peepId, '@ana @cal answer');
    const forAna = await listNotifications({ userId: ana.id });
    expect(forAna.rows.map((r) => [r.kind, r.peep?.id])).toEqual([['reply', replyId]]);
    expect(await shown(cal.id)).toEqual(['Bea mentioned you']);
  });

  it('goes with the peep or the person it is about', async () => {
    const ana = await person('ana');
    const bea = await person('bea');
    const peepId = await post(ana.id, 'short-lived');
    await likePeep({ userId: bea.id, peepId: peepId });
    const mentionId = await post(bea.id, '@ana look');
    expect(await deletePeep({ peepId: mentionId, authorId: bea.id })).toBe(true);
    expect((await listNotifications({ userId: ana.id })).rows.map((r) => r.kind)).toEqual(['like']);
    const db = await getDb();
    await db.execute(sql`delete from users where id = ${bea.id}`);
    expect((await listNotifications({ userId: ana.id })).rows).toEqual([]);
  });

  it('never fails the deed when it is done twice at once', async () => {
    const ana = await person('ana');
    const bea = await person('bea');
    const peepId = await post(ana.id, 'popular');
    await Promise.all([likePeep({ userId: bea.id, peepId: peepId }), likePeep({ userId: bea.id, peepId: peepId }), repostPeep({ userId: bea.id, peepId }), repostPeep({ userId: bea.id, peepId })]);
    await Promise.all([followUser({ followerId: bea.id, username: 'ana' }), followUser({ followerId: bea.id, username: 'ana' })]);
    expect((await listNotifications({ userId: ana.id })).rows.map((r) => r.kind).sort()).toEqual(['follow', 'like', 'repost']);
  });
});

describe('the notifications page', () => {
  it('groups likes and reposts of one peep, and follows close together; mentions stay one a row', async () => {
    const ana = await person('ana', 'Ana');
    const peepId = await post(ana.id, 'the peep');
    const others = await Promise.all(['bea', 'cal', 'dan', 'eve'].map((name) => person(name, name[0].toUpperCase() + name.slice(1))));
    for (const p of others) await likePeep({ userId: p.id, peepId: peepId });
    await repostPeep({ userId: others[0].id, peepId });
    await repostPeep({ userId: others[1].id, peepId });
    for (const p of others.slice(0, 3)) await followUser({ followerId: p.id, username: 'ana' });
    await post(others[3].id, '@ana one');
    await post(others[3].id, '@ana two');
    expect(await shown(ana.id)).toEqual([
      'Eve mentioned you',
      'Eve mentioned you',
      'Dan and 2 others followed you',
      'Cal and Bea reposted your peep',
      'Eve and 3 others liked your peep',
    ]);
    const page = await listNotifications({ userId: ana.id });
    const likes = groupNotifications(page.rows, page.seenId).find((g) => g.kind === 'like')!;
    expect(likes.peep?.body).toBe('the peep');
  });

  it('leaves out people the viewer mutes or blocks, or who block them, and brings them back when that ends', async () => {
    const ana = await person('ana', 'Ana');
    const bea = await person('bea', 'Bea');
    const cal = await person('cal', 'Cal');
    const peepId = await post(ana.id, 'hello');
    await likePeep({ userId: bea.id, peepId: peepId });
    await likePeep({ userId: cal.id, peepId: peepId });
    expect(await countUnreadNotifications({ userId: ana.id })).toBe(2);
    await mutePerson({ userId: ana.id, username: 'bea' });
    await blockPerson({ userId: cal.id, username: 'ana' });
    expect(await shown(ana.id)).toEqual([]);
    expect(await countUnreadNotifications({ userId: ana.id })).toBe(0);
    await unmutePerson({ userId: ana.id, username: 'bea' });
    await unblockPerson({ userId: cal.id, username: 'ana' });
    expect(await shown(ana.id)).toEqual(['Cal and Bea liked your peep']);
    expect(await countUnreadNotifications({ userId: ana.id })).toBe(2);
  });

  it('counts unread ones up to a cap, and marking read only moves forward, never past the newest', async () => {
    const since = await latestEventId();
    const ana = await person('ana');
    const fans = await Promise.all(Array.from({ length: UNREAD_SHOWN_MAX + 3 }, (_, i) => person(`fan${i}`)));
    for (const fan of fans) await followUser({ followerId: fan.id, username: 'ana' });
    expect(await countUnreadNotifications({ userId: ana.id })).toBe(UNREAD_SHOWN_MAX + 1);
    const { rows } = await listNotifications({ userId: ana.id });
    const [newest, , third] = rows;
    expect(await markNotificationsSeen({ userId: ana.id, upTo: third.id })).toBe(true);
    expect(await countUnreadNotifications({ userId: ana.id })).toBe(2);
    // An older mark (another tab's, sent late) changes nothing.
    expect(await markNotificationsSeen({ userId: ana.id, upTo: rows[10].id })).toBe(false);
    expect(await countUnreadNotifications({ userId: ana.id })).toBe(2);
    // A made-up id far ahead marks only what exists: the next notification is unread.
    expect(await markNotificationsSeen({ userId: ana.id, upTo: Number.MAX_SAFE_INTEGER })).toBe(true);
    expect((await listNotifications({ userId: ana.id })).seenId).toBe(newest.id);
    const later = await person('later');
    await followUser({ followerId: later.id, username: 'ana' });
    expect(await countUnreadNotifications({ userId: ana.id })).toBe(1);
    const page = await listNotifications({ userId: ana.id });
    expect(groupNotifications(page.rows, page.seenId).map((g) => g.unread)).toEqual([true]);
    // Reading them tells the person's open pages too (an event with no actor).
    expect((await notificationEvents(ana.id, since)).filter((e) => e.actor_id === null)).toHaveLength(2);
  });

  it('pages through by id, newest first, without repeats or gaps', async () => {
    const ana = await person('ana');
    const peepIds: number[] = [];
    for (let i = 0; i < 7; i++) peepIds.push(await insertPeep(ana.id, `peep ${i}`, new Date()));
    const bea = await person('bea');
    for (const id of peepIds) await likePeep({ userId: bea.id, peepId: id });
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const page = await listNotifications({ userId: ana.id, before, limit: 3 });
      seen.push(...page.rows.map((r) => r.peep!.id));
      before = page.next;
    } while (before !== null);
    expect(seen).toEqual([...peepIds].reverse());
  });
});
