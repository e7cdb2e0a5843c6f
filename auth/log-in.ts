import 'server-only';
import { createSession } from '@/db/queries/sessions';
import { findUserForLogIn } from '@/db/queries/users';
import { logInIdentifier } from './log-in-identifier';
import { verifyDummyPassword, verifyPassword } from './password';
import { SLOW_LOG_IN_MS, takeIpAttempt, takeLogInTry } from '@/lib/rate-limit';
import { boundUserAgent } from '@/lib/device-name';

/** What a refused log-in says, the same for a wrong password and an unknown account, on the web and the API. */
export const LOG_IN_MISMATCH = 'That email or username and password do not match an account';

export type LogInResult =
  | { ok: true; user: { id: number; username: string; name: string }; sessionId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export type CheckedLogIn = { ok: true; user: { id: number; username: string; name: string } } | Extract<LogInResult, { ok: false }>;

/**
 * Checks a log-in. A wrong password and an unknown account take the same path and time. Every try is counted before
 * the password is checked: per address, per account and address, and per account. "@bob" names the same account as
 * "bob", and counts against the same limits. The web opens a browser session on success, the API a token.
 */
export async function checkLogIn({ identifier: typed, password, ip }: { identifier: string; password: string; ip: string }): Promise<CheckedLogIn> {
  const identifier = logInIdentifier(typed);
  const byIp = await takeIpAttempt('logIn', ip);
  if (byIp.limited) return { ok: false, reason: 'rate_limited', retryAfterSeconds: byIp.retryAfterSeconds };

  const tried = await takeLogInTry(identifier, ip);
  if (tried.failuresHere.limited) return { ok: false, reason: 'rate_limited', retryAfterSeconds: tried.failuresHere.retryAfterSeconds };
  // Someone is guessing at this account from many addresses: every try waits, but the owner is never locked out.
  if (tried.slowDown) await new Promise((resolve) => setTimeout(resolve, SLOW_LOG_IN_MS));

  const user = await findUserForLogIn({ identifier });
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyDummyPassword(password);
  if (!user || !valid) return { ok: false, reason: 'invalid' };
  await tried.refund();
  return { ok: true, user: { id: user.id, username: user.username, name: user.name } };
}

/** checkLogIn, then a browser session for the person. */
export async function attemptLogIn({
  userAgent = null,
  ...credentials
}: {
  identifier: string;
  password: string;
  ip: string;
  /** The browser's User-Agent header, as sent: the session keeps a bounded copy to name the device. */
  userAgent?: string | null;
}): Promise<LogInResult> {
  const checked = await checkLogIn(credentials);
  if (!checked.ok) return checked;
  const sessionId = await createSession({ userId: checked.user.id, userAgent: boundUserAgent(userAgent) });
  return { ...checked, sessionId };
}
