import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { getDb, preparedStatement, type Tx } from '../index';
import { sessions, users } from '../schema';
import { LIVE_CHANNEL } from './live';
import { PAGE_VERSION } from './page-version';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const TOKEN_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

// A token's last-active time until its first request: before it was made, so that first request is due to be written
// (they are written at most every few minutes) and the tokens list can say "not used yet" rather than "used just now".
const NEVER_USED = new Date(0);

/** Opens a session; `userAgent` must already be bounded (boundUserAgent), as the table's check requires. */
export async function createSession({ userId, userAgent = null }: { userId: number; userAgent?: string | null }): Promise<string> {
  const db = await getDb();
  const id = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ id, userId, userAgent, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) });
  return id;
}

/**
 * Opens an API token's session: `tokenHash` (tokenSessionId of the token) is its id, so the same row check as a
 * browser's session stands behind every request, and ending sessions revokes tokens too. False, and nothing written,
 * when the person already holds `atMost` live tokens.
 */
export async function createTokenSession({ userId, tokenHash, name, userAgent = null, atMost }: { userId: number; tokenHash: string; name: string; userAgent?: string | null; atMost: number }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Counted under the person's row lock: log-ins at the same moment cannot each see room for one more.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const [held] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.kind, 'token'), gt(sessions.expiresAt, sql`now()`)));
    if (Number(held.n) >= atMost) return false;
    await tx.insert(sessions).values({ id: tokenHash, userId, userAgent, kind: 'token', name, lastActiveAt: NEVER_USED, expiresAt: new Date(Date.now() + TOKEN_MAX_AGE_SECONDS * 1000) });
    return true;
  });
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
    .where(and(eq(sessions.userId, userId), eq(sessions.kind, 'browser'), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastActiveAt), desc(sessions.createdAt))
    .limit(limit + 1);
  return { sessions: rows.slice(0, limit), more: rows.length > limit };
}

/** A token as its owner's list shows it; `lastUsedAt` is null until its first request, and is right to a few minutes. */
export type TokenListing = { key: string; name: string; userAgent: string | null; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date };

/** The person's live API tokens, newest first; at most `limit`, with `more` if there are others. */
export async function listTokens({ userId, limit = 100 }: { userId: number; limit?: number }): Promise<{ tokens: TokenListing[]; more: boolean }> {
  const db = await getDb();
  const rows = await db
    .select({
      key: sessionKey,
      name: sql<string>`${sessions.name}`,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastUsedAt: sql<Date | null>`case when ${sessions.lastActiveAt} >= ${sessions.createdAt} then ${sessions.lastActiveAt} end`.mapWith(sessions.lastActiveAt),
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.kind, 'token'), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.createdAt))
    .limit(limit + 1);
  return { tokens: rows.slice(0, limit), more: rows.length > limit };
}

/** Revokes one of a person's tokens by its key; false when no such token of theirs is live. Its open streams close. */
export async function revokeToken({ userId, key }: { userId: number; key: string }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.kind, 'token'), eq(sessionKey, key)))
      .returning({ id: sessions.id });
    if (ended.length > 0) await announceEnded(tx, userId);
    return ended.length > 0;
  });
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
      .where(and(eq(sessions.userId, userId), eq(sessions.kind, 'browser'), ne(sessions.id, keepSessionId), eq(sessionKey, key)))
      .returning({ id: sessions.id });
    if (ended.length > 0) await announceEnded(tx, userId);
    return ended.length > 0;
  });
}

/**
 * Ends a person's sessions, all of them or all but `keepSessionId`, inside the caller's transaction (a password or
 * address change ends them with the write that calls for it), and tells the live streams of the ended ones to close.
 * API tokens end too, unless `browsersOnly` (the sessions page's "log out everywhere else").
 */
export async function endSessionsIn(tx: Tx, { userId, keepSessionId, browsersOnly = false }: { userId: number; keepSessionId?: string; browsersOnly?: boolean }): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        keepSessionId === undefined ? undefined : ne(sessions.id, keepSessionId),
        browsersOnly ? eq(sessions.kind, 'browser') : undefined,
      ),
    )
    .returning({ id: sessions.id });
  if (ended.length > 0) await announceEnded(tx, userId);
  return ended.length;
}

/** Ends every browser session of a person but `keepSessionId` (API tokens stay); how many ended. */
export async function endOtherSessions({ userId, keepSessionId }: { userId: number; keepSessionId: string }): Promise<number> {
  const db = await getDb();
  return db.transaction((tx) => endSessionsIn(tx, { userId, keepSessionId, browsersOnly: true }));
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
