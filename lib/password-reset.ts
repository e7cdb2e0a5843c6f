import 'server-only';
import { hashPassword, verifyPassword } from '@/auth/password';
import { logInIdentifier } from '@/auth/log-in-identifier';
import { changePassword, findResetLinkState, findResetTarget, queuePasswordReset, resetPasswordWithToken, type ResetLinkState } from '@/db/queries/passwords';
import { findUserForLogIn } from '@/db/queries/users';
import { hashResetToken, isSignedResetToken, newResetSeed, RESET_TTL_MINUTES, signResetToken } from './password-reset-token';
import { PASSWORD_LIMITS, takePasswordChangeTry, takePasswordIpAttempt } from './rate-limit';

export type ForgotResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * "Forgot your password?": mails a reset link to the account's proven address, if there is such an account and it
 * is within its allowance. The answer is the same whichever is the case, and so is the work (see
 * queuePasswordReset); only the limit per asking address, which says nothing about any account, answers otherwise.
 */
export async function requestPasswordReset({ identifier, ip }: { identifier: string; ip: string }): Promise<ForgotResult> {
  const byIp = await takePasswordIpAttempt('forgot', ip);
  if (byIp.limited) return { ok: false, retryAfterSeconds: byIp.retryAfterSeconds };
  const named = logInIdentifier(identifier);
  const seed = newResetSeed();
  await queuePasswordReset({
    target: await findResetTarget({ identifier: named }),
    identifier: named,
    mail: { seed, tokenHash: hashResetToken(signResetToken(seed)), ttlMinutes: RESET_TTL_MINUTES, perAccount: PASSWORD_LIMITS.resetMailsPerAccount },
  });
  return { ok: true };
}

/** What a link's page should say before it is followed; a forged or mangled token never reaches the database. */
export async function checkResetLink(token: string): Promise<ResetLinkState> {
  if (!isSignedResetToken(token)) return 'invalid';
  return findResetLinkState({ tokenHash: hashResetToken(token) });
}

/** Follows a link with a new password; a link that is bad, used or expired costs no hashing. */
export async function resetPassword({ token, password }: { token: string; password: string }) {
  const state = await checkResetLink(token);
  if (state !== 'ready') return { ok: false as const, reason: state };
  return resetPasswordWithToken({ tokenHash: hashResetToken(token), passwordHash: await hashPassword(password) });
}

export type ChangeResult = { ok: true } | { ok: false; reason: 'limited'; retryAfterSeconds: number } | { ok: false; reason: 'wrong_current' | 'session_ended' };

/**
 * Changes a logged-in person's password once they have given the current one. Every try counts against a small
 * allowance before the check, so the form cannot be used to guess. The person is looked up by their handle as log-in
 * would, and must still be the one whose session asked.
 */
export async function changeOwnPassword({ userId, username, sessionId, currentPassword, newPassword }: { userId: number; username: string; sessionId: string; currentPassword: string; newPassword: string }): Promise<ChangeResult> {
  const limit = await takePasswordChangeTry(userId);
  if (limit.limited) return { ok: false, reason: 'limited', retryAfterSeconds: limit.retryAfterSeconds };
  const account = await findUserForLogIn({ identifier: username });
  if (!account || account.id !== userId) return { ok: false, reason: 'session_ended' };
  if (!(await verifyPassword(account.passwordHash, currentPassword))) return { ok: false, reason: 'wrong_current' };
  const outcome = await changePassword({ userId, sessionId, checkedHash: account.passwordHash, passwordHash: await hashPassword(newPassword) });
  if (outcome === 'changed') return { ok: true };
  // Changed by a reset or another tab since the check: the password given is no longer the current one.
  return { ok: false, reason: outcome === 'session_ended' ? 'session_ended' : 'wrong_current' };
}
