import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { createTokenSession } from '@/db/queries/sessions';
import { boundUserAgent } from '@/lib/device-name';
import type { Viewer } from './current-user';
import { checkSessionRow } from './session-token';

const PREFIX = 'chitter_';
// The prefix and 32 random bytes in base64url: a fixed shape, so anything else is refused before the database.
const TOKEN_SHAPE = /^chitter_[A-Za-z0-9_-]{43}$/;

/** The session id a token is stored under: only its SHA-256, so a copy of the table holds no usable token. */
export function tokenSessionId(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** How many live tokens one person may hold: enough for every device and script, not for a loop that logs in forever. */
export const TOKENS_AT_MOST = 100;

/**
 * Creates a named personal access token for a person; the token itself is returned once and never stored. Null when
 * they already hold TOKENS_AT_MOST.
 */
export async function issueApiToken({ userId, name, userAgent = null }: { userId: number; name: string; userAgent?: string | null }): Promise<string | null> {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const made = await createTokenSession({ userId, tokenHash: tokenSessionId(token), name, userAgent: boundUserAgent(userAgent), atMost: TOKENS_AT_MOST });
  return made ? token : null;
}

/**
 * Who an `Authorization` header names: a person whose token's session row is live, nobody (no header), or `invalid`
 * (a header that is not a live token of ours, which the API answers with a 401 rather than reading as anonymous).
 * Throws when the database is unavailable.
 */
export async function readBearer(authorization: string | null): Promise<Extract<Viewer, { kind: 'user' }> | { kind: 'anonymous' } | { kind: 'invalid' }> {
  if (authorization === null) return { kind: 'anonymous' };
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
  if (!match || !TOKEN_SHAPE.test(match[1])) return { kind: 'invalid' };
  const sessionId = tokenSessionId(match[1]);
  const user = await checkSessionRow(sessionId);
  return user ? { kind: 'user', user, sessionId } : { kind: 'invalid' };
}
