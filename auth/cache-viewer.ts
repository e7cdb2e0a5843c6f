import 'server-only';
import { readSessionCookie, sessionActiveDue } from '@/auth/session-token';
import { findSessionUser } from '@/db/queries/sessions';
import { LAST_SEEN_WRITE_MS } from '@/lib/presence';
import type { CacheViewer } from '@/server/context';

/**
 * The server's page cache asks this before serving a person a page it kept: the same checks Auth.js and
 * verifySessionToken make (a token signed with our secret, unexpired, whose session row still exists). Anything
 * else, and a person whose last-seen time (or whose session's last-active time) is due to be written, is rendered by
 * the app, which does the rest.
 */
export async function identifyViewerForCache(cookieHeader: string): Promise<CacheViewer> {
  try {
    const token = await readSessionCookie(cookieHeader);
    if (!token || typeof token.sid !== 'string' || typeof token.uid !== 'number') return { kind: 'render' };
    const row = await findSessionUser({ sessionId: token.sid });
    if (!row || row.id !== token.uid) return { kind: 'render' };
    if (!row.lastSeenAt || Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_WRITE_MS || sessionActiveDue(row.sessionActiveAt)) return { kind: 'render' };
    return { kind: 'person', id: row.id, pageVersion: row.pageVersion };
  } catch {
    // An unreadable token or an unreachable database: the app's own render answers it (a log-in page or a 503).
    return { kind: 'render' };
  }
}
