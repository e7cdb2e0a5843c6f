import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from './env';

export const VERIFICATION_TTL_HOURS = 24;
// The replaced address can take itself back for a week after a change.
export const UNDO_TTL_HOURS = 7 * 24;

function mac(seed: string, secret: string): string {
  return createHmac('sha256', secret).update(`verify-email:${seed}`).digest('base64url');
}

/** A fresh random seed: stored with the verification row so the worker can write the link at send time. */
export function newVerificationSeed(): string {
  return randomBytes(18).toString('base64url');
}

/** The link's token for a seed: the seed and its signature, so a forged or cut token is refused before any lookup. */
export function signVerificationToken(seed: string, secret = env().AUTH_SECRET!): string {
  return `${seed}.${mac(seed, secret)}`;
}

/** True when the token was made with our secret; says nothing about whether it is used or expired. */
export function isSignedVerificationToken(token: string, secret = env().AUTH_SECRET!): boolean {
  const match = /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const given = Buffer.from(match[2], 'base64url');
  const expected = Buffer.from(mac(match[1], secret), 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What the database keeps of a token, to find its row; the stored seed rebuilds the link only with AUTH_SECRET. */
export function hashVerificationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
