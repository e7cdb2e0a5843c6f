import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { getDb, preparedStatement, type Tx } from '../index';
import { sessions, users } from '../schema';
import { LIVE_CHANNEL } from './live';
import { PAGE_VERSION } from './page-version';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Opens a session; `userAgent` must already be bounded (boundUserAgent), as the table's check requires. */
export async function createSession({ userId, userAgent = null }: { userId: number; userAgent?: string | null }): Promise<string> {
  const db = await getDb();
  const id = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ id, userId, userAgent, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) });
  return id;
}

const sessionUser = preparedStatement((db) =>
  db
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      lastSeenAt: users.lastSeenAt,
      sessionActiveAt: sessions.lastActiveAt,
      pageVersion: sql<string>`${PAGE_VERSION}`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('sessionId')), gt(sessions.expiresAt, sql`now()`)))
    .limit(1)
    .prepare('find_session_user'),
);

/**
 * The person behind a live session, or null once it has been logged out or has expired; with the pages' version, read
 * in the same round trip for the page cache, and when the session was last marked active.
 */
export async function findSessionUser({ sessionId }: { sessionId: string }) {
  const [row] = await (await sessionUser()).execute({ sessionId });
  return row ?? null;
}

export async function deleteSession({ sessionId }: { sessionId: string }): Promise<void> {
  const db = await getDb();
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * A session as its owner's list shows it. `key` names it in forms: a hash of its id, so the page never carries the id
 * a session cookie holds.
 */
export type SessionListing = { key: string; userAgent: string | null; createdAt: Date; lastActiveAt: Date };

const sessionKey = sql<string>`encode(sha256(convert_to(${sessions.id}, 'UTF8')), 'hex')`;

/** The person's live (unexpired) sessions, most recently active first; at most `limit`, with `more` if there are others. */
export async function listLiveSessions({ userId, limit = 50 }: { userId: number; limit?: number }): Promise<{ sessions: SessionListing[]; more: boolean }> {
  const db = await getDb();
  const rows = await db
    .select({ key: sessionKey, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastActiveAt: sessions.lastActiveAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastActiveAt), desc(sessions.createdAt))
    .limit(limit + 1);
  return { sessions: rows.slice(0, limit), more: rows.length > limit };
}

/** Tells every instance that some of a person's sessions ended, so their open live streams are checked and cut. */
async function announceEnded(tx: Tx, userId: number): Promise<void> {
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ kind: 'ended', userId })})`);
}

/**
 * Ends one of a person's sessions, named by its key, other than `keepSessionId` (the one asking). False, and nothing
 * deleted, when no such session of theirs is live: another person's, the one asking, or one already ended.
 */
export async function endSession({ userId, key, keepSessionId }: { userId: number; key: string; keepSessionId: string }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId), eq(sessionKey, key)))
      .returning({ id: sessions.id });
    if (ended.length > 0) await announceEnded(tx, userId);
    return ended.length > 0;
  });
}

/**
 * Ends a person's sessions, all of them or all but `keepSessionId`, inside the caller's transaction (a password or
 * address change ends them with the write that calls for it), and tells the live streams of the ended ones to close.
 */
export async function endSessionsIn(tx: Tx, { userId, keepSessionId }: { userId: number; keepSessionId?: string }): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(keepSessionId === undefined ? eq(sessions.userId, userId) : and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .returning({ id: sessions.id });
  if (ended.length > 0) await announceEnded(tx, userId);
  return ended.length;
}

/** Ends every session of a person but `keepSessionId`; how many ended. */
export async function endOtherSessions({ userId, keepSessionId }: { userId: number; keepSessionId: string }): Promise<number> {
  const db = await getDb();
  return db.transaction((tx) => endSessionsIn(tx, { userId, keepSessionId }));
}

/** Which of these sessions are still live, for the live streams to let go of the others. */
export async function liveSessionsAmong({ sessionIds }: { sessionIds: string[] }): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(inArray(sessions.id, sessionIds), gt(sessions.expiresAt, sql`now()`)));
  return new Set(rows.map((r) => r.id));
}

/** The key listLiveSessions gives a session, for the page to mark the current one. */
export function sessionKeyOf(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}
