import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from './env';

export const EMAIL_KINDS = ['mention', 'reply'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

function mac(userId: number, kind: EmailKind, secret: string): Buffer {
  return createHmac('sha256', secret).update(`unsubscribe:${kind}:${userId}`).digest();
}

/** A token that turns one kind of email off for one person, without logging in. */
export function signUnsubscribeToken(userId: number, kind: EmailKind, secret = env().AUTH_SECRET!): string {
  return `${userId}.${kind}.${mac(userId, kind, secret).toString('base64url')}`;
}

/** The person and email kind a token names, or null if it was not made with our secret. */
export function verifyUnsubscribeToken(token: string, secret = env().AUTH_SECRET!): { userId: number; kind: EmailKind } | null {
  const match = /^(\d{1,15})\.([a-z]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const kind = match[2] as EmailKind;
  if (!EMAIL_KINDS.includes(kind) || !Number.isSafeInteger(userId)) return null;
  const given = Buffer.from(match[3], 'base64url');
  const expected = mac(userId, kind, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, kind } : null;
}
