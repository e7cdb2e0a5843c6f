import 'server-only';
import { confirmVerification, findVerificationLinkState, requestAddressMail, type AddressMail, type LinkState } from '@/db/queries/email-verifications';
import type { EmailLinkPurpose } from '@/db/schema';
import { takeResendAttempt, VERIFICATION_LIMITS } from './rate-limit';
import { hashVerificationToken, isSignedVerificationToken, newVerificationSeed, signVerificationToken, UNDO_TTL_HOURS, VERIFICATION_TTL_HOURS } from './verification-token';

/** A new link's makings for the outbox: the worker signs the seed again to write the link. */
export function newAddressMail(): AddressMail {
  const seed = newVerificationSeed();
  return {
    seed,
    tokenHash: hashVerificationToken(signVerificationToken(seed)),
    ttlHours: VERIFICATION_TTL_HOURS,
    perAddress: VERIFICATION_LIMITS.mailsPerAddressPerDay,
  };
}

export type ResendResult = { ok: true; message: string } | { ok: false; status: 429; message: string };

/** "Send me the link again", within the cooldown, the daily allowance and the per-address cap. */
export async function resendVerification({ userId }: { userId: number }): Promise<ResendResult> {
  const limit = await takeResendAttempt(userId);
  if (limit.limited === 'cooldown') {
    return { ok: false, status: 429, message: `We just sent you a link. You can ask for another in ${limit.retryAfterSeconds} second${limit.retryAfterSeconds === 1 ? '' : 's'}.` };
  }
  if (limit.limited === 'daily') {
    return { ok: false, status: 429, message: `You have asked for ${VERIFICATION_LIMITS.resendsPerDay.max} links today, the most we send in a day. Please use one of those, or try again tomorrow.` };
  }
  const queued = await requestAddressMail({ userId, mail: newAddressMail() });
  if (queued === 'already_verified') return { ok: true, message: 'Your address is already confirmed.' };
  if (queued === 'address_capped') {
    return { ok: false, status: 429, message: 'Your address has had as many emails from us as we send in a day. Please use a link we already sent, or try again tomorrow.' };
  }
  // A notice rather than a link when another account owns the address; the person asking is told the same.
  return { ok: true, message: 'Sent. Check your inbox for a new link; it works for 24 hours.' };
}

/**
 * What the link's page should say before it is followed, and whether the link proves the account's address or a new
 * one it asked to change to; a forged or mangled token never reaches the database.
 */
export async function readVerificationLink(token: string): Promise<{ state: LinkState; purpose: EmailLinkPurpose; address: string }> {
  if (!isSignedVerificationToken(token)) return { state: 'invalid', purpose: 'verify', address: '' };
  return findVerificationLinkState({ tokenHash: hashVerificationToken(token) });
}

export async function checkVerificationLink(token: string): Promise<LinkState> {
  return (await readVerificationLink(token)).state;
}

/**
 * Follows a link: the address is proven, unless the link is used, expired, bad, or another account got there first.
 * A change link's undo link is made here, in case it is one.
 */
export async function confirmEmailAddress(token: string) {
  if (!isSignedVerificationToken(token)) return { ok: false as const, reason: 'invalid' as const };
  const seed = newVerificationSeed();
  const undo = { seed, tokenHash: hashVerificationToken(signVerificationToken(seed)), ttlHours: UNDO_TTL_HOURS };
  return confirmVerification({ tokenHash: hashVerificationToken(token), undo });
}

/** The link a verification mail carries. */
export function verificationUrl(appUrl: string, seed: string): string {
  return `${appUrl.replace(/\/+$/, '')}/verify/${signVerificationToken(seed)}`;
}

/** The link the replaced address is mailed after a change, to put it back. */
export function undoUrl(appUrl: string, seed: string): string {
  return `${appUrl.replace(/\/+$/, '')}/undo-email/${signVerificationToken(seed)}`;
}
