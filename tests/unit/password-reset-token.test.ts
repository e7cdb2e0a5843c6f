import { describe, expect, it } from 'vitest';
import { hashResetToken, isSignedResetToken, newResetSeed, resetUrl, signResetToken } from '@/lib/password-reset-token';
import { isSignedVerificationToken, signVerificationToken } from '@/lib/verification-token';

const secret = 'a-test-secret-that-is-long-enough-for-hmac';

describe('password reset tokens', () => {
  it('are accepted only with the secret they were signed with, whole and unchanged', () => {
    const token = signResetToken(newResetSeed(), secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}$/);
    expect(isSignedResetToken(token, secret)).toBe(true);
    expect(isSignedResetToken(token, `${secret}!`)).toBe(false);
    expect(isSignedResetToken(token.slice(0, -1), secret)).toBe(false);
    expect(isSignedResetToken(`${newResetSeed()}.${token.split('.')[1]}`, secret)).toBe(false);
    expect(isSignedResetToken(`${token}x`, secret)).toBe(false);
  });

  it('cannot stand in for a verification token, nor one of those for a reset token', () => {
    const seed = newResetSeed();
    expect(isSignedVerificationToken(signResetToken(seed, secret), secret)).toBe(false);
    expect(isSignedResetToken(signVerificationToken(seed, secret), secret)).toBe(false);
  });

  it('are different every time, stored only as a hash, and written into the link the mail carries', () => {
    const seed = newResetSeed();
    const token = signResetToken(seed, secret);
    expect(signResetToken(newResetSeed(), secret)).not.toBe(token);
    expect(hashResetToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashResetToken(token)).not.toContain(token.split('.')[1]);
    process.env.AUTH_SECRET ??= secret;
    expect(resetUrl('https://chitter.test/', seed)).toBe(`https://chitter.test/reset/${signResetToken(seed)}`);
  });
});
