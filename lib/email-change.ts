import 'server-only';
import { findVerificationLinkState, type LinkState } from '@/db/queries/email-verifications';
import { startEmailChange, undoEmailChange, type UndoResult } from '@/db/queries/email-changes';
import { incrementRateLimit } from '@/db/queries/rate-limits';
import { findEmailStatus, findPasswordHash } from '@/db/queries/users';
import { verifyDummyPassword, verifyPassword } from '@/auth/password';
import { newAddressMail } from './email-verification';
import { addressKey, retryMessage } from './rate-limit';
import { hashVerificationToken, isSignedVerificationToken } from './verification-token';

const HOUR = 60 * 60_000;

// Every try counts, before the password is checked, so the form cannot be used to guess a password: ten an hour for
// an account is plenty for a person who mistypes; an address gets a few accounts' worth.
export const EMAIL_CHANGE_LIMITS = {
  triesPerAccount: { max: 10, windowMs: HOUR },
  triesPerAddress: { max: 30, windowMs: HOUR },
  undoPerAddress: { max: 30, windowMs: HOUR },
} as const;

async function overLimit(key: string, { max, windowMs }: { max: number; windowMs: number }): Promise<number | null> {
  const { hits, resetAt } = await incrementRateLimit({ key, windowMs });
  return hits > max ? Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)) : null;
}

export const SAME_ADDRESS = 'That is already your address';
export const WRONG_PASSWORD = 'That isn’t your current password';
export const ADDRESS_CAPPED = 'That address has had as many emails from us as we send in a day. Please try again tomorrow.';

export type ChangeResult =
  | { ok: true; outcome: 'pending' | 'replaced' }
  | { ok: false; status: number; fieldErrors?: Partial<Record<'email' | 'password', string>>; message?: string };

/** Checks the current password within the limits, then asks for the new address (see startEmailChange). */
export async function requestEmailChange({ userId, ip, email, password }: { userId: number; ip: string; email: string; password: string }): Promise<ChangeResult> {
  const current = await findEmailStatus({ userId });
  if (!current) return { ok: false, status: 401, message: 'Log in again to change your address.' };
  if (current.email.toLowerCase() === email.toLowerCase()) return { ok: false, status: 400, fieldErrors: { email: SAME_ADDRESS } };
  const wait =
    (await overLimit(`email-change:user:${userId}`, EMAIL_CHANGE_LIMITS.triesPerAccount)) ??
    (await overLimit(`email-change:ip:${addressKey(ip)}`, EMAIL_CHANGE_LIMITS.triesPerAddress));
  if (wait !== null) return { ok: false, status: 429, message: retryMessage(wait) };
  const hash = await findPasswordHash({ userId });
  const valid = hash ? await verifyPassword(hash, password) : await verifyDummyPassword(password);
  if (!valid) return { ok: false, status: 400, fieldErrors: { password: WRONG_PASSWORD } };
  const outcome = await startEmailChange({ userId, email, mail: newAddressMail() });
  if (outcome === 'same') return { ok: false, status: 400, fieldErrors: { email: SAME_ADDRESS } };
  if (outcome === 'address_capped') return { ok: false, status: 429, fieldErrors: { email: ADDRESS_CAPPED } };
  if (outcome === 'gone') return { ok: false, status: 401, message: 'Log in again to change your address.' };
  return { ok: true, outcome };
}

/** What an undo link's page should say before it is followed (a GET changes nothing). */
export async function checkUndoLink(token: string): Promise<{ state: LinkState; address: string }> {
  if (!isSignedVerificationToken(token)) return { state: 'invalid', address: '' };
  const { state, address } = await findVerificationLinkState({ tokenHash: hashVerificationToken(token), purposes: ['undo'] });
  return { state, address };
}

/** The undo page's button: the signed token is the authority; an address may only press so many a while. */
export async function undoAddressChange({ token, ip }: { token: string; ip: string }): Promise<UndoResult | { ok: false; reason: 'limited'; retryAfterSeconds: number }> {
  const wait = await overLimit(`email-undo:ip:${addressKey(ip)}`, EMAIL_CHANGE_LIMITS.undoPerAddress);
  if (wait !== null) return { ok: false, reason: 'limited', retryAfterSeconds: wait };
  if (!isSignedVerificationToken(token)) return { ok: false, reason: 'invalid' };
  return undoEmailChange({ tokenHash: hashVerificationToken(token) });
}
