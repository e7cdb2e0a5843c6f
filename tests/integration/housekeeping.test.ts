import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db';
import { createSession } from '@/db/queries/sessions';
import { sweepExpiredRows } from '@/db/queries/housekeeping';
import { emailOutbox, emailVerifications, rateLimits, sessions } from '@/db/schema';
import { sweepOnce } from '@/lib/housekeeping';
import { makeUser } from '../support/factories';

const DAY = 86_400_000;

async function seedRows() {
  const db = await getDb();
  const sam = await makeUser();
  const live = await createSession({ userId: sam.id });
  const expired = await createSession({ userId: sam.id });
  await db.execute(sql`update sessions set expires_at = now() - interval '1 second' where id = ${expired}`);
  const now = Date.now();
  await db.insert(rateLimits).values([
    { key: 'logIn:ip:ended', windowStart: new Date(now - 2 * DAY), hits: 3 },
    { key: 'logIn:ip:current', windowStart: new Date(now - 60_000), hits: 3 },
  ]);
  const old = new Date(now - 31 * DAY);
  await db.insert(emailOutbox).values([
    { kind: 'mention', recipientId: sam.id, status: 'sent', createdAt: old },
    { kind: 'mention', recipientId: sam.id, status: 'failed', createdAt: old },
    { kind: 'mention', recipientId: sam.id, status: 'cancelled', createdAt: old },
    { kind: 'mention', recipientId: sam.id, status: 'pending', createdAt: old },
    { kind: 'mention', recipientId: sam.id, status: 'sent', createdAt: new Date(now - 29 * DAY) },
  ]);
  // Sam's own link (from signing up) is live; one that expired 31 days ago goes, with its queued mail.
  await db.execute(sql`insert into email_verifications (token_hash, seed, user_id, email, expires_at)
    values ('old-hash', 'old-seed', ${sam.id}, ${sam.email}, now() - interval '31 days')`);
  // Two live events, one from two days ago (gone) and one from a minute ago (kept for pages that reconnect).
  await db.execute(sql`insert into live_events (kind, peep_id, actor_id, created_at)
    values ('peep', 1, ${sam.id}, now() - interval '2 days'), ('peep', 2, ${sam.id}, now() - interval '1 minute')`);
  return { live, expired };
}

describe('housekeeping', () => {
  it('deletes expired sessions, ended rate-limit windows and finished mail past 30 days, and nothing still in use', async () => {
    const { live } = await seedRows();
    expect(await sweepOnce()).toEqual({ sessions: 1, rateLimits: 1, outbox: 3, verifications: 1, liveEvents: 1, retiredHandles: 0 });
    const db = await getDb();
    expect((await db.select({ id: sessions.id }).from(sessions)).map((s) => s.id)).toEqual([live]);
    // (Signing up also counted a mail to Sam's address today; that window has not ended either.)
    expect((await db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key).filter((k) => k.startsWith('logIn:'))).toEqual(['logIn:ip:current']);
    const mentionRows = await db.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.kind, 'mention')).orderBy(emailOutbox.id);
    expect(mentionRows.map((r) => r.status)).toEqual(['pending', 'sent']);
    expect((await db.select({ seed: emailVerifications.seed }).from(emailVerifications)).map((v) => v.seed)).not.toContain('old-seed');
    expect(await db.select().from(emailVerifications)).toHaveLength(1);
    expect(await sweepOnce()).toEqual({ sessions: 0, rateLimits: 0, outbox: 0, verifications: 0, liveEvents: 0, retiredHandles: 0 });
  });

  it('works in batches until nothing is left', async () => {
    const db = await getDb();
    await db.execute(sql`insert into rate_limits (key, window_start, hits) select 'k' || g, now() - interval '3 days', 1 from generate_series(1, 25) g`);
    expect(await sweepExpiredRows({ batch: 10, keepDays: 30 })).toMatchObject({ rateLimits: 10 });
    expect(await sweepExpiredRows({ batch: 10, keepDays: 30 })).toMatchObject({ rateLimits: 10 });
    expect(await sweepExpiredRows({ batch: 10, keepDays: 30 })).toMatchObject({ rateLimits: 5 });
    expect(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from rate_limits`))[0].n).toBe(0);
  });

  // Only PostgreSQL has other instances; the embedded database belongs to one process (CI runs this on both).
  if (process.env.DATABASE_URL) it('lets only one instance sweep at a time', async () => {
    const db = await getDb();
    await seedRows();
    // Another instance holds the lock for the length of its transaction.
    const other = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(727070002)`);
      return sweepOnce();
    });
    expect(other).toBeNull();
    expect(await sweepOnce()).toEqual({ sessions: 1, rateLimits: 1, outbox: 3, verifications: 1, liveEvents: 1, retiredHandles: 0 });
  });
});
