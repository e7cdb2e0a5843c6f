import 'server-only';
import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../index';
import { uniqueViolation } from '../errors';
import { emailOutbox, emailVerifications, users, type EmailLinkPurpose } from '../schema';
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
export function selectLink(db: Tx | Awaited<ReturnType<typeof getDb>>) {
  return db
    .select({
      id: emailVerifications.id,
      userId: emailVerifications.userId,
      purpose: emailVerifications.purpose,
      // The address the link proves: the account's own, the new one a change asks for, or the one an undo puts back.
      address: emailVerifications.email,
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

type LinkRow = { purpose: EmailLinkPurpose; used: boolean; expired: boolean; addressChanged: boolean; userVerified: boolean; claimed: boolean };

/**
 * A 'verify' link is for the address the account has now, until it is proven; a 'change' or 'undo' link names an
 * address other than the account's, and only its own use, age, or another account's claim ends it.
 */
export function stateOf(row: LinkRow | undefined): LinkState {
  const verify = row?.purpose === 'verify';
  if (!row || (verify && row.addressChanged)) return 'invalid';
  if (row.used || (verify && row.userVerified)) return 'used';
  if (row.claimed) return 'claimed';
  if (row.expired) return 'expired';
  return 'ready';
}

/** What following a link would do now, without doing it (a GET must change nothing); a link of another purpose is 'invalid'. */
export async function findVerificationLinkState({ tokenHash, purposes = ['verify', 'change'] }: { tokenHash: string; purposes?: EmailLinkPurpose[] }) {
  const db = await getDb();
  const [row] = await selectLink(db).where(and(eq(emailVerifications.tokenHash, tokenHash), inArray(emailVerifications.purpose, purposes)));
  return { state: stateOf(row), purpose: row?.purpose ?? 'verify', address: row?.address ?? '' };
}

/**
 * Locks the account a link belongs to, before the link itself: every write to an account's links (a new change
 * request replacing a pending one, a link followed, an undo) takes the account's row first, so they queue in one
 * order and never deadlock. The link is read afterwards, in a statement of its own, so it is read as now committed.
 */
export async function lockLinkOwner(tx: Tx, tokenHash: string): Promise<void> {
  await tx.execute(sql`select 1 from ${users} where ${users.id} = (select ${emailVerifications.userId} from ${emailVerifications} where ${emailVerifications.tokenHash} = ${tokenHash}) for update`);
}

/** The makings of the undo link that following a change link mails to the replaced address. */
export type UndoMail = { seed: string; tokenHash: string; ttlHours: number };

/**
 * Marks the address proven and the link used. Whichever account proves an address first wins: a second account's
 * verification breaks the partial unique index and comes back as 'claimed'. A change link also makes its address the
 * account's, and mails the address it replaces a notice with an undo link.
 */
export async function confirmVerification({
  tokenHash,
  undo,
}: {
  tokenHash: string;
  undo: UndoMail;
}): Promise<{ ok: true; userId: number; changed?: true } | { ok: false; reason: Exclude<LinkState, 'ready'> }> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      await lockLinkOwner(tx, tokenHash);
      const [row] = await selectLink(tx)
        .where(and(eq(emailVerifications.tokenHash, tokenHash), inArray(emailVerifications.purpose, ['verify', 'change'])))
        .for('update');
      const state = stateOf(row);
      if (state !== 'ready') return { ok: false as const, reason: state };
      if (row.purpose === 'change') {
        await tx.update(users).set({ email: row.address, emailVerifiedAt: sql`now()` }).where(eq(users.id, row.userId));
        await tx.update(emailVerifications).set({ usedAt: sql`now()` }).where(eq(emailVerifications.id, row.id));
        const [back] = await tx
          .insert(emailVerifications)
          .values({ purpose: 'undo', tokenHash: undo.tokenHash, seed: undo.seed, userId: row.userId, email: row.email, expiresAt: sql`now() + make_interval(hours => ${undo.ttlHours})` })
          .returning({ id: emailVerifications.id });
        await tx.insert(emailOutbox).values({ kind: 'email_changed', recipientId: row.userId, verificationId: back.id });
        return { ok: true as const, userId: row.userId, changed: true as const };
      }
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
  // Mail goes to the address the link proves (for a ready 'verify' link, the account's own); `currentEmail` is the account's now.
  return row
    ? { state: stateOf(row), seed: row.seed, currentEmail: row.email, recipient: { id: row.userId, email: row.address, name: row.name, username: row.username } }
    : null;
}
