import { describe, expect, it } from 'vitest';
import { attemptLogIn } from '@/lib/log-in';
import { LIMITS, retryMessage, takeIpAttempt } from '@/lib/rate-limit';
import { makeUser } from '../support/factories';

describe('log-in rate limits', () => {
  it('allows 25 tries from one address in 5 minutes and refuses the 26th, even with the right password', async () => {
    const sam = await makeUser();
    for (let i = 0; i < LIMITS.logInPerIp.max; i++) {
      const r = await attemptLogIn({ identifier: `nobody${i}`, password: 'wrong password', ip: '192.0.2.1' });
      expect(r).toEqual({ ok: false, reason: 'invalid' });
    }
    const blocked = await attemptLogIn({ identifier: sam.username, password: sam.password, ip: '192.0.2.1' });
    expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
    if (blocked.ok || blocked.reason !== 'rate_limited') throw new Error('expected a limit');
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(300);
    // Another address is unaffected.
    expect((await attemptLogIn({ identifier: sam.username, password: sam.password, ip: '192.0.2.2' })).ok).toBe(true);
  });

  it('locks an account after 25 failures in an hour from any mix of addresses, whether named by email or username', async () => {
    const sam = await makeUser({ username: 'target', email: 'target@example.com' });
    for (let i = 0; i < LIMITS.logInFailuresPerAccount.max; i++) {
      const identifier = i % 2 ? 'TARGET' : 'target@example.com';
      expect(await attemptLogIn({ identifier, password: 'guess' + i, ip: `10.0.${i}.1` })).toEqual({ ok: false, reason: 'invalid' });
    }
    const blocked = await attemptLogIn({ identifier: 'target', password: sam.password, ip: '10.9.9.9' });
    expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
    // Another account is unaffected.
    const other = await makeUser();
    expect((await attemptLogIn({ identifier: other.username, password: other.password, ip: '10.9.9.9' })).ok).toBe(true);
  });

  it('counts sign-ups per address', async () => {
    for (let i = 0; i < LIMITS.signUpPerIp.max; i++) expect((await takeIpAttempt('signUp', '198.51.100.9')).limited).toBe(false);
    expect(await takeIpAttempt('signUp', '198.51.100.9')).toMatchObject({ limited: true });
    expect((await takeIpAttempt('signUp', '198.51.100.10')).limited).toBe(false);
  });

  it('counts concurrent tries exactly, so a burst cannot slip past the limit', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => takeIpAttempt('logIn', '192.0.2.99')));
    expect(results.filter((r) => r.limited)).toHaveLength(40 - LIMITS.logInPerIp.max);
  });

  it('words the wait in whole minutes', () => {
    expect(retryMessage(30)).toBe('Too many attempts, try again in 1 minute');
    expect(retryMessage(241)).toBe('Too many attempts, try again in 5 minutes');
  });
});
