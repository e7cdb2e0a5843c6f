import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '../index';
import { uniqueViolation } from '../errors';
import { users } from '../schema';
import { queueAddressMail, type AddressMail } from './email-verifications';

export type PublicUser = { id: number; username: string; name: string };

export class DuplicateAccountError extends Error {
  readonly field = 'username';
  constructor() {
    super('duplicate username');
  }
}

/**
 * Inserts a person (unverified) and, in the same transaction, the mail their address gets: a verification link, or
 * a notice if another account has already proven the address. The unique index on lower(username) settles races;
 * an address is never a conflict here, since it is unique only among verified accounts.
 */
export async function createUser(input: { email: string; username: string; name: string; passwordHash: string; mail?: AddressMail }): Promise<PublicUser> {
  const { mail, ...values } = input;
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(users).values(values).returning({ id: users.id, username: users.username, name: users.name });
      if (mail) await queueAddressMail(tx, { userId: row.id, email: values.email, ...mail });
      return row;
    });
  } catch (err) {
    if (uniqueViolation(err) === 'users_username_lower_key') throw new DuplicateAccountError();
    throw err;
  }
}

export async function isUsernameTaken({ username }: { username: string }): Promise<boolean> {
  const db = await getDb();
  const rows = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`).limit(1);
  return rows.length > 0;
}

/**
 * The one place a password hash is read; it goes no further than the log-in check. By email: the account that
 * proved the address if there is one, else the oldest that gave it, so a later sign-up with the same address can
 * never take over the original's log-in. Other holders log in by username.
 */
export async function findUserForLogIn({ identifier }: { identifier: string }) {
  const db = await getDb();
  const byEmail = identifier.includes('@');
  const column = byEmail ? users.email : users.username;
  const [row] = await db
    .select({ id: users.id, username: users.username, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${column}) = lower(${identifier})`)
    .orderBy(...(byEmail ? [sql`${users.emailVerifiedAt} is null`, asc(users.id)] : [asc(users.id)]))
    .limit(1);
  return row ?? null;
}

/** A logged-in person's password hash, for a form that asks for the current password; it goes no further than that check. */
export async function findPasswordHash({ userId }: { userId: number }): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash ?? null;
}

/** The address a person gave and whether they have proven it. */
export async function findEmailStatus({ userId }: { userId: number }): Promise<{ email: string; verified: boolean } | null> {
  const db = await getDb();
  const [row] = await db.select({ email: users.email, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  return row ? { email: row.email, verified: row.verifiedAt !== null } : null;
}

export async function findEmailSettings({ userId }: { userId: number }) {
  const db = await getDb();
  const [row] = await db.select({ email: users.email, mentionEmails: users.mentionEmails, replyEmails: users.replyEmails, hideOnline: users.hideOnline }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** Saves the settings given (the settings page's, or any of them) in one statement; those left out stay as they are. */
export async function saveUserSettings({ userId, ...given }: { userId: number; mentionEmails?: boolean; replyEmails?: boolean; hideOnline?: boolean }): Promise<void> {
  const settings = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  if (Object.keys(settings).length === 0) return;
  const db = await getDb();
  await db.update(users).set(settings).where(eq(users.id, userId));
}

/** Turns mention emails on or off; false when there is no such person. */
export async function setMentionEmails({ userId, enabled }: { userId: number; enabled: boolean }): Promise<boolean> {
  return setEmailSetting({ userId, kind: 'mention', enabled });
}

/** Turns one kind of email about peeps (mentions, or replies to one's peeps) on or off; false when there is no such person. */
export async function setEmailSetting({ userId, kind, enabled }: { userId: number; kind: 'mention' | 'reply'; enabled: boolean }): Promise<boolean> {
  const db = await getDb();
  const set = kind === 'mention' ? { mentionEmails: enabled } : { replyEmails: enabled };
  const rows = await db.update(users).set(set).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length === 1;
}
