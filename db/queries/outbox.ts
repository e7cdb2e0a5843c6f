import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { getDb } from '../index';
import { emailOutbox, peeps, users, type OutboxKind } from '../schema';
import { hiddenFrom } from './mutes-and-blocks';

export type ClaimedEmail = { id: number; kind: OutboxKind; recipientId: number; peepId: number | null; verificationId: number | null; attempts: number; claimToken: string; passwordResetId: number | null };

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
        verificationId: emailOutbox.verificationId,
        attempts: emailOutbox.attempts,
        passwordResetId: emailOutbox.passwordResetId,
      });
    return claimed.map((row) => ({ ...row, claimToken }));
  });
}

/** The person an email goes to, read at send time: they may have unsubscribed, or not (yet) proven the address. */
export async function loadRecipient({ recipientId }: { recipientId: number }) {
  const db = await getDb();
  const [recipient] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      username: users.username,
      mentionEmails: users.mentionEmails,
      replyEmails: users.replyEmails,
      verified: sql<boolean>`${users.emailVerifiedAt} is not null`,
    })
    .from(users)
    .where(eq(users.id, recipientId));
  return recipient ?? null;
}

const peepWithAuthor = { id: peeps.id, body: peeps.body, createdAt: peeps.createdAt, authorName: users.name, authorUsername: users.username };

/**
 * What a mention or reply email needs, read at send time: the peep (the mention or the reply) may have been deleted,
 * the person unsubscribed, or come to mute or block its author (or be blocked by them) since it was posted.
 */
export async function loadPeepEmail({ recipientId, peepId }: { recipientId: number; peepId: number | null }) {
  const db = await getDb();
  const recipient = await loadRecipient({ recipientId });
  if (!recipient || peepId === null) return { recipient, peep: null };
  const [peep] = await db
    .select({ ...peepWithAuthor, authorHidden: sql<boolean>`${hiddenFrom(recipientId, sql`${peeps.authorId}`)}` })
    .from(peeps)
    .innerJoin(users, eq(users.id, peeps.authorId))
    .where(eq(peeps.id, peepId));
  return { recipient, peep: peep ?? null };
}

/**
 * The mentions held for one person's digest: the newest `limit` with their peeps, the ids of every held row (each
 * is settled with the digest), and how many held peeps are not listed. A deleted peep is held but not listed, as is
 * one by someone the person has come to mute or block (or be blocked by).
 */
export async function loadDigestItems({ recipientId, limit }: { recipientId: number; limit: number }) {
  const db = await getDb();
  const held = await db
    .select({ id: emailOutbox.id, peepId: emailOutbox.peepId })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.recipientId, recipientId), eq(emailOutbox.status, 'digest')))
    .orderBy(asc(emailOutbox.id));
  const peepIds = held.flatMap((h) => (h.peepId === null ? [] : [h.peepId]));
  const listed = peepIds.length
    ? await db
        .select(peepWithAuthor)
        .from(peeps)
        .innerJoin(users, eq(users.id, peeps.authorId))
        .where(and(inArray(peeps.id, peepIds), sql`not ${hiddenFrom(recipientId, sql`${peeps.authorId}`)}`))
        .orderBy(asc(peeps.createdAt), asc(peeps.id))
    : [];
  return { heldIds: held.map((h) => h.id), peeps: listed.slice(-limit), notListed: Math.max(0, listed.length - limit) };
}

type Finish =
  | { status: 'sent' }
  | { status: 'cancelled'; reason: string }
  | { status: 'failed'; error: string }
  | { status: 'pending'; error: string; retryInMs: number };

/**
 * Records the outcome of one claimed email; a worker whose lease was taken over records nothing. A digest's `items`
 * (the mentions it listed) get its final status with it, in the same transaction.
 */
export async function finishEmail({ id, claimToken, outcome, items = [] }: { id: number; claimToken: string; outcome: Finish; items?: number[] }): Promise<boolean> {
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
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(emailOutbox)
      .set(set)
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.claimToken, claimToken), eq(emailOutbox.status, 'sending')))
      .returning({ id: emailOutbox.id });
    if (rows.length === 1 && items.length > 0 && outcome.status !== 'pending') {
      await tx
        .update(emailOutbox)
        .set({ status: outcome.status, sentAt: outcome.status === 'sent' ? sql`now()` : null })
        .where(and(inArray(emailOutbox.id, items), eq(emailOutbox.status, 'digest'), isNull(emailOutbox.claimToken)));
    }
    return rows.length === 1;
  });
}

/** Hands back claimed emails this worker will not send (it is stopping), due at once and with the try not counted. */
export async function releaseEmails({ ids, claimToken }: { ids: number[]; claimToken: string }): Promise<void> {
  if (ids.length === 0) return;
  const db = await getDb();
  await db
    .update(emailOutbox)
    .set({ status: 'pending', lockedUntil: null, claimToken: null, attempts: sql`${emailOutbox.attempts} - 1` })
    .where(and(inArray(emailOutbox.id, ids), eq(emailOutbox.claimToken, claimToken), eq(emailOutbox.status, 'sending')));
}
