import 'server-only';
import { createSession } from '@/db/queries/sessions';
import { findUserForLogIn } from '@/db/queries/users';
import { verifyDummyPassword, verifyPassword } from './password';
import { checkAccountFailures, recordAccountFailure, takeIpAttempt } from './rate-limit';

export type LogInResult =
  | { ok: true; user: { id: number; username: string; name: string }; sessionId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Checks a log-in and opens a session. A wrong password and an unknown account take the same path and time;
 * failures count against the account (its id when it exists, so email and username share one budget).
 */
export async function attemptLogIn({ identifier, password, ip }: { identifier: string; password: string; ip: string }): Promise<LogInResult> {
  const byIp = await takeIpAttempt('logIn', ip);
  if (byIp.limited) return { ok: false, reason: 'rate_limited', retryAfterSeconds: byIp.retryAfterSeconds };

  const user = await findUserForLogIn({ identifier });
  const account = user ? `user:${user.id}` : `name:${identifier}`;
  const byAccount = await checkAccountFailures(account);
  if (byAccount.limited) return { ok: false, reason: 'rate_limited', retryAfterSeconds: byAccount.retryAfterSeconds };

  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyDummyPassword(password);
  if (!user || !valid) {
    await recordAccountFailure(account);
    return { ok: false, reason: 'invalid' };
  }
  const sessionId = await createSession({ userId: user.id });
  return { ok: true, user: { id: user.id, username: user.username, name: user.name }, sessionId };
}
