import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { rateLimits } from '@/db/schema';
import { takeWriteAttempt, WRITE_LIMITS } from '@/lib/rate-limit';
import { makeUser } from '../support/factories';

describe('write limits', () => {
  it('lets a person peep 30 times in 5 minutes, refuses the 31st with the wait, and leaves others alone', async () => {
    const sam = await makeUser();
    const kim = await makeUser();
    for (let i = 0; i < WRITE_LIMITS.peep[0].max; i++) expect(await takeWriteAttempt('peep', sam.id)).toEqual({ limited: false });
    const refused = await takeWriteAttempt('peep', sam.id);
    expect(refused.limited).toBe(true);
    if (refused.limited) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(300);
    expect(await takeWriteAttempt('peep', kim.id)).toEqual({ limited: false });
    // Other kinds of write have budgets of their own.
    expect(await takeWriteAttempt('interaction', sam.id)).toEqual({ limited: false });
  });

  it('holds to the longer window too: 300 peeps in 3 hours, however they are spread', async () => {
    const sam = await makeUser();
    const { max, windowMs } = WRITE_LIMITS.peep[1];
    const db = await getDb();
    await db.insert(rateLimits).values({ key: `write:peep:${windowMs}:user:${sam.id}`, windowStart: new Date(Math.floor(Date.now() / windowMs) * windowMs), hits: max });
    // The first peep of these 5 minutes, but the 301st of these 3 hours.
    expect((await takeWriteAttempt('peep', sam.id)).limited).toBe(true);
  });

  it('counts a burst exactly', async () => {
    const sam = await makeUser();
    const max = WRITE_LIMITS.interaction[0].max;
    const results = await Promise.all(Array.from({ length: max + 20 }, () => takeWriteAttempt('interaction', sam.id)));
    expect(results.filter((r) => r.limited)).toHaveLength(20);
  });
});
