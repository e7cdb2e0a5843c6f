import { verify } from '@node-rs/argon2';
import { describe, expect, it, vi } from 'vitest';
import { deleteSession } from '@/db/queries/sessions';
import { attemptLogIn } from '@/auth/log-in';
import { eq } from 'drizzle-orm';
import { verifySessionToken } from '@/auth/session-token';
import { getDb } from '@/db';
import { sessions } from '@/db/schema';
import { confirmEmailAddress } from '@/lib/email-verification';
import { latestVerificationToken, makeUser } from '../support/factories';

// A spy that calls the real argon2 (nothing is replaced): it counts and records the verifications a log-in runs.
vi.mock('@node-rs/argon2', { spy: true });

const ip = '203.0.113.7';

describe('logging in', () => {
  it('accepts the email or the username in any case, and opens a session', async () => {
    const sam = await makeUser({ username: 'SamM', email: 'Sam@Example.com' });
    for (const identifier of ['samm', 'SAMM', 'sam@example.com', 'Sam@Example.com']) {
      const result = await attemptLogIn({ identifier, password: sam.password, ip });
      expect(result).toMatchObject({ ok: true, user: { id: sam.id, username: 'SamM' } });
    }
  });

  it('accepts the handle as Chitter shows it, with its @, and an address is still an address', async () => {
    const bob = await makeUser({ username: 'bob_b', email: 'bob@example.com' });
    for (const identifier of ['@bob_b', '@BOB_B', ' @bob_b ']) {
      expect(await attemptLogIn({ identifier, password: bob.password, ip }), identifier).toMatchObject({ ok: true, user: { id: bob.id } });
    }
    expect(await attemptLogIn({ identifier: '@bob@example.com', password: bob.password, ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await attemptLogIn({ identifier: '@', password: bob.password, ip })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('by email, picks the account that proved the address, else the oldest that gave it; others log in by username', async () => {
    const first = await makeUser({ username: 'first', email: 'shared@example.com', password: 'first passphrase', verified: false });
    const later = await makeUser({ username: 'later', email: 'SHARED@example.com', password: 'later passphrase', verified: false });
    // A later sign-up with the address cannot displace the original's log-in.
    expect(await attemptLogIn({ identifier: 'shared@example.com', password: 'first passphrase', ip })).toMatchObject({ ok: true, user: { id: first.id } });
    expect(await attemptLogIn({ identifier: 'shared@example.com', password: 'later passphrase', ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await attemptLogIn({ identifier: 'later', password: 'later passphrase', ip })).toMatchObject({ ok: true, user: { id: later.id } });

    // Once the later account proves the address, the address is its.
    expect(await confirmEmailAddress(await latestVerificationToken(later.id))).toMatchObject({ ok: true });
    expect(await attemptLogIn({ identifier: 'Shared@Example.com', password: 'later passphrase', ip })).toMatchObject({ ok: true, user: { id: later.id } });
    expect(await attemptLogIn({ identifier: 'shared@example.com', password: 'first passphrase', ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await attemptLogIn({ identifier: 'first', password: 'first passphrase', ip })).toMatchObject({ ok: true, user: { id: first.id } });
  });

  it('gives the same answer for a wrong password and for an account that does not exist', async () => {
    const sam = await makeUser();
    const wrong = await attemptLogIn({ identifier: sam.username, password: 'not the password', ip });
    const unknown = await attemptLogIn({ identifier: 'nobody_here', password: 'not the password', ip });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
  });

  it('does the same work for an unknown account as for a wrong password: one argon2 check at the same cost', async () => {
    const sam = await makeUser();
    const checks = vi.mocked(verify);
    // The dummy hash is made on first use; make it now so both measured log-ins are steady-state ones.
    await attemptLogIn({ identifier: 'warm_up_only', password: 'not the password', ip: '198.51.100.1' });

    const checkedBy = async (identifier: string, ip: string) => {
      checks.mockClear();
      expect(await attemptLogIn({ identifier, password: 'not the password', ip })).toEqual({ ok: false, reason: 'invalid' });
      expect(checks).toHaveBeenCalledTimes(1);
      expect(await checks.mock.results[0].value).toBe(false);
      const [hash, password] = checks.mock.calls[0];
      expect(password).toBe('not the password');
      // Memory, iterations and parallelism are in the hash, and they set what a check costs.
      return String(hash).split('$').slice(1, 4).join('$');
    };
    const known = await checkedBy(sam.username, '198.51.100.2');
    const unknown = await checkedBy('nobody_here', '198.51.100.3');
    expect(known).toBe('argon2id$v=19$m=19456,t=2,p=1');
    expect(unknown).toBe(known);
  });

  it('does not truncate long passwords: one character changed at position 256 is refused', async () => {
    const long = 'x'.repeat(255) + 'A';
    const sam = await makeUser({ password: long });
    expect((await attemptLogIn({ identifier: sam.username, password: long, ip })).ok).toBe(true);
    expect((await attemptLogIn({ identifier: sam.username, password: 'x'.repeat(255) + 'B', ip })).ok).toBe(false);
  });
});

describe('sessions', () => {
  it('stays valid while its row exists and is dead once logged out, even if the old token is replayed', async () => {
    const sam = await makeUser();
    const result = await attemptLogIn({ identifier: sam.username, password: sam.password, ip });
    if (!result.ok) throw new Error('log-in failed');
    const token = { sid: result.sessionId };
    expect(await verifySessionToken(token)).toMatchObject({ sid: result.sessionId, uid: sam.id, username: sam.username });
    await deleteSession({ sessionId: result.sessionId });
    expect(await verifySessionToken(token)).toBeNull();
  });

  it('ends a session whose expiry has passed, though its token still carries the id', async () => {
    const sam = await makeUser();
    const result = await attemptLogIn({ identifier: sam.username, password: sam.password, ip });
    if (!result.ok) throw new Error('log-in failed');
    const token = { sid: result.sessionId };
    expect(await verifySessionToken(token)).toMatchObject({ uid: sam.id });
    const db = await getDb();
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(sessions.id, result.sessionId));
    expect(await verifySessionToken(token)).toBeNull();
  });

  it('refuses a token without a session id or with one that was never issued', async () => {
    expect(await verifySessionToken({})).toBeNull();
    expect(await verifySessionToken({ sid: 'made-up-session-id' })).toBeNull();
  });
});
