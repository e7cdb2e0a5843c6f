import 'server-only';
import { findPasswordHash } from '@/db/queries/accounts';
import { incrementRateLimit, refundRateLimit } from '@/db/queries/rate-limits';
import { verifyPassword } from './password';

const MINUTE = 60_000;
// As at log-in for one account from one address: a stolen session cannot be used to guess the password it lacks.
export const CONFIRM_FAILURES = { max: 10, windowMs: 15 * MINUTE } as const;

export type Confirmed = { ok: true } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'limited'; retryAfterSeconds: number };

/**
 * Checks the password of a person who is logged in, before a change that needs it (a new handle, deleting the
 * account). Each try is counted before the check, so parallel guesses cannot slip past; a right one is refunded.
 */
export async function confirmPassword({ userId, password }: { userId: number; password: string }): Promise<Confirmed> {
  const window = { key: `confirm:fail:user:${userId}`, windowMs: CONFIRM_FAILURES.windowMs };
  const { hits, resetAt } = await incrementRateLimit(window);
  if (hits > CONFIRM_FAILURES.max) return { ok: false, reason: 'limited', retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)) };
  const passwordHash = await findPasswordHash({ userId });
  if (!passwordHash || !(await verifyPassword(passwordHash, password))) return { ok: false, reason: 'wrong' };
  await refundRateLimit(window);
  return { ok: true };
}
