import 'server-only';
import ipaddr from 'ipaddr.js';
import { incrementRateLimit, incrementRateLimits, refundRateLimit, type Counted, type LimitWindow } from '@/db/queries/rate-limits';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// Mastodon's anchor for addresses (25 tries per 5 minutes). An account is never locked: a guesser at one address
// is stopped after 10 failures, and past 100 tries an hour from everywhere each try only waits first.
export const LIMITS = {
  logInPerIp: { max: 25, windowMs: 5 * MINUTE },
  logInFailuresPerAccountAndAddress: { max: 10, windowMs: 15 * MINUTE },
  logInTriesPerAccount: { max: 100, windowMs: 60 * MINUTE },
  signUpPerIp: { max: 25, windowMs: 5 * MINUTE },
} as const;
export const SLOW_LOG_IN_MS = 2_000;

// Numbers in the spirit of Mastodon's: generous for a person, short for a script.
export const WRITE_LIMITS = {
  peep: [
    { max: 30, windowMs: 5 * MINUTE },
    { max: 300, windowMs: 180 * MINUTE },
  ],
  // Reposts and their undoing, follows and unfollows, deletions.
  interaction: [{ max: 100, windowMs: 5 * MINUTE }],
  settings: [{ max: 30, windowMs: 5 * MINUTE }],
  // Marking notifications read: once per view of the notifications page that shows something new.
  notificationsRead: [{ max: 120, windowMs: 5 * MINUTE }],
  // Each upload is decoded and re-encoded three times over: a person trying pictures needs a few, not hundreds.
  avatar: [{ max: 20, windowMs: 60 * MINUTE }],
} as const;
export type WriteKind = keyof typeof WRITE_LIMITS;

// Verification mail: one resend a minute and five a day per account, and five mails a day to one address whichever
// accounts ask, so sign-ups cannot be used to flood a stranger.
export const VERIFICATION_LIMITS = {
  resendCooldown: { max: 1, windowMs: MINUTE },
  resendsPerDay: { max: 5, windowMs: DAY },
  mailsPerAddressPerDay: { max: 5, windowMs: DAY },
} as const;

export type Limited = { limited: true; retryAfterSeconds: number } | { limited: false };

const verdict = (hits: number, max: number, resetAt: Date): Limited =>
  hits > max ? { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)) } : { limited: false };

/**
 * The key an address counts under: an IPv4 address as it is (also when written IPv4-mapped), an IPv6 address by its
 * /64, since one subscriber is usually given a whole /64 and could otherwise walk through it.
 */
export function addressKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip.slice(0, 64);
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}

/** Counts a try from `ip` and says whether it is over the limit. */
export async function takeIpAttempt(kind: 'logIn' | 'signUp', ip: string): Promise<Limited> {
  const { max, windowMs } = kind === 'logIn' ? LIMITS.logInPerIp : LIMITS.signUpPerIp;
  const { hits, resetAt } = await incrementRateLimit({ key: `${kind}:ip:${addressKey(ip)}`, windowMs });
  return verdict(hits, max, resetAt);
}

/** The windows a write of `kind` by a person is counted in, for a write that counts itself (createPeepWithinLimits). */
export function writeWindows(kind: WriteKind, userId: number): LimitWindow[] {
  return WRITE_LIMITS[kind].map(({ max, windowMs }) => ({ key: `write:${kind}:${windowMs}:user:${userId}`, windowMs, max }));
}

/** Limited if any window is over its limit, until the last of those resets. */
export function writeVerdict(kind: WriteKind, counted: Counted): Limited {
  const verdicts = counted.map(({ hits, resetAt }, i) => verdict(hits, WRITE_LIMITS[kind][i].max, resetAt));
  const over = verdicts.filter((v): v is Extract<Limited, { limited: true }> => v.limited);
  return over.length ? { limited: true, retryAfterSeconds: Math.max(...over.map((v) => v.retryAfterSeconds)) } : { limited: false };
}

/** Where a person stands against a limit, for the API's RateLimit-* headers: the window with the least left. */
export type LimitState = { limit: number; remaining: number; resetSeconds: number };

export function writeState(kind: WriteKind, counted: Counted): LimitState {
  const states = counted.map(({ hits, resetAt }, i) => ({
    limit: WRITE_LIMITS[kind][i].max,
    remaining: Math.max(0, WRITE_LIMITS[kind][i].max - hits),
    resetSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)),
  }));
  return states.reduce((a, b) => (b.remaining < a.remaining || (b.remaining === a.remaining && b.resetSeconds > a.resetSeconds) ? b : a));
}

/** takeWriteAttempt, with where the person stands afterwards. */
export async function takeWriteAttemptWithState(kind: WriteKind, userId: number): Promise<{ verdict: Limited; state: LimitState }> {
  const counted = await incrementRateLimits(writeWindows(kind, userId));
  return { verdict: writeVerdict(kind, counted), state: writeState(kind, counted) };
}

/** Counts one write of `kind` by a person against every window of its limit; limited if any window is over. */
export async function takeWriteAttempt(kind: WriteKind, userId: number): Promise<Limited> {
  return writeVerdict(kind, await incrementRateLimits(writeWindows(kind, userId)));
}

/** Counts one "send me the link again" by a person: first the one-a-minute cooldown, then the daily allowance. */
export async function takeResendAttempt(userId: number): Promise<{ limited: false } | { limited: 'cooldown' | 'daily'; retryAfterSeconds: number }> {
  const { resendCooldown, resendsPerDay } = VERIFICATION_LIMITS;
  const cooldown = await incrementRateLimit({ key: `verify:resend:minute:user:${userId}`, windowMs: resendCooldown.windowMs });
  const soon = verdict(cooldown.hits, resendCooldown.max, cooldown.resetAt);
  if (soon.limited) return { limited: 'cooldown', retryAfterSeconds: soon.retryAfterSeconds };
  const daily = await incrementRateLimit({ key: `verify:resend:day:user:${userId}`, windowMs: resendsPerDay.windowMs });
  const today = verdict(daily.hits, resendsPerDay.max, daily.resetAt);
  return today.limited ? { limited: 'daily', retryAfterSeconds: today.retryAfterSeconds } : { limited: false };
}

/**
 * Takes one log-in try against the account as it was named (an email and a handle are budgets of their own, so
 * using one up says nothing about the other), counted before the password is checked so parallel guesses cannot
 * slip past. `failuresHere` stops an address; `slowDown` only makes the try wait.
 */
export async function takeLogInTry(identifier: string, ip: string): Promise<{ failuresHere: Limited; slowDown: boolean; refund: () => Promise<void> }> {
  const named = identifier.trim().toLowerCase();
  const pair = LIMITS.logInFailuresPerAccountAndAddress;
  const all = LIMITS.logInTriesPerAccount;
  const pairKey = `logIn:fail:${named}:${addressKey(ip)}`;
  const [here, everywhere] = await Promise.all([
    incrementRateLimit({ key: pairKey, windowMs: pair.windowMs }),
    incrementRateLimit({ key: `logIn:tries:${named}`, windowMs: all.windowMs }),
  ]);
  return {
    failuresHere: verdict(here.hits, pair.max, here.resetAt),
    slowDown: everywhere.hits > all.max,
    // A try that succeeds was no failure.
    refund: () => refundRateLimit({ key: pairKey, windowMs: pair.windowMs }),
  };
}

/** "Try again in 3 minutes." */
export function waitMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

export function retryMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts, try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

// Forgot-password mail: a few links an hour to one account, however many addresses ask, and a bound per address on
// asking (and on following links) so no one can walk through names. Guesses at a current password are bounded per
// account, counted before the check so parallel guesses cannot slip past.
export const PASSWORD_LIMITS = {
  forgotPerIp: { max: 10, windowMs: 15 * MINUTE },
  resetMailsPerAccount: { max: 3, windowMs: 60 * MINUTE },
  resetPerIp: { max: 20, windowMs: 15 * MINUTE },
  changeTriesPerAccount: { max: 5, windowMs: 15 * MINUTE },
} as const;

/** Counts one "send me a reset link" or one reset-form post from `ip`. */
export async function takePasswordIpAttempt(kind: 'forgot' | 'reset', ip: string): Promise<Limited> {
  const { max, windowMs } = kind === 'forgot' ? PASSWORD_LIMITS.forgotPerIp : PASSWORD_LIMITS.resetPerIp;
  const { hits, resetAt } = await incrementRateLimit({ key: `password:${kind}:ip:${addressKey(ip)}`, windowMs });
  return verdict(hits, max, resetAt);
}

/** Counts one try at changing a person's password, right or wrong. */
export async function takePasswordChangeTry(userId: number): Promise<Limited> {
  const { max, windowMs } = PASSWORD_LIMITS.changeTriesPerAccount;
  const { hits, resetAt } = await incrementRateLimit({ key: `password:change:user:${userId}`, windowMs });
  return verdict(hits, max, resetAt);
}
