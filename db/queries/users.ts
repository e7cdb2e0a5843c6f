import 'server-only';
import { eq, or, sql } from 'drizzle-orm';
import { getDb } from '../index';
import { uniqueViolation } from '../errors';
import { users } from '../schema';

export type PublicUser = { id: number; username: string; name: string };

export class DuplicateAccountError extends Error {
  constructor(readonly field: 'email' | 'username') {
    super(`duplicate ${field}`);
  }
}

/** Inserts a person; the unique indexes on lower(email) and lower(username) settle races. */
export async function createUser(input: { email: string; username: string; name: string; passwordHash: string }): Promise<PublicUser> {
  const db = await getDb();
  try {
    const [row] = await db
      .insert(users)
      .values(input)
      .returning({ id: users.id, username: users.username, name: users.name });
    return row;
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'users_email_lower_key') throw new DuplicateAccountError('email');
    if (constraint !== null) throw new DuplicateAccountError('username');
    throw err;
  }
}

export async function findTakenFields({ email, username }: { email: string; username: string }) {
  const db = await getDb();
  const rows = await db
    .select({ email: users.email, username: users.username })
    .from(users)
    .where(or(sql`lower(${users.email}) = lower(${email})`, sql`lower(${users.username}) = lower(${username})`));
  return {
    email: rows.some((r) => r.email.toLowerCase() === email.toLowerCase()),
    username: rows.some((r) => r.username.toLowerCase() === username.toLowerCase()),
  };
}

/** The one place a password hash is read; it goes no further than the log-in check. */
export async function findUserForLogIn({ identifier }: { identifier: string }) {
  const db = await getDb();
  const column = identifier.includes('@') ? users.email : users.username;
  const [row] = await db
    .select({ id: users.id, username: users.username, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${column}) = lower(${identifier})`)
    .limit(1);
  return row ?? null;
}

export async function findEmailSettings({ userId }: { userId: number }) {
  const db = await getDb();
  const [row] = await db.select({ email: users.email, mentionEmails: users.mentionEmails, hideOnline: users.hideOnline }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** Saves the settings page in one statement. */
export async function saveUserSettings({ userId, mentionEmails, hideOnline }: { userId: number; mentionEmails: boolean; hideOnline: boolean }): Promise<void> {
  const db = await getDb();
  await db.update(users).set({ mentionEmails, hideOnline }).where(eq(users.id, userId));
}

/** Turns mention emails on or off; false when there is no such person. */
export async function setMentionEmails({ userId, enabled }: { userId: number; enabled: boolean }): Promise<boolean> {
  const db = await getDb();
  const rows = await db.update(users).set({ mentionEmails: enabled }).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length === 1;
}
