import { and, eq, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { emailOutbox, mentions, peeps, rateLimits } from '@/db/schema';
import { publishPeep } from '@/lib/publish-peep';
import { WRITE_LIMITS } from '@/lib/rate-limit';
import { makeUser } from '../support/factories';
import { clearOfLimitEdge } from '../support/rate-windows';

async function peepsBy(authorId: number) {
  const db = await getDb();
  return db.select({ id: peeps.id, body: peeps.body }).from(peeps).where(eq(peeps.authorId, authorId));
}

/** Hits counted in each of the author's peep windows. */
async function peepHits(authorId: number): Promise<number[]> {
  const db = await getDb();
  const rows = await db.select({ hits: rateLimits.hits }).from(rateLimits).where(like(rateLimits.key, `write:peep:%:user:${authorId}`));
  return rows.map((r) => r.hits);
}

describe('a peep posted again with the same key', () => {
  beforeEach(() => clearOfLimitEdge(8_000));

  it('is saved once when both posts race, and both answer with that one peep', async () => {
    const sam = await makeUser();
    const clientKey = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 2 }, () => publishPeep({ authorId: sam.id, body: 'said once', clientKey })));
    expect(await peepsBy(sam.id)).toHaveLength(1);
    const [{ id }] = await peepsBy(sam.id);
    for (const answer of answers) expect(answer).toMatchObject({ limited: false, id });
    expect(answers.filter((a) => !a.limited && a.repeated)).toHaveLength(1);
  });

  it('is saved once when a peep that mentions people races itself, with one mention and one email', async () => {
    const sam = await makeUser();
    const bea = await makeUser({ username: 'bea_repeat' });
    const clientKey = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 3 }, () => publishPeep({ authorId: sam.id, body: 'hi @bea_repeat', clientKey })));
    const written = await peepsBy(sam.id);
    expect(written).toHaveLength(1);
    for (const answer of answers) expect(answer).toMatchObject({ limited: false, id: written[0].id });
    const db = await getDb();
    expect(await db.select().from(mentions).where(eq(mentions.userId, bea.id))).toHaveLength(1);
    expect(await db.select().from(emailOutbox).where(and(eq(emailOutbox.recipientId, bea.id), eq(emailOutbox.kind, 'mention')))).toHaveLength(1);
  });

  it('after the first succeeded, answers as the first did, writing and counting nothing more', async () => {
    const sam = await makeUser();
    const clientKey = crypto.randomUUID();
    const first = await publishPeep({ authorId: sam.id, body: 'the answer was lost', clientKey });
    expect(first).toMatchObject({ limited: false, repeated: false });
    const hits = await peepHits(sam.id);
    const again = await publishPeep({ authorId: sam.id, body: 'the answer was lost', clientKey });
    expect(again).toEqual({ ...first, repeated: true, limit: null });
    expect(await peepsBy(sam.id)).toHaveLength(1);
    expect(await peepHits(sam.id)).toEqual(hits);
  });

  it('tells the author again that not everyone mentioned is emailed, and mails no one twice', async () => {
    const sam = await makeUser();
    const names = Array.from({ length: 6 }, (_, i) => `crowd_${i}`);
    for (const username of names) await makeUser({ username });
    const body = names.map((n) => `@${n}`).join(' ');
    const clientKey = crypto.randomUUID();
    const first = await publishPeep({ authorId: sam.id, body, clientKey });
    const again = await publishPeep({ authorId: sam.id, body, clientKey });
    expect(first.limited === false && first.mailNotice).toMatch(/first 5 of the 6/);
    expect(again).toEqual({ ...first, repeated: true, limit: null });
    const db = await getDb();
    expect(await db.select().from(emailOutbox).where(and(eq(emailOutbox.senderId, sam.id), eq(emailOutbox.kind, 'mention')))).toHaveLength(6);
  });

  it('answers with the first peep even when the author has since used up their limit', async () => {
    const sam = await makeUser();
    const clientKey = crypto.randomUUID();
    const first = await publishPeep({ authorId: sam.id, body: 'posted first', clientKey });
    for (let i = 1; i < WRITE_LIMITS.peep[0].max; i++) await publishPeep({ authorId: sam.id, body: `more ${i}` });
    expect((await publishPeep({ authorId: sam.id, body: 'one too many' })).limited).toBe(true);
    expect(await publishPeep({ authorId: sam.id, body: 'posted first', clientKey })).toEqual({ ...first, repeated: true, limit: null });
  });

  it('belongs to its author: another person’s post with the same key is a peep of its own', async () => {
    const sam = await makeUser();
    const kim = await makeUser();
    const clientKey = crypto.randomUUID();
    const [fromSam, fromKim] = await Promise.all([
      publishPeep({ authorId: sam.id, body: 'mine', clientKey }),
      publishPeep({ authorId: kim.id, body: 'mine too', clientKey }),
    ]);
    expect(fromSam).toMatchObject({ limited: false, repeated: false });
    expect(fromKim).toMatchObject({ limited: false, repeated: false });
    expect(await peepsBy(sam.id)).toEqual([{ id: expect.any(Number), body: 'mine' }]);
    expect(await peepsBy(kim.id)).toEqual([{ id: expect.any(Number), body: 'mine too' }]);
  });

  it('with other text (two tabs of one cached page) is a peep of its own, whether it follows or races the first', async () => {
    const sam = await makeUser();
    const clientKey = crypto.randomUUID();
    await publishPeep({ authorId: sam.id, body: 'from one tab', clientKey });
    expect(await publishPeep({ authorId: sam.id, body: 'from the other', clientKey })).toMatchObject({ limited: false, repeated: false });
    expect(await publishPeep({ authorId: sam.id, body: 'and @nobody_here', clientKey })).toMatchObject({ limited: false, repeated: false });
    const raced = crypto.randomUUID();
    await Promise.all([publishPeep({ authorId: sam.id, body: 'left', clientKey: raced }), publishPeep({ authorId: sam.id, body: 'right', clientKey: raced })]);
    expect((await peepsBy(sam.id)).map((p) => p.body).sort()).toEqual(['and @nobody_here', 'from one tab', 'from the other', 'left', 'right']);
  });

  it('is not needed: posts without a key are each saved', async () => {
    const sam = await makeUser();
    await Promise.all([publishPeep({ authorId: sam.id, body: 'same words' }), publishPeep({ authorId: sam.id, body: 'same words' })]);
    expect(await peepsBy(sam.id)).toHaveLength(2);
  });
});
