import 'server-only';
import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../index';
import { uniqueViolation } from '../errors';
import { emailOutbox, emailVerifications, users } from '../schema';
import { incrementRateLimit } from './rate-limits';

/** A new link's seed and token hash, how long it lives, and how many mails one address may get in a window. */
export type AddressMail = { seed: string; tokenHash: string; ttlHours: number; perAddress: { max: number; windowMs: number } };
export type QueuedMail = 'link' | 'notice' | 'address_capped';
export type LinkState = 'ready' | 'invalid' | 'expired' | 'used' | 'claimed';

/**
 * Queues the one mail an address gets when someone signs up with it or asks again: a verification link, or, if
 * another account has already proven the address, a short notice to that account instead (never a link). Counted
 * per address across accounts, so sign-ups cannot flood a stranger's inbox.
 */
export async function queueAddressMail(tx: Tx, { userId, email, seed, tokenHash, ttlHours, perAddress }: AddressMail & { userId: number; email: string }): Promise<QueuedMail> {
  const { hits } = await incrementRateLimit({ key: `mail:address:${email.toLowerCase()}`, windowMs: perAddress.windowMs, tx });
  if (hits > perAddress.max) return 'address_capped';
  const [owner] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, isNotNull(users.emailVerifiedAt), ne(users.id, userId)))
    .limit(1);
  if (owner) {
    await tx.insert(emailOutbox).values({ kind: 'address_in_use', recipientId: owner.id });
    return 'notice';
  }
  const [verification] = await tx
    .insert(emailVerifications)
    .values({ tokenHash, seed, userId, email, expiresAt: sql`now() + make_interval(hours => ${ttlHours})` })
    .returning({ id: emailVerifications.id });
  await tx.insert(emailOutbox).values({ kind: 'verify_email', recipientId: userId, verificationId: verification.id });
  return 'link';
}

/** A fresh mail for a person's address, unless it is already proven. */
export async function requestAddressMail({ userId, mail }: { userId: number; mail: AddressMail }): Promise<QueuedMail | 'already_verified'> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId)).for('update');
    if (!user || user.verifiedAt) return 'already_verified';
    return queueAddressMail(tx, { userId, email: user.email, ...mail });
  });
}

/** Everything that decides whether a link can still be followed, read in one statement. */
function selectLink(db: Tx | Awaited<ReturnType<typeof getDb>>) {
  return db
    .select({
      id: emailVerifications.id,
      userId: emailVerifications.userId,
      seed: emailVerifications.seed,
      used: sql<boolean>`${emailVerifications.usedAt} is not null`,
      expired: sql<boolean>`${emailVerifications.expiresAt} <= now()`,
      addressChanged: sql<boolean>`lower(${emailVerifications.email}) <> lower(${users.email})`,
      userVerified: sql<boolean>`${users.emailVerifiedAt} is not null`,
      claimed: sql<boolean>`exists (select 1 from ${users} as other where lower(other.email) = lower(${emailVerifications.email})
        and other.email_verified_at is not null and other.id <> ${emailVerifications.userId})`,
      email: users.email,
      name: users.name,
      username: users.username,
    })
    .from(emailVerifications)
    .innerJoin(users, eq(users.id, emailVerifications.userId));
}

type LinkRow = { used: boolean; expired: boolean; addressChanged: boolean; userVerified: boolean; claimed: boolean };

function stateOf(row: LinkRow | undefined): LinkState {
  if (!row || row.addressChanged) return 'invalid';
  if (row.used || row.userVerified) return 'used';
  if (row.claimed) return 'claimed';
  if (row.expired) return 'expired';
  return 'ready';
}

/** What following a link would do now, without doing it (a GET must change nothing). */
export async function findVerificationLinkState({ tokenHash }: { tokenHash: string }): Promise<LinkState> {
  const db = await getDb();
  const [row] = await selectLink(db).where(eq(emailVerifications.tokenHash, tokenHash));
  return stateOf(row);
}

/**
 * Marks the address proven and the link used. Whichever account proves an address first wins: a second account's
 * verification breaks the partial unique index and comes back as 'claimed'.
 */
export async function confirmVerification({ tokenHash }: { tokenHash: string }): Promise<{ ok: true; userId: number } | { ok: false; reason: Exclude<LinkState, 'ready'> }> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await selectLink(tx).where(eq(emailVerifications.tokenHash, tokenHash)).for('update');
      const state = stateOf(row);
      if (state !== 'ready') return { ok: false as const, reason: state };
      await tx.update(users).set({ emailVerifiedAt: sql`now()` }).where(eq(users.id, row.userId));
      await tx.update(emailVerifications).set({ usedAt: sql`now()` }).where(eq(emailVerifications.id, row.id));
      return { ok: true as const, userId: row.userId };
    });
  } catch (err) {
    if (uniqueViolation(err) === 'users_verified_email_lower_key') return { ok: false, reason: 'claimed' };
    throw err;
  }
}

/** What a verification mail needs at send time, with the state that decides whether it should still go. */
export async function loadVerificationEmail({ verificationId }: { verificationId: number }) {
  const db = await getDb();
  const [row] = await selectLink(db).where(eq(emailVerifications.id, verificationId));
  return row ? { state: stateOf(row), seed: row.seed, recipient: { id: row.userId, email: row.email, name: row.name, username: row.username } } : null;
}
