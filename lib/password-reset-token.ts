import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from './env';
import { hashVerificationToken, newVerificationSeed } from './verification-token';

export const RESET_TTL_MINUTES = 30;

// Signed for its own purpose, so a verification token can never be replayed as a reset token or the other way round.
function mac(seed: string, secret: string): string {
  return createHmac('sha256', secret).update(`reset-password:${seed}`).digest('base64url');
}

/** A fresh random seed, stored with the reset row so the worker can write the link at send time. */
export const newResetSeed = newVerificationSeed;

/** The link's token for a seed: the seed and its signature, so a forged or cut token is refused before any lookup. */
export function signResetToken(seed: string, secret = env().AUTH_SECRET!): string {
  return `${seed}.${mac(seed, secret)}`;
}

/** True when the token was made with our secret for a reset; says nothing about whether it is used or expired. */
export function isSignedResetToken(token: string, secret = env().AUTH_SECRET!): boolean {
  const match = /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const given = Buffer.from(match[2], 'base64url');
  const expected = Buffer.from(mac(match[1], secret), 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What the database keeps of a token, to find its row. */
export const hashResetToken = hashVerificationToken;

/** The link a reset mail carries. */
export function resetUrl(appUrl: string, seed: string): string {
  return `${appUrl.replace(/\/+$/, '')}/reset/${signResetToken(seed)}`;
}
