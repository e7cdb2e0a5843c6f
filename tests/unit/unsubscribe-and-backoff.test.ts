import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '@/lib/email/worker';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '@/lib/unsubscribe-token';

const secret = 'a-secret-that-is-at-least-32-characters-long';

describe('unsubscribe tokens', () => {
  it('name the person and the email kind they were made for', () => {
    expect(verifyUnsubscribeToken(signUnsubscribeToken(42, 'mention', secret), secret)).toEqual({ userId: 42, kind: 'mention' });
  });

  it('are refused when the person, the kind, the signature or the secret differs', () => {
    const token = signUnsubscribeToken(42, 'mention', secret);
    const [, kind, mac] = token.split('.');
    expect(verifyUnsubscribeToken(`43.${kind}.${mac}`, secret)).toBeNull();
    expect(verifyUnsubscribeToken(`42.digest.${mac}`, secret)).toBeNull();
    expect(verifyUnsubscribeToken(`42.${kind}.${mac.slice(0, -2)}AA`, secret)).toBeNull();
    expect(verifyUnsubscribeToken(token, 'another-secret-that-is-also-long-enough')).toBeNull();
    expect(verifyUnsubscribeToken('', secret)).toBeNull();
    expect(verifyUnsubscribeToken('42.mention', secret)).toBeNull();
  });
});

describe('retry backoff', () => {
  it('doubles from 30 s with jitter in the upper half, and is capped at an hour', () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, () => 1)).toBe(30_000);
    expect(retryDelayMs(3, () => 1)).toBe(120_000);
    expect(retryDelayMs(30, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(30, () => 0)).toBe(1_800_000);
  });
});
