import 'server-only';
import { cache } from 'react';
import { auth } from '@/auth';
import { DatabaseUnavailableError } from '@/db/errors';

export type CurrentUser = { id: number; username: string; name: string };

/**
 * Who is asking: a person whose session row was checked, nobody, or unknown: a session cookie whose row could not be
 * checked because the database is unavailable. Unknown is neither logged in nor out; it gets a 503, never a log-in
 * page, and the cookie stays as it is.
 */
export type Viewer = { kind: 'user'; user: CurrentUser } | { kind: 'anonymous' } | { kind: 'unknown' };

/** The viewer of this request, checked against the sessions table once per render. */
export const getViewer = cache(async (): Promise<Viewer> => {
  const session = await auth();
  if (session?.unverified) return { kind: 'unknown' };
  const user = session?.user as Partial<CurrentUser> | undefined;
  if (!user || typeof user.id !== 'number' || !user.username || !user.name) return { kind: 'anonymous' };
  return { kind: 'user', user: { id: user.id, username: user.username, name: user.name } };
});

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
