import { beforeEach, describe, expect, it } from 'vitest';
import { attemptLogIn } from '@/auth/log-in';
import { getDb } from '@/db';
import { rateLimits } from '@/db/schema';
import { LIMITS, retryMessage, SLOW_LOG_IN_MS, takeIpAttempt } from '@/lib/rate-limit';
import { makeUser } from '../support/factories';
import { clearOfLimitEdge } from '../support/rate-windows';

describe('log-in rate limits', () => {
  beforeEach(() => clearOfLimitEdge(8_000));

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

  it('stops one address after 10 failures against an account, while its owner logs in from another address', async () => {
    const sam = await makeUser({ username: 'target', email: 'target@example.com' });
    const max = LIMITS.logInFailuresPerAccountAndAddress.max;
    for (let i = 0; i < max; i++) {
      expect(await attemptLogIn({ identifier: 'target', password: 'guess' + i, ip: '10.0.0.1' })).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await attemptLogIn({ identifier: 'target', password: sam.password, ip: '10.0.0.1' })).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect((await attemptLogIn({ identifier: 'target', password: sam.password, ip: '10.0.0.2' })).ok).toBe(true);
  });

  it('cannot be used to lock an owner out: 25 failures from 25 addresses leave the right password working', async () => {
    const sam = await makeUser({ username: 'target' });
    for (let i = 0; i < 25; i++) expect(await attemptLogIn({ identifier: 'target', password: 'guess', ip: `10.0.${i}.1` })).toEqual({ ok: false, reason: 'invalid' });
    expect((await attemptLogIn({ identifier: 'target', password: sam.password, ip: '10.9.9.9' })).ok).toBe(true);
  });

  it('counts parallel guesses before checking any password, so a burst gets exactly the budget', async () => {
    await makeUser({ username: 'target' });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attemptLogIn({ identifier: 'target', password: 'guess' + i, ip: '10.1.1.1' })));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(LIMITS.logInFailuresPerAccountAndAddress.max);
    expect(results.filter((r) => !r.ok && r.reason === 'rate_limited')).toHaveLength(20 - LIMITS.logInFailuresPerAccountAndAddress.max);
  });

  it('counts "@target" and "Target" against the same budget as "target"', async () => {
    const sam = await makeUser({ username: 'target' });
    const max = LIMITS.logInFailuresPerAccountAndAddress.max;
    for (let i = 0; i < max; i++) {
      const identifier = ['@target', 'Target', 'target', ' @TARGET'][i % 4];
      expect(await attemptLogIn({ identifier, password: 'guess' + i, ip: '10.5.5.5' }), identifier).toEqual({ ok: false, reason: 'invalid' });
    }
    for (const identifier of ['target', '@target']) {
      expect(await attemptLogIn({ identifier, password: sam.password, ip: '10.5.5.5' }), identifier).toMatchObject({ ok: false, reason: 'rate_limited' });
    }
    expect((await attemptLogIn({ identifier: '@target', password: sam.password, ip: '10.5.5.6' })).ok).toBe(true);
  });

  it('keeps the email’s and the handle’s budgets apart, so using one up says nothing about the other', async () => {
    const sam = await makeUser({ username: 'target', email: 'target@example.com' });
    for (let i = 0; i < LIMITS.logInFailuresPerAccountAndAddress.max; i++) await attemptLogIn({ identifier: 'target@example.com', password: 'guess', ip: '10.2.2.2' });
    expect(await attemptLogIn({ identifier: 'target@example.com', password: 'guess', ip: '10.2.2.2' })).toMatchObject({ reason: 'rate_limited' });
    expect(await attemptLogIn({ identifier: 'target', password: 'guess', ip: '10.2.2.2' })).toEqual({ ok: false, reason: 'invalid' });
    expect((await attemptLogIn({ identifier: 'target', password: sam.password, ip: '10.2.2.2' })).ok).toBe(true);
  });

  it('past 100 tries an hour on one account from everywhere, makes each try wait but still lets the right password in', async () => {
    const sam = await makeUser({ username: 'target' });
    const { windowMs, max } = LIMITS.logInTriesPerAccount;
    const db = await getDb();
    await db.insert(rateLimits).values({ key: 'logIn:tries:target', windowStart: new Date(Math.floor(Date.now() / windowMs) * windowMs), hits: max });
    const started = Date.now();
    expect((await attemptLogIn({ identifier: 'target', password: sam.password, ip: '10.3.3.3' })).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_LOG_IN_MS);
  });

  it('does not count a successful log-in as a failure', async () => {
    const sam = await makeUser({ username: 'target' });
    for (let i = 0; i < LIMITS.logInFailuresPerAccountAndAddress.max + 2; i++) expect((await attemptLogIn({ identifier: 'target', password: sam.password, ip: '10.4.4.4' })).ok).toBe(true);
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
