import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { getDb } from '../index';
import { emailOutbox, peeps, users } from '../schema';

export type ClaimedEmail = { id: number; kind: string; recipientId: number; peepId: number | null; attempts: number; claimToken: string };

/**
 * Claims up to `limit` due emails for one worker: pending ones whose time has come, and ones another worker claimed
 * but whose lease ran out (it died). SKIP LOCKED lets several workers claim at once without taking the same row.
 */
export async function claimDueEmails({ limit, leaseMs }: { limit: number; leaseMs: number }): Promise<ClaimedEmail[]> {
  const db = await getDb();
  const claimToken = randomUUID();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        or(
          and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.runAfter, sql`now()`)),
          and(eq(emailOutbox.status, 'sending'), lte(emailOutbox.lockedUntil, sql`now()`)),
        ),
      )
      .orderBy(emailOutbox.runAfter)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const claimed = await tx
      .update(emailOutbox)
      .set({
        status: 'sending',
        claimToken,
        attempts: sql`${emailOutbox.attempts} + 1`,
        lockedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
      })
      .where(inArray(emailOutbox.id, due.map((d) => d.id)))
      .returning({
        id: emailOutbox.id,
        kind: emailOutbox.kind,
        recipientId: emailOutbox.recipientId,
        peepId: emailOutbox.peepId,
        attempts: emailOutbox.attempts,
      });
    return claimed.map((row) => ({ ...row, claimToken }));
  });
}

/** What a mention email needs, read at send time: the peep may have been deleted or the person unsubscribed. */
export async function loadMentionEmail({ recipientId, peepId }: { recipientId: number; peepId: number | null }) {
  const db = await getDb();
  const [recipient] = await db
    .select({ id: users.id, email: users.email, name: users.name, mentionEmails: users.mentionEmails })
    .from(users)
    .where(eq(users.id, recipientId));
  if (!recipient || peepId === null) return { recipient: recipient ?? null, peep: null };
  const [peep] = await db
    .select({ id: peeps.id, body: peeps.body, createdAt: peeps.createdAt, authorName: users.name, authorUsername: users.username })
    .from(peeps)
    .innerJoin(users, eq(users.id, peeps.authorId))
    .where(eq(peeps.id, peepId));
  return { recipient, peep: peep ?? null };
}

type Finish =
  | { status: 'sent' }
  | { status: 'cancelled'; reason: string }
  | { status: 'failed'; error: string }
  | { status: 'pending'; error: string; retryInMs: number };

/** Records the outcome of one claimed email; a worker whose lease was taken over records nothing. */
export async function finishEmail({ id, claimToken, outcome }: { id: number; claimToken: string; outcome: Finish }): Promise<boolean> {
  const db = await getDb();
  const common = { lockedUntil: null, claimToken: null };
  const set =
    outcome.status === 'sent'
      ? { ...common, status: 'sent' as const, sentAt: sql`now()`, lastError: null }
      : outcome.status === 'cancelled'
        ? { ...common, status: 'cancelled' as const, lastError: outcome.reason }
        : outcome.status === 'failed'
          ? { ...common, status: 'failed' as const, lastError: outcome.error }
          : { ...common, status: 'pending' as const, lastError: outcome.error, runAfter: sql`now() + ${`${outcome.retryInMs} milliseconds`}::interval` };
  const rows = await db
    .update(emailOutbox)
    .set(set)
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.claimToken, claimToken), eq(emailOutbox.status, 'sending')))
    .returning({ id: emailOutbox.id });
  return rows.length === 1;
}
