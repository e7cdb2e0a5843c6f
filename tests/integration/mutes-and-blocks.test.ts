import { and, eq, or, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { followUser } from '@/db/queries/follows';
import { blockPerson, isBlockedFollow, listMutedAndBlocked, mutePerson, unblockPerson, unmutePerson } from '@/db/queries/mutes-and-blocks';
import { searchPeeps } from '@/db/queries/peep-search';
import { repostPeep } from '@/db/queries/reposts';
import { findProfile } from '@/db/queries/people';
import { listHomeTimeline, listProfileTimeline, listPublicTimeline, type TimelinePage } from '@/db/queries/timelines';
import { blocks, emailOutbox, follows, mutes } from '@/db/schema';
import { createMailTransport } from '@/lib/email/transport';
import { deliverDueEmails } from '@/lib/email/worker';
import { publishPeep } from '@/lib/publish-peep';
import { makeUser } from '../support/factories';
import { insertPeep, insertPerson, insertRepost } from '../support/rows';
import { startSmtpServer } from '../support/smtp';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute));
const shown = (page: TimelinePage) => page.items.map((i) => (i.repostedBy ? `${i.peep.body} ↻${i.repostedBy.username}` : i.peep.body));

async function followRows(a: number, b: number) {
  const db = await getDb();
  return db
    .select()
    .from(follows)
    .where(or(and(eq(follows.followerId, a), eq(follows.followeeId, b)), and(eq(follows.followerId, b), eq(follows.followeeId, a))));
}

describe('muting', () => {
  it('hides a person’s peeps and reposts, and reposts of their peeps, from the muter’s timelines and search, until undone', async () => {
    const me = await insertPerson('me');
    const loud = await insertPerson('loud');
    const friend = await insertPerson('friend');
    await followUser({ followerId: me.id, username: 'loud' });
    await followUser({ followerId: me.id, username: 'friend' });
    const loudPeep = await insertPeep(loud.id, 'loud words', at(1));
    const friendPeep = await insertPeep(friend.id, 'friend words', at(2));
    await insertRepost(friend.id, loudPeep, at(3));
    await insertRepost(loud.id, friendPeep, at(4));
    const loudOwn = await insertPeep(loud.id, 'loud again', at(0));
    await insertRepost(loud.id, loudOwn, at(5));
    expect(shown(await listHomeTimeline({ userId: me.id, viewerId: me.id }))).toEqual(['loud again ↻loud', 'friend words ↻loud', 'loud words ↻friend']);

    expect(await mutePerson({ userId: me.id, username: 'LOUD' })).toBe(true);
    expect(await mutePerson({ userId: me.id, username: 'loud' })).toBe(true);
    // Their repost is gone, so the friend's peep shows at its own time; the friend's repost of their peep is gone too.
    expect(shown(await listHomeTimeline({ userId: me.id, viewerId: me.id }))).toEqual(['friend words']);
    expect(shown(await listPublicTimeline({ viewerId: me.id }))).toEqual(['friend words']);
    expect((await searchPeeps({ query: 'words', viewerId: me.id })).peeps.map((p) => p.body)).toEqual(['friend words']);
    // The friend's profile leaves out the repost of a muted person's peep; the muted person's own profile shows all.
    expect(shown(await listProfileTimeline({ userId: friend.id, viewerId: me.id }))).toEqual(['friend words']);
    expect(shown(await listProfileTimeline({ userId: loud.id, viewerId: me.id }))).toEqual(['loud again ↻loud', 'friend words ↻loud', 'loud words']);
    // Nobody else is affected, and the muted person is not told: they still see me following them.
    expect(shown(await listPublicTimeline({ viewerId: friend.id }))).toEqual(['friend words', 'loud words', 'loud again']);
    expect(await findProfile({ username: 'me', viewerId: loud.id })).toMatchObject({ followerCount: 0, followingCount: 2 });
    expect(await findProfile({ username: 'loud', viewerId: me.id })).toMatchObject({ followerCount: 1, followedByViewer: true, mutedByViewer: true, blockedByViewer: false });

    await unmutePerson({ userId: me.id, username: 'loud' });
    expect(shown(await listHomeTimeline({ userId: me.id, viewerId: me.id }))).toEqual(['loud again ↻loud', 'friend words ↻loud', 'loud words ↻friend']);
  });

  it('counts only the reposters a person has not muted in “reposted by”', async () => {
    const me = await insertPerson('me');
    const author = await insertPerson('author');
    const [a, b] = [await insertPerson('ra'), await insertPerson('rb')];
    for (const name of ['ra', 'rb']) await followUser({ followerId: me.id, username: name });
    const peep = await insertPeep(author.id, 'shared', at(1));
    await insertRepost(a.id, peep, at(2));
    await insertRepost(b.id, peep, at(3));
    await mutePerson({ userId: me.id, username: 'rb' });
    const [item] = (await listHomeTimeline({ userId: me.id, viewerId: me.id })).items;
    expect(item).toMatchObject({ repostedBy: { username: 'ra' }, alsoRepostedBy: null, reposterCount: 1 });
  });

  it('refuses oneself and unknown people, and the database refuses a mute of oneself', async () => {
    const me = await insertPerson('me');
    expect(await mutePerson({ userId: me.id, username: 'me' })).toBe(false);
    expect(await mutePerson({ userId: me.id, username: 'nobody' })).toBe(false);
    const db = await getDb();
    await expect(db.insert(mutes).values({ muterId: me.id, mutedId: me.id })).rejects.toThrow();
    expect(await db.select().from(mutes)).toEqual([]);
  });
});

describe('blocking', () => {
  it('ends follows both ways, keeps either from following the other, and hides each from the other, until undone', async () => {
    const me = await insertPerson('me');
    const troll = await insertPerson('troll');
    const other = await insertPerson('other');
    await followUser({ followerId: me.id, username: 'troll' });
    await followUser({ followerId: troll.id, username: 'me' });
    await insertPeep(me.id, 'my peep', at(1));
    await insertPeep(troll.id, 'troll peep', at(2));

    expect(await blockPerson({ userId: me.id, username: 'troll' })).toBe(true);
    expect(await blockPerson({ userId: me.id, username: 'troll' })).toBe(true);
    expect(await followRows(me.id, troll.id)).toEqual([]);
    expect(await followUser({ followerId: troll.id, username: 'me' })).toBe('blocked');
    expect(await followUser({ followerId: me.id, username: 'troll' })).toBe('blocked');
    expect(shown(await listPublicTimeline({ viewerId: me.id }))).toEqual(['my peep']);
    expect(shown(await listPublicTimeline({ viewerId: troll.id }))).toEqual(['troll peep']);
    expect(shown(await listPublicTimeline({ viewerId: other.id }))).toEqual(['troll peep', 'my peep']);
    expect((await searchPeeps({ query: 'peep', viewerId: troll.id })).peeps.map((p) => p.body)).toEqual(['troll peep']);
    expect(await findProfile({ username: 'me', viewerId: troll.id })).toMatchObject({ blocksViewer: true, blockedByViewer: false, followerCount: 0 });
    expect(await findProfile({ username: 'troll', viewerId: me.id })).toMatchObject({ blockedByViewer: true, blocksViewer: false });
    // Nor can either repost the other's peeps into their followers' timelines.
    const myPeep = (await listPublicTimeline({ viewerId: other.id })).items.find((i) => i.peep.body === 'my peep')!.peep.id;
    expect(await repostPeep({ userId: troll.id, peepId: myPeep })).toBe(false);

    await unblockPerson({ userId: me.id, username: 'troll' });
    // The follows the block ended stay ended; following again is allowed.
    expect(await followRows(me.id, troll.id)).toEqual([]);
    expect(await followUser({ followerId: troll.id, username: 'me' })).toBe('followed');
    expect(shown(await listPublicTimeline({ viewerId: troll.id }))).toEqual(['troll peep', 'my peep']);
  });

  it('is held by the database: no follow between blocked people, written around the app or racing the block', async () => {
    const me = await insertPerson('me');
    const troll = await insertPerson('troll');
    await blockPerson({ userId: me.id, username: 'troll' });
    const db = await getDb();
    await expect(db.insert(follows).values({ followerId: troll.id, followeeId: me.id })).rejects.toSatisfy(isBlockedFollow);
    await expect(db.insert(follows).values({ followerId: me.id, followeeId: troll.id })).rejects.toSatisfy(isBlockedFollow);
    await unblockPerson({ userId: me.id, username: 'troll' });

    // A block, follows both ways and peeps mentioning each other, all at once, many times: nothing fails (no
    // deadlock, whatever order each locks the two people's rows in), and whichever wins, no follow survives a block.
    for (let round = 0; round < 15; round++) {
      const outcomes = await Promise.all([
        followUser({ followerId: troll.id, username: 'me' }),
        publishPeep({ authorId: troll.id, body: `hey @me ${round}` }),
        blockPerson({ userId: me.id, username: 'troll' }),
        followUser({ followerId: me.id, username: 'troll' }),
        publishPeep({ authorId: me.id, body: `hi @troll ${round}` }),
      ]);
      expect(outcomes[2]).toBe(true);
      expect(await followRows(me.id, troll.id)).toEqual([]);
      await unblockPerson({ userId: me.id, username: 'troll' });
    }
    await expect(db.insert(blocks).values({ blockerId: me.id, blockedId: me.id })).rejects.toThrow();
  });

  it('lists who one mutes and blocks in settings, newest first', async () => {
    const me = await insertPerson('me');
    for (const name of ['m1', 'm2', 'b1']) await insertPerson(name, `Name ${name}`);
    const db = await getDb();
    await mutePerson({ userId: me.id, username: 'm1' });
    await mutePerson({ userId: me.id, username: 'm2' });
    await db.execute(sql`update mutes set created_at = created_at - interval '1 hour' where muted_id = (select id from users where username = 'm1')`);
    await blockPerson({ userId: me.id, username: 'b1' });
    const lists = await listMutedAndBlocked({ userId: me.id });
    expect(lists.muted.map((p) => p.username)).toEqual(['m2', 'm1']);
    expect(lists.blocked).toMatchObject([{ username: 'b1', name: 'Name b1' }]);
    expect([lists.mutedCount, lists.blockedCount]).toEqual([2, 1]);
  });
});

describe('mention emails from someone muted or blocked', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeEach(async () => {
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await smtp.close();
  });
  const drain = async () => {
    while ((await deliverDueEmails({ send: createMailTransport(smtp.url) })) > 0);
  };
  async function mentionRows() {
    const db = await getDb();
    return db.select({ status: emailOutbox.status, senderId: emailOutbox.senderId }).from(emailOutbox).where(eq(emailOutbox.kind, 'mention'));
  }

  it('are never written for a person who mutes or blocks the author, nor who is blocked by them; others still get theirs', async () => {
    const me = await makeUser({ username: 'me_m' });
    const muted = await makeUser({ username: 'muted_m' });
    const blocked = await makeUser({ username: 'blocked_m' });
    const blocker = await makeUser({ username: 'blocker_m' });
    const friend = await makeUser({ username: 'friend_m' });
    await mutePerson({ userId: me.id, username: 'muted_m' });
    await blockPerson({ userId: me.id, username: 'blocked_m' });
    await blockPerson({ userId: blocker.id, username: 'me_m' });
    await publishPeep({ authorId: muted.id, body: 'hi @me_m' });
    await publishPeep({ authorId: blocked.id, body: 'hi @me_m' });
    await publishPeep({ authorId: me.id, body: 'hi @blocker_m' });
    await publishPeep({ authorId: friend.id, body: 'hi @me_m' });
    await drain();
    expect(await mentionRows()).toEqual([{ status: 'sent', senderId: friend.id }]);
    expect(smtp.messages.filter((m) => m.subject?.includes('mentioned you')).map((m) => m.subject)).toEqual([expect.stringContaining('@friend_m')]);
  });

  it('already waiting are not sent once the person mutes the author', async () => {
    const me = await makeUser({ username: 'me_w' });
    const loud = await makeUser({ username: 'loud_w' });
    const db = await getDb();
    await publishPeep({ authorId: loud.id, body: 'hi @me_w' });
    // The mail waits (as it would for MENTION_EMAIL_DELAY) while the mute lands.
    await db.update(emailOutbox).set({ runAfter: sql`now() + interval '1 hour'` }).where(eq(emailOutbox.kind, 'mention'));
    await mutePerson({ userId: me.id, username: 'loud_w' });
    await db.update(emailOutbox).set({ runAfter: sql`now()` }).where(eq(emailOutbox.kind, 'mention'));
    await drain();
    expect(await mentionRows()).toEqual([{ status: 'cancelled', senderId: loud.id }]);
    expect(smtp.messages.filter((m) => m.subject?.includes('mentioned you'))).toEqual([]);
  });
});
