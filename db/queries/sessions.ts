import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { getDb, preparedStatement } from '../index';
import { sessions, users } from '../schema';
import { PAGE_VERSION } from './page-version';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export async function createSession({ userId }: { userId: number }): Promise<string> {
  const db = await getDb();
  const id = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) });
  return id;
}

const sessionUser = preparedStatement((db) =>
  db
    .select({ id: users.id, username: users.username, name: users.name, lastSeenAt: users.lastSeenAt, pageVersion: sql<string>`${PAGE_VERSION}` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('sessionId')), gt(sessions.expiresAt, sql`now()`)))
    .limit(1)
    .prepare('find_session_user'),
);

/**
 * The person behind a live session, or null once it has been logged out or has expired; with the pages' version, read
 * in the same round trip for the page cache.
 */
export async function findSessionUser({ sessionId }: { sessionId: string }) {
  const [row] = await (await sessionUser()).execute({ sessionId });
  return row ?? null;
}

export async function deleteSession({ sessionId }: { sessionId: string }): Promise<void> {
  const db = await getDb();
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}
