import { describe, expect, it } from 'vitest';
import { hashVerificationToken, isSignedVerificationToken, newVerificationSeed, signVerificationToken } from '@/lib/verification-token';

const secret = 'a-test-secret-that-is-long-enough-for-hmac';

describe('verification tokens', () => {
  it('are accepted only with the secret they were signed with, whole and unchanged', () => {
    const token = signVerificationToken(newVerificationSeed(), secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}$/);
    expect(isSignedVerificationToken(token, secret)).toBe(true);
    expect(isSignedVerificationToken(token, `${secret}!`)).toBe(false);
    expect(isSignedVerificationToken(token.slice(0, -1), secret)).toBe(false);
    const otherSeed = newVerificationSeed();
    expect(isSignedVerificationToken(`${otherSeed}.${token.split('.')[1]}`, secret)).toBe(false);
    expect(isSignedVerificationToken(`${token}x`, secret)).toBe(false);
  });

  it('are different every time, and stored only as a hash that does not contain them', () => {
    const a = signVerificationToken(newVerificationSeed(), secret);
    const b = signVerificationToken(newVerificationSeed(), secret);
    expect(a).not.toBe(b);
    expect(hashVerificationToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashVerificationToken(a)).not.toContain(a.split('.')[1]);
    expect(hashVerificationToken(a)).toBe(hashVerificationToken(a));
  });
});
