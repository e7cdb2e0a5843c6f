import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { readSessionCookie, verifySessionToken } from '@/auth/session-token';
import { DatabaseUnavailableError } from '@/db/errors';
import { noteSessionSeen } from '@/server/context';

export type CurrentUser = { id: number; username: string; name: string };

/**
 * Who is asking: a person whose session row was checked, nobody, or unknown: a session cookie whose row could not be
 * checked because the database is unavailable. Unknown is neither logged in nor out; it gets a 503, never a log-in
 * page, and the cookie stays as it is.
 */
export type Viewer = { kind: 'user'; user: CurrentUser; sessionId: string } | { kind: 'anonymous' } | { kind: 'unknown' };

/**
 * The viewer of this request, checked against the sessions table once per render. It reads the cookie Auth.js
 * issued and runs the same check as Auth.js's jwt callback, without Auth.js's request round trip: that re-sealed
 * and re-sent a token a page cannot set, and was a sixth of a post's CPU. The session row's expiry, fixed at log-in,
 * is what ends a session, so nothing is lost by not rolling the cookie.
 */
export const getViewer = cache(async (): Promise<Viewer> => readViewer((await headers()).get('cookie') ?? ''));

/** The viewer a request's Cookie header names, checked as getViewer checks it; for requests Next.js does not serve. */
export async function readViewer(cookieHeader: string): Promise<Viewer> {
  const token = await readSessionCookie(cookieHeader);
  if (!token) return { kind: 'anonymous' };
  noteSessionSeen();
  const checked = await verifySessionToken(token);
  if (checked?.unverified) return { kind: 'unknown' };
  if (!checked || typeof checked.sid !== 'string' || typeof checked.uid !== 'number' || typeof checked.username !== 'string' || typeof checked.name !== 'string') {
    return { kind: 'anonymous' };
  }
  return { kind: 'user', user: { id: checked.uid, username: checked.username, name: checked.name }, sessionId: checked.sid };
}

/**
 * The logged-in person, or null for nobody. Throws a DatabaseUnavailableError when the session cannot be checked,
 * so a caller inside readOrUnavailable (or any `isDatabaseUnavailable` check) answers 503 instead of treating the
 * person as logged out.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') throw new DatabaseUnavailableError('the session could not be checked');
  return viewer.kind === 'user' ? viewer.user : null;
}
