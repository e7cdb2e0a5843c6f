import 'server-only';
import { incrementRateLimit, readRateLimit } from '@/db/queries/rate-limits';

const MINUTE = 60_000;

// Mastodon's anchors: 25 tries per 5 minutes from one address, 25 failures per hour against one account.
export const LIMITS = {
  logInPerIp: { max: 25, windowMs: 5 * MINUTE },
  logInFailuresPerAccount: { max: 25, windowMs: 60 * MINUTE },
  signUpPerIp: { max: 25, windowMs: 5 * MINUTE },
} as const;

export type Limited = { limited: true; retryAfterSeconds: number } | { limited: false };

const verdict = (hits: number, max: number, resetAt: Date): Limited =>
  hits > max ? { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)) } : { limited: false };

/** Counts a try from `ip` and says whether it is over the limit. */
export async function takeIpAttempt(kind: 'logIn' | 'signUp', ip: string): Promise<Limited> {
  const { max, windowMs } = kind === 'logIn' ? LIMITS.logInPerIp : LIMITS.signUpPerIp;
  const { hits, resetAt } = await incrementRateLimit({ key: `${kind}:ip:${ip}`, windowMs });
  return verdict(hits, max, resetAt);
}

const accountKey = (account: string) => `logIn:fail:${account.toLowerCase()}`;

export async function checkAccountFailures(account: string): Promise<Limited> {
  const { max, windowMs } = LIMITS.logInFailuresPerAccount;
  const { hits, resetAt } = await readRateLimit({ key: accountKey(account), windowMs });
  return verdict(hits + 1, max, resetAt);
}

export async function recordAccountFailure(account: string): Promise<void> {
  await incrementRateLimit({ key: accountKey(account), windowMs: LIMITS.logInFailuresPerAccount.windowMs });
}

export function retryMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts, try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
