import { and, count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { emailOutbox, mentions, peeps, rateLimits } from '@/db/schema';
import { publishPeep } from '@/lib/publish-peep';
import { takeWriteAttempt, WRITE_LIMITS } from '@/lib/rate-limit';
import { makeUser } from '../support/factories';
import { clearOfLimitEdge } from '../support/rate-windows';

async function peepsBy(authorId: number): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(peeps).where(eq(peeps.authorId, authorId));
  return row.n;
}

describe('write limits', () => {
  beforeEach(() => clearOfLimitEdge(8_000));

  it('lets a person peep 30 times in 5 minutes, refuses the 31st with the wait and writes nothing, and leaves others alone', async () => {
    const sam = await makeUser();
    const kim = await makeUser({ username: 'kim_limits' });
    const answers = [];
    for (let i = 0; i < WRITE_LIMITS.peep[0].max; i++) answers.push(await publishPeep({ authorId: sam.id, body: `peep ${i}` }));
    expect(answers.every((a) => !a.limited)).toBe(true);
    // Where the author stands, for the API's RateLimit-* headers: the 5-minute window has the least left.
    expect(answers[0].limit).toMatchObject({ limit: 30, remaining: 29 });
    expect(answers[29].limit).toMatchObject({ limit: 30, remaining: 0 });
    const refused = await publishPeep({ authorId: sam.id, body: 'one too many' });
    expect(refused.limited).toBe(true);
    if (refused.limited) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(300);
    expect(refused.limit).toMatchObject({ limit: 30, remaining: 0 });
    // A peep with a mention is counted the same way, and leaves no mention and no mail behind.
    expect((await publishPeep({ authorId: sam.id, body: 'hey @kim_limits' })).limited).toBe(true);
    expect(await peepsBy(sam.id)).toBe(30);
    const db = await getDb();
    expect(await db.select().from(mentions).where(eq(mentions.userId, kim.id))).toEqual([]);
    expect(await db.select().from(emailOutbox).where(and(eq(emailOutbox.recipientId, kim.id), eq(emailOutbox.kind, 'mention')))).toEqual([]);
    expect((await publishPeep({ authorId: kim.id, body: 'my first' })).limited).toBe(false);
    // Other kinds of write have budgets of their own.
    expect(await takeWriteAttempt('interaction', sam.id)).toEqual({ limited: false });
  });

  it('holds to the longer window too: 300 peeps in 3 hours, however they are spread', async () => {
    const sam = await makeUser();
    const { max, windowMs } = WRITE_LIMITS.peep[1];
    const db = await getDb();
    await db.insert(rateLimits).values({ key: `write:peep:${windowMs}:user:${sam.id}`, windowStart: new Date(Math.floor(Date.now() / windowMs) * windowMs), hits: max });
    // The first peep of these 5 minutes, but the 301st of these 3 hours: the wait is the longer window's.
    const refused = await publishPeep({ authorId: sam.id, body: 'three hundred and one' });
    expect(refused.limited).toBe(true);
    if (refused.limited) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(await peepsBy(sam.id)).toBe(0);
  });

  it('writes exactly as many peeps as the limit allows from a burst', async () => {
    const sam = await makeUser();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => publishPeep({ authorId: sam.id, body: `burst ${i}` })));
    expect(results.filter((r) => r.limited)).toHaveLength(10);
    expect(await peepsBy(sam.id)).toBe(30);
  });

  it('counts a burst exactly', async () => {
    const sam = await makeUser();
    const max = WRITE_LIMITS.interaction[0].max;
    const results = await Promise.all(Array.from({ length: max + 20 }, () => takeWriteAttempt('interaction', sam.id)));
    expect(results.filter((r) => r.limited)).toHaveLength(20);
  });
});
