import 'server-only';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../index';
import { emailOutbox, passwordResets, sessions, users } from '../schema';
import { incrementRateLimit } from './rate-limits';
import { endSessionsIn } from './sessions';

export type ResetLinkState = 'ready' | 'invalid' | 'expired' | 'used';

/** A new link's seed and token hash, how long it lives, and how many links one account may be sent in a window. */
export type ResetMail = { seed: string; tokenHash: string; ttlMinutes: number; perAccount: { max: number; windowMs: number } };

/** The account a forgotten-password request names: by a proven address, or by handle. */
export async function findResetTarget({ identifier }: { identifier: string }): Promise<{ id: number; verified: boolean } | null> {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, verified: sql<boolean>`${users.emailVerifiedAt} is not null` })
    .from(users)
    .where(
      identifier.includes('@')
        ? and(sql`lower(${users.email}) = lower(${identifier})`, isNotNull(users.emailVerifiedAt))
        : sql`lower(${users.username}) = lower(${identifier})`,
    )
    .limit(1);
  return user ?? null;
}

/**
 * Queues a reset link for `target`, the account findResetTarget found for `identifier`, if it has a proven address
 * and is within its allowance. Whatever the outcome the same statements run, so how long it takes says nothing about
 * whether the account exists: a name with no account is counted under a key of its own, and the statement that
 * writes the link and its outbox row runs anyway and writes nothing.
 */
export async function queuePasswordReset({ target, identifier, mail }: { target: { id: number; verified: boolean } | null; identifier: string; mail: ResetMail }): Promise<'queued' | 'no_mail' | 'limited'> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { hits } = await incrementRateLimit({
      key: target ? `reset:mail:user:${target.id}` : `reset:mail:none:${identifier.toLowerCase()}`,
      windowMs: mail.perAccount.windowMs,
      tx,
    });
    const within = hits <= mail.perAccount.max;
    const send = Boolean(target?.verified) && within;
    await tx.execute(sql`
      with link as (
        insert into ${passwordResets} (token_hash, seed, user_id, expires_at, created_at)
        select ${mail.tokenHash}, ${mail.seed}, ${target?.id ?? 0}, now() + make_interval(mins => ${mail.ttlMinutes}), now()
        where ${send}
        returning id, user_id)
      insert into ${emailOutbox} (kind, recipient_id, password_reset_id) select 'password_reset', user_id, id from link`);
    if (!within) return 'limited';
    return send ? 'queued' : 'no_mail';
  });
}

/** Everything that decides whether a reset link can still be followed, read in one statement. */
const linkColumns = {
  id: passwordResets.id,
  userId: passwordResets.userId,
  used: sql<boolean>`${passwordResets.usedAt} is not null`,
  expired: sql<boolean>`${passwordResets.expiresAt} <= now()`,
};

function stateOf(row: { used: boolean; expired: boolean } | undefined): ResetLinkState {
  if (!row) return 'invalid';
  if (row.used) return 'used';
  if (row.expired) return 'expired';
  return 'ready';
}

/** What following a link would do now, without doing it: mail scanners open links, and a GET must change nothing. */
export async function findResetLinkState({ tokenHash }: { tokenHash: string }): Promise<ResetLinkState> {
  const db = await getDb();
  const [row] = await db.select(linkColumns).from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash));
  return stateOf(row);
}

/**
 * Sets a new password and everything that goes with it, in the transaction that changed it: every unused reset link
 * of the account is used up (a link never outlives the password it was sent to replace), every session but `keep`
 * ends, and the person is sent a notice if their address is proven. The caller holds the account's row lock.
 */
async function replacePassword(tx: Tx, { userId, passwordHash, keepSessionId }: { userId: number; passwordHash: string; keepSessionId?: string }): Promise<void> {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
  await tx
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  await endSessionsIn(tx, { userId, keepSessionId });
  await tx.execute(sql`insert into ${emailOutbox} (kind, recipient_id)
    select 'password_changed', ${users.id} from ${users} where ${users.id} = ${userId} and ${users.emailVerifiedAt} is not null`);
}

/** Locks the account's row: every password change takes it first, so two changes (or a change and a reset) queue. */
async function lockAccount(tx: Tx, userId: number): Promise<{ passwordHash: string } | undefined> {
  const [row] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).for('no key update');
  return row;
}

/**
 * Follows a reset link: sets the password, uses the link up with every other, and ends every session of the account.
 * Of two at once with the same link, the second waits for the first's lock and then finds the link used.
 */
export async function resetPasswordWithToken({ tokenHash, passwordHash }: { tokenHash: string; passwordHash: string }): Promise<{ ok: true; userId: number } | { ok: false; reason: Exclude<ResetLinkState, 'ready'> }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ userId: passwordResets.userId }).from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash));
    if (!found || !(await lockAccount(tx, found.userId))) return { ok: false as const, reason: 'invalid' as const };
    // Read again under the lock: a reset or change that committed while this one waited has used the link up.
    const [row] = await tx.select(linkColumns).from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)).for('update');
    const state = stateOf(row);
    if (state !== 'ready') return { ok: false as const, reason: state };
    await replacePassword(tx, { userId: row.userId, passwordHash });
    return { ok: true as const, userId: row.userId };
  });
}

export type ChangeOutcome = 'changed' | 'session_ended' | 'password_changed_meanwhile';

/**
 * Changes a logged-in person's password, keeping the session that asked and ending every other. `checkedHash` is the
 * hash the current password was checked against: if the password changed since, or the session that asked has
 * ended (a reset or a log-out elsewhere), nothing is written.
 */
export async function changePassword({ userId, sessionId, checkedHash, passwordHash }: { userId: number; sessionId: string; checkedHash: string; passwordHash: string }): Promise<ChangeOutcome> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, userId);
    const [session] = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), sql`${sessions.expiresAt} > now()`))
      .for('update');
    if (!account || !session) return 'session_ended';
    if (account.passwordHash !== checkedHash) return 'password_changed_meanwhile';
    await replacePassword(tx, { userId, passwordHash, keepSessionId: sessionId });
    return 'changed';
  });
}

/** What a reset mail needs at send time, with the state that decides whether it should still go. */
export async function loadResetEmail({ passwordResetId }: { passwordResetId: number }) {
  const db = await getDb();
  const [row] = await db
    .select({
      ...linkColumns,
      seed: passwordResets.seed,
      email: users.email,
      name: users.name,
      username: users.username,
      verified: sql<boolean>`${users.emailVerifiedAt} is not null`,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.id, passwordResetId));
  if (!row) return null;
  return { state: stateOf(row), verified: row.verified, seed: row.seed, recipient: { id: row.userId, email: row.email, name: row.name, username: row.username } };
}
