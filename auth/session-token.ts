import 'server-only';
import { decode, encode, getToken, type JWT, type JWTDecodeParams, type JWTEncodeParams } from 'next-auth/jwt';
import { isDatabaseUnavailable } from '@/db/errors';
import { touchLastSeen } from '@/db/queries/people';
import { LAST_SEEN_WRITE_MS, ONLINE_WINDOW_MS, SESSION_ACTIVE_WRITE_MS } from '@/lib/presence';
import { findSessionUser } from '@/db/queries/sessions';
import { pagesChanged } from '@/lib/page-version';
import { env } from '@/lib/env';
import { noteViewer, setResponseStatus } from '@/server/context';

/** Auth.js names (and salts) its cookie after the public address's scheme; its config and the page cache agree. */
export function usesSecureCookies(): boolean {
  return new URL(env().APP_URL).protocol === 'https:';
}

/**
 * The session token in a request's cookies (joined if Auth.js split it), decoded, or null when there is none or it is
 * not one of ours. Only the cookie counts: given no Authorization header, Auth.js's reader reads no bearer token.
 */
export async function readSessionCookie(cookieHeader: string): Promise<JWT | null> {
  if (!cookieHeader) return null;
  return getToken({ req: { headers: { cookie: cookieHeader } }, secret: env().AUTH_SECRET, secureCookie: usesSecureCookies(), decode: decodeSessionToken });
}

/**
 * Credentials sessions are JWTs; each carries a session id that must still be a row in `sessions`, so a
 * logged-out (deleted) session is dead even when its old cookie is replayed. Null ends the session.
 */
export async function verifySessionToken(token: JWT): Promise<JWT | null> {
  if (typeof token.sid !== 'string') return null;
  try {
    const current = await checkSessionRow(token.sid);
    if (!current) return null;
    return { ...token, uid: current.id, username: current.username, name: current.name, unverified: undefined };
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    // Keep the cookie through a database outage, but trust nobody until the row can be checked again: the session
    // reads as unverified, which getViewer() reports as unknown (a 503), never as logged out.
    setResponseStatus(503);
    return { ...token, unverified: true };
  }
}

/**
 * The person behind a live session row (a browser's or an API token's), or null. A request counts as activity: it
 * marks the person online and the session active, each written at most every few minutes. Throws when the database
 * is unavailable.
 */
export async function checkSessionRow(sessionId: string): Promise<{ id: number; username: string; name: string } | null> {
  const current = await findSessionUser({ sessionId });
  if (!current) return null;
  noteViewer(current.id);
  // Coming online changes the "Who's online" panel, so cached pages are refreshed.
  const idleMs = current.lastSeenAt ? Date.now() - current.lastSeenAt.getTime() : Infinity;
  if (idleMs > LAST_SEEN_WRITE_MS || sessionActiveDue(current.sessionActiveAt)) await touchLastSeen({ userId: current.id, sessionId });
  if (idleMs > ONLINE_WINDOW_MS) await pagesChanged('presence');
  return { id: current.id, username: current.username, name: current.name };
}

/** Whether a session's last-active time is stale enough to write again (the page cache asks too, and lets the app write it). */
export function sessionActiveDue(lastActiveAt: Date): boolean {
  return Date.now() - lastActiveAt.getTime() > SESSION_ACTIVE_WRITE_MS;
}

// Tokens remembered either way, per process; past this many the oldest are forgotten.
const TOKENS_KEPT = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= TOKENS_KEPT) map.delete(map.keys().next().value!);
  map.set(key, value);
}

const decoded = new Map<string, JWT>();

/**
 * Auth.js's own decoding, remembered per token: a token's contents never change, but decrypting it (a key
 * derivation, AES and an HMAC) was a fifth of the CPU a post took. The expiry is checked on every use, and the
 * session row behind the token still is, by verifySessionToken.
 */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  if (!params.token) return null;
  const key = `${params.salt}\u0000${params.token}`;
  let token = decoded.get(key);
  if (!token) {
    const fresh = await decode(params);
    if (!fresh) return null;
    token = fresh;
    remember(decoded, key, token);
  }
  if (typeof token.exp !== 'number' || token.exp * 1000 <= Date.now()) {
    decoded.delete(key);
    return null;
  }
  // A copy: Auth.js's callbacks may change what they are given.
  return { ...token };
}

const encoded = new Map<string, { jwt: string; at: number }>();
const REISSUE_MS = 60_000;
const SEALING_CLAIMS = new Set(['iat', 'exp', 'jti']);

/**
 * Auth.js seals a fresh token on every request that reads the session (a key derivation, a thumbprint, AES and an
 * HMAC: a sixteenth of a post's CPU), though a page can never set it. For the same contents, salt and lifetime, the
 * token sealed within the last minute is given again: its expiry is at most a minute short of the full lifetime.
 */
export async function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  // What the token says, without the times and id each sealing stamps on it afresh.
  const contents = Object.entries(params.token ?? {}).filter(([name]) => !SEALING_CLAIMS.has(name));
  const key = JSON.stringify([params.salt, params.maxAge ?? null, contents]);
  const kept = encoded.get(key);
  if (kept && Date.now() - kept.at < REISSUE_MS) return kept.jwt;
  const jwt = await encode(params);
  remember(encoded, key, { jwt, at: Date.now() });
  return jwt;
}
