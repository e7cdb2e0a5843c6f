import 'server-only';
import { and, eq, gt, gte, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../index';
import { uniqueViolation } from '../errors';
import { emailOutbox, emailVerifications, users } from '../schema';
import { lockLinkOwner, queueAddressMail, selectLink, stateOf, type AddressMail, type LinkState } from './email-verifications';
import { incrementRateLimit } from './rate-limits';
import { endSessionsIn } from './sessions';

export type ChangeOutcome = 'pending' | 'replaced' | 'same' | 'address_capped' | 'gone';

const pendingChange = (userId: number) => and(eq(emailVerifications.userId, userId), eq(emailVerifications.purpose, 'change'), isNull(emailVerifications.usedAt));

/**
 * Asks for a new address. A proven address stays the account's until the new one's link is followed: this only
 * replaces any change already waiting, and mails the new address its link. An address never proven has nothing to
 * keep, so it is replaced at once and the new one gets an ordinary verification link. The new address counts against
 * the same daily cap as sign-up mail, and an address another account has proven gets no link (and the person asking
 * is told the same as anyone, so this tells nobody which addresses have accounts).
 */
export async function startEmailChange({ userId, email, mail }: { userId: number; email: string; mail: AddressMail }): Promise<ChangeOutcome> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId)).for('update');
    if (!user) return 'gone';
    if (user.email.toLowerCase() === email.toLowerCase()) return 'same';
    if (!user.verifiedAt) {
      const queued = await queueAddressMail(tx, { userId, email, ...mail });
      if (queued === 'address_capped') return 'address_capped';
      await tx.update(users).set({ email }).where(eq(users.id, userId));
      return 'replaced';
    }
    const { hits } = await incrementRateLimit({ key: `mail:address:${email.toLowerCase()}`, windowMs: mail.perAddress.windowMs, tx });
    if (hits > mail.perAddress.max) return 'address_capped';
    await tx.delete(emailVerifications).where(pendingChange(userId));
    const [link] = await tx
      .insert(emailVerifications)
      .values({ purpose: 'change', tokenHash: mail.tokenHash, seed: mail.seed, userId, email, expiresAt: sql`now() + make_interval(hours => ${mail.ttlHours})` })
      .returning({ id: emailVerifications.id });
    if (!(await isProvenByAnother(tx, { userId, email }))) {
      await tx.insert(emailOutbox).values({ kind: 'verify_new_email', recipientId: userId, verificationId: link.id });
    }
    return 'pending';
  });
}

async function isProvenByAnother(tx: Tx, { userId, email }: { userId: number; email: string }): Promise<boolean> {
  const [owner] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, isNotNull(users.emailVerifiedAt), ne(users.id, userId)))
    .limit(1);
  return owner !== undefined;
}

/** The new address a person has asked for and not yet confirmed, if its link still works. */
export async function findPendingEmailChange({ userId }: { userId: number }): Promise<{ email: string; expiresAt: Date } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ email: emailVerifications.email, expiresAt: emailVerifications.expiresAt })
    .from(emailVerifications)
    .where(and(pendingChange(userId), gt(emailVerifications.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}

/** Drops a waiting change: its link stops working, and its mail, if still unsent, is never sent. */
export async function cancelEmailChange({ userId }: { userId: number }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const gone = await tx.delete(emailVerifications).where(pendingChange(userId)).returning({ id: emailVerifications.id });
    return gone.length > 0;
  });
}

export type UndoResult = { ok: true; userId: number; email: string } | { ok: false; reason: Exclude<LinkState, 'ready'> };

/**
 * Follows an undo link: the address it was mailed to is the account's again, proven, and every session of the account
 * ends, since whoever made the change may hold one. Undo links of changes made after this one die with it (whoever
 * made them cannot undo the owner's undo); earlier ones stay. If another account has proven the address meanwhile,
 * the unique index refuses it and nothing changes.
 */
export async function undoEmailChange({ tokenHash }: { tokenHash: string }): Promise<UndoResult> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      await lockLinkOwner(tx, tokenHash);
      const [row] = await selectLink(tx)
        .where(and(eq(emailVerifications.tokenHash, tokenHash), eq(emailVerifications.purpose, 'undo')))
        .for('update');
      const state = stateOf(row);
      if (state !== 'ready') return { ok: false as const, reason: state };
      await tx.update(users).set({ email: row.address, emailVerifiedAt: sql`now()` }).where(eq(users.id, row.userId));
      await tx
        .update(emailVerifications)
        .set({ usedAt: sql`now()` })
        .where(and(eq(emailVerifications.userId, row.userId), eq(emailVerifications.purpose, 'undo'), isNull(emailVerifications.usedAt), gte(emailVerifications.id, row.id)));
      await tx.delete(emailVerifications).where(pendingChange(row.userId));
      await endSessionsIn(tx, { userId: row.userId });
      return { ok: true as const, userId: row.userId, email: row.address };
    });
  } catch (err) {
    if (uniqueViolation(err) === 'users_verified_email_lower_key') return { ok: false, reason: 'claimed' };
    throw err;
  }
}
