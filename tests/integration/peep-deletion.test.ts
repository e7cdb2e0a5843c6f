import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db';
import { foreignKeyViolation } from '@/db/errors';
import { followUser } from '@/db/queries/follows';
import { likePeep } from '@/db/queries/likes';
import { createPeep, deletePeep } from '@/db/queries/peeps';
import { repostPeep } from '@/db/queries/reposts';
import { emailOutbox, likes, notifications, peeps, users } from '@/db/schema';
import { insertPeep, insertPerson } from '../support/rows';

const MAIL = { delaySeconds: 60, perSenderPerHour: 100, perRecipientPerDay: 100, perPeep: 10 };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A person whose address is proven, so mentions of them are mailed. */
async function mailable(username: string) {
  const person = await insertPerson(username);
  const db = await getDb();
  await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, person.id));
  return person;
}

/** How many rows of each table still name the peep. */
async function rowsNaming(peepId: number): Promise<Record<string, number>> {
  const db = await getDb();
  const [row] = rowsOf<Record<string, string | number>>(
    await db.execute(sql`select (select count(*) from likes where peep_id = ${peepId}) as likes,
      (select count(*) from reposts where peep_id = ${peepId}) as reposts, (select count(*) from mentions where peep_id = ${peepId}) as mentions,
      (select count(*) from peep_tags where peep_id = ${peepId}) as tags, (select count(*) from notifications where peep_id = ${peepId}) as notifications,
      (select count(*) from email_outbox where peep_id = ${peepId}) as mail, (select count(*) from peeps where id = ${peepId} or reply_to_id = ${peepId}) as peeps`),
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

const NOTHING = { likes: 0, reposts: 0, mentions: 0, tags: 0, notifications: 0, mail: 0, peeps: 0 };

async function reply(authorId: number, to: { id: number; authorId: number }, body = 'an answer') {
  const db = await getDb();
  const [row] = await db.insert(peeps).values({ authorId, body, replyToId: to.id, replyToUserId: to.authorId, isReply: true }).returning({ id: peeps.id });
  return row.id;
}

type Settled = { value?: unknown; error?: unknown };
const settle = (work: Promise<unknown>): Promise<Settled> => work.then((value) => ({ value }), (error: unknown) => ({ error }));

/**
 * Runs `write` while a deletion of the peep is midway: holding the peep's mail row stops the deletion after it has
 * locked the peep, and `write` comes then.
 */
async function writeWhileDeleting(peepId: number, authorId: number, write: () => Promise<unknown>): Promise<{ deleted: boolean; written: Settled }> {
  const db = await getDb();
  let deleting: Promise<boolean> | undefined;
  let writing: Promise<Settled> | undefined;
  await db.transaction(async (tx) => {
    await tx.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.peepId, peepId)).for('update');
    deleting = deletePeep({ peepId, authorId });
    await pause(200);
    writing = settle(write());
    await pause(200);
  });
  return { deleted: await deleting!, written: await writing! };
}

describe('deleting a peep', () => {
  it('removes its likes, reposts, mentions, tags and notifications in one go, and keeps its replies as replies', async () => {
    const ann = await mailable('ann');
    const bob = await mailable('bob');
    const db = await getDb();
    const peep = await createPeep({ authorId: ann.id, body: 'hello @bob #coffee', mentionHandles: ['bob'], mail: MAIL });
    const { id: kept } = await createPeep({ authorId: ann.id, body: 'another #coffee' });
    await db.insert(likes).values([{ peepId: peep.id, userId: bob.id }, { peepId: kept, userId: bob.id }]);
    await repostPeep({ userId: bob.id, peepId: peep.id });
    // The tags were written with the peeps.
    expect((await rowsNaming(peep.id)).tags).toBe(1);
    await followUser({ followerId: bob.id, username: 'ann' });
    const answer = await reply(bob.id, { id: peep.id, authorId: ann.id });
    const answerToAnswer = await reply(ann.id, { id: answer, authorId: bob.id });
    expect((await rowsNaming(peep.id)).likes).toBe(1);
    const kinds = async () => (await db.select({ kind: notifications.kind }).from(notifications)).map((n) => n.kind).sort();
    // Written by the deeds' triggers: the mention, a like and a repost of the peep, a like of the other, the follow, the two replies.
    expect(await kinds()).toEqual(['follow', 'like', 'like', 'mention', 'reply', 'reply', 'repost']);

    expect(await deletePeep({ peepId: peep.id, authorId: ann.id })).toBe(true);

    expect(await rowsNaming(peep.id)).toEqual(NOTHING);
    const left = await db.select().from(peeps).where(inArray(peeps.id, [answer, answerToAnswer])).orderBy(peeps.id);
    expect(left.map((p) => ({ replyToId: p.replyToId, replyToUserId: p.replyToUserId, isReply: p.isReply }))).toEqual([
      { replyToId: null, replyToUserId: ann.id, isReply: true },
      { replyToId: answer, replyToUserId: bob.id, isReply: true },
    ]);
    // Everything about other peeps, the follow and the replies (which stay) is untouched.
    expect(await rowsNaming(kept)).toMatchObject({ likes: 1, tags: 1, peeps: 1 });
    expect(await kinds()).toEqual(['follow', 'like', 'reply', 'reply']);
    const [{ likeCount }] = await db.select({ likeCount: peeps.likeCount }).from(peeps).where(eq(peeps.id, kept));
    expect(likeCount).toBe(1);
  });

  it('deletes only the author’s own peep, and nothing else about it', async () => {
    const ann = await mailable('ann');
    const bob = await mailable('bob');
    const peep = await createPeep({ authorId: ann.id, body: 'hi @bob', mentionHandles: ['bob'], mail: MAIL });
    expect(await deletePeep({ peepId: peep.id, authorId: bob.id })).toBe(false);
    expect(await deletePeep({ peepId: 999_999, authorId: ann.id })).toBe(false);
    const db = await getDb();
    expect(await db.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.peepId, peep.id))).toEqual([{ status: 'pending' }]);
    expect((await rowsNaming(peep.id)).peeps).toBe(1);
  });

  it('cancels its unsent mention mail, waiting or held for a digest, in the same transaction, and keeps sent mail as history', async () => {
    const ann = await mailable('ann');
    const [bob, kim, lee] = [await mailable('bob'), await mailable('kim'), await mailable('lee')];
    const db = await getDb();
    const peep = await createPeep({ authorId: ann.id, body: '@bob @kim @lee lunch?', mentionHandles: ['bob', 'kim', 'lee'], mail: MAIL });
    const other = await createPeep({ authorId: ann.id, body: '@bob still on', mentionHandles: ['bob'], mail: MAIL });
    const mailTo = async (recipientId: number, set: Partial<typeof emailOutbox.$inferInsert>) =>
      db.update(emailOutbox).set(set).where(sql`${emailOutbox.peepId} = ${peep.id} and ${emailOutbox.recipientId} = ${recipientId}`);
    await mailTo(bob.id, { status: 'sent', sentAt: new Date() });
    await mailTo(kim.id, { status: 'digest' });

    await deletePeep({ peepId: peep.id, authorId: ann.id });

    const rows = await db
      .select({ recipientId: emailOutbox.recipientId, peepId: emailOutbox.peepId, status: emailOutbox.status, lastError: emailOutbox.lastError })
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, 'mention'))
      .orderBy(emailOutbox.id);
    expect(rows).toEqual([
      { recipientId: bob.id, peepId: null, status: 'sent', lastError: null },
      { recipientId: kim.id, peepId: null, status: 'cancelled', lastError: 'peep deleted' },
      { recipientId: lee.id, peepId: null, status: 'cancelled', lastError: 'peep deleted' },
      { recipientId: bob.id, peepId: other.id, status: 'pending', lastError: null },
    ]);
  });

  it('leaves no like when a like arrives while the deletion is being written: the like fails on its foreign key', async () => {
    const ann = await mailable('ann');
    const bob = await mailable('bob');
    const db = await getDb();
    const peep = await createPeep({ authorId: ann.id, body: 'doomed @bob', mentionHandles: ['bob'], mail: MAIL });
    const { deleted, written } = await writeWhileDeleting(peep.id, ann.id, () => db.insert(likes).values({ peepId: peep.id, userId: bob.id }));
    expect(deleted).toBe(true);
    expect(foreignKeyViolation(written.error)).toBe(true);
    expect(await rowsNaming(peep.id)).toEqual(NOTHING);
    // Through the like action's query the same race is "no such peep" (a 404), not an error.
    const other = await createPeep({ authorId: ann.id, body: 'doomed too @bob', mentionHandles: ['bob'], mail: MAIL });
    const viaQuery = await writeWhileDeleting(other.id, ann.id, () => likePeep({ userId: bob.id, peepId: other.id }));
    expect(viaQuery).toEqual({ deleted: true, written: { value: 'missing' } });
    expect(await rowsNaming(other.id)).toEqual(NOTHING);
  });

  it('takes a like with it that was being written when the deletion came', async () => {
    const ann = await mailable('ann');
    const bob = await mailable('bob');
    const db = await getDb();
    const peep = await insertPeep(ann.id, 'doomed', new Date());
    let deleting: Promise<boolean> | undefined;
    await db.transaction(async (tx) => {
      await tx.insert(likes).values({ peepId: peep, userId: bob.id });
      deleting = deletePeep({ peepId: peep, authorId: ann.id });
      await pause(200);
    });
    expect(await deleting).toBe(true);
    expect(await rowsNaming(peep)).toEqual(NOTHING);
  });

  it('keeps a reply that races the deletion as a reply to a deleted peep, or refuses it on its foreign key', async () => {
    const ann = await mailable('ann');
    const bob = await mailable('bob');
    const db = await getDb();
    const peep = await createPeep({ authorId: ann.id, body: 'doomed @bob', mentionHandles: ['bob'], mail: MAIL });
    const { deleted, written } = await writeWhileDeleting(peep.id, ann.id, () => reply(bob.id, { id: peep.id, authorId: ann.id }));
    expect(deleted).toBe(true);
    expect(foreignKeyViolation(written.error)).toBe(true);
    expect(await rowsNaming(peep.id)).toEqual(NOTHING);

    // Written first, the reply stays.
    const second = await insertPeep(ann.id, 'doomed too', new Date());
    let deleting: Promise<boolean> | undefined;
    await db.transaction(async (tx) => {
      await tx.insert(peeps).values({ authorId: bob.id, body: 'first!', replyToId: second, replyToUserId: ann.id, isReply: true });
      deleting = deletePeep({ peepId: second, authorId: ann.id });
      await pause(200);
    });
    expect(await deleting).toBe(true);
    expect(await db.select({ replyToId: peeps.replyToId, isReply: peeps.isReply }).from(peeps).where(eq(peeps.body, 'first!'))).toEqual([{ replyToId: null, isReply: true }]);
  });

  it('ends every race of likes, replies and the deletion with no row left naming the peep and no error but a foreign key’s', async () => {
    const ann = await mailable('ann');
    const others = await Promise.all(['bea', 'cal', 'dee'].map((name) => mailable(name)));
    const db = await getDb();
    for (let round = 0; round < 8; round++) {
      const peep = await insertPeep(ann.id, `round ${round}`, new Date());
      const outcomes = await Promise.all([
        ...others.slice(0, 2).map((o) => settle(db.insert(likes).values({ peepId: peep, userId: o.id }))),
        settle(reply(others[0].id, { id: peep, authorId: ann.id }, `answer ${round}`)),
        settle(deletePeep({ peepId: peep, authorId: ann.id })),
        settle(db.insert(likes).values({ peepId: peep, userId: others[2].id })),
      ]);
      for (const { error } of outcomes) if (error) expect(foreignKeyViolation(error), `${String(error)} ${String((error as Error).cause)}`).toBe(true);
      expect(outcomes[3]).toEqual({ value: true });
      expect(await rowsNaming(peep)).toEqual(NOTHING);
      const answers = await db.select({ isReply: peeps.isReply }).from(peeps).where(eq(peeps.body, `answer ${round}`));
      expect(answers).toEqual(outcomes[2].error ? [] : [{ isReply: true }]);
    }
  });
});
