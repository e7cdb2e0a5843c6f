import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { attemptLogIn } from '@/auth/log-in';
import { getDb } from '@/db';
import { createSession, deleteSession, findSessionUser } from '@/db/queries/sessions';
import { emailOutbox, passwordResets } from '@/db/schema';
import { changeOwnPassword, checkResetLink, requestPasswordReset, resetPassword } from '@/lib/password-reset';
import { signVerificationToken } from '@/lib/verification-token';
import { latestVerificationToken, makeUser } from '../support/factories';
import { mailPerTest } from '../support/mail-per-test';

const inbox = mailPerTest();
const { drain, to } = inbox;
const RESET_SUBJECT = 'Reset your Chitter password';
const CHANGED_SUBJECT = 'Your Chitter password was changed';
const resetMails = (address: string) => to(address).filter((m) => m.subject === RESET_SUBJECT);
const changedMails = (address: string) => to(address).filter((m) => m.subject === CHANGED_SUBJECT);
const linkIn = (text = '') => /https:\/\/chitter\.test\/reset\/([A-Za-z0-9_.-]+)/.exec(text)?.[1];

type Client = Record<string, (...args: unknown[]) => unknown>;

/**
 * The text of every statement `run` sends, those inside its transactions included, recorded by wrapping the driver's
 * one query call (postgres.js's unsafe, PGlite's query) and passing each call on unchanged.
 */
async function statementsSentBy(run: () => Promise<unknown>): Promise<string[]> {
  const { $client: client } = (await getDb()) as unknown as { $client: Client };
  const method = typeof client.unsafe === 'function' ? 'unsafe' : 'query';
  const opener = typeof client.begin === 'function' ? 'begin' : 'transaction';
  const texts: string[] = [];
  const record = (target: Client) => {
    const original = target[method];
    target[method] = function (this: unknown, text: unknown, ...rest: unknown[]) {
      texts.push(String(text));
      return original.call(this, text, ...rest);
    };
    return () => void (target[method] = original);
  };
  const restoreQuery = record(client);
  const originalOpener = client[opener];
  client[opener] = function (this: unknown, callback: unknown) {
    texts.push(opener);
    return originalOpener.call(this, (tx: Client) => (record(tx), (callback as (tx: Client) => unknown)(tx)));
  };
  try {
    await run();
    return texts;
  } finally {
    restoreQuery();
    client[opener] = originalOpener;
  }
}

let addresses = 0;
/** A different asking address each time, so the per-address limit stays out of tests about other rules. */
const freshIp = () => `198.51.100.${++addresses % 250}`;

/** Asks for a link as the forgot page does, delivers the mail, and returns the link's token from it. */
async function askForLink(identifier: string, email: string): Promise<string> {
  const before = resetMails(email).length;
  expect(await requestPasswordReset({ identifier, ip: freshIp() })).toEqual({ ok: true });
  await drain();
  const mails = resetMails(email);
  expect(mails).toHaveLength(before + 1);
  const token = linkIn(mails.at(-1)!.text);
  expect(token).toBeTruthy();
  return token!;
}

const logsIn = async (identifier: string, password: string) => (await attemptLogIn({ identifier, password, ip: freshIp() })).ok;

describe('asking for a reset link', () => {
  it('answers the same for a proven account, an unproven one and none, and mails only the proven address', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const kim = await makeUser({ username: 'kim', email: 'kim@example.com', verified: false });
    await drain();
    inbox.messages.length = 0;

    for (const identifier of ['bea@example.com', 'kim', 'kim@example.com', 'nobody', 'nobody@example.com']) {
      expect(await requestPasswordReset({ identifier, ip: freshIp() }), identifier).toEqual({ ok: true });
    }
    await drain();
    expect(inbox.messages.map((m) => [m.envelopeTo, m.subject])).toEqual([[['bea@example.com'], RESET_SUBJECT]]);
    const [mail] = resetMails(bea.email);
    expect(mail.text).toContain('@bea');
    expect(mail.text).toContain('30 minutes');
    const db = await getDb();
    expect(await db.select().from(passwordResets).where(eq(passwordResets.userId, kim.id))).toEqual([]);
  });

  it('does the same database work whether or not the account exists or can be mailed', async () => {
    await makeUser({ username: 'bea', email: 'bea@example.com' });
    await makeUser({ username: 'kim', email: 'kim@example.com', verified: false });
    const proven = await statementsSentBy(() => requestPasswordReset({ identifier: 'bea', ip: freshIp() }));
    expect(proven.length).toBeGreaterThan(3);
    for (const other of ['kim', 'nobody']) expect(await statementsSentBy(() => requestPasswordReset({ identifier: other, ip: freshIp() })), other).toEqual(proven);
    const byEmail = await statementsSentBy(() => requestPasswordReset({ identifier: 'bea@example.com', ip: freshIp() }));
    for (const other of ['kim@example.com', 'nobody@example.com']) {
      expect(await statementsSentBy(() => requestPasswordReset({ identifier: other, ip: freshIp() })), other).toEqual(byEmail);
    }
  });

  it('takes an email in any case, a handle, or a handle with its @', async () => {
    const bea = await makeUser({ username: 'Bea_B', email: 'Bea@Example.com' });
    await drain();
    for (const identifier of ['bea@example.com', 'bea_b', ' @BEA_B ']) await askForLink(identifier, bea.email);
  });

  it('sends one account at most three links an hour, however it is named and from wherever it is asked', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-04T10:00:00Z'));
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    for (const identifier of ['bea', '@bea', 'bea@example.com', 'BEA', 'bea@example.com']) {
      expect(await requestPasswordReset({ identifier, ip: freshIp() })).toEqual({ ok: true });
    }
    await drain();
    expect(resetMails(bea.email)).toHaveLength(3);
    vi.setSystemTime(new Date('2031-03-04T11:00:01Z'));
    await askForLink('bea', bea.email);
  });

  it('answers an address that asks too often with how long to wait, whichever names it asks about', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-04T10:00:00Z'));
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const ip = '203.0.113.9';
    for (let i = 0; i < 10; i++) expect(await requestPasswordReset({ identifier: `nobody${i}`, ip })).toEqual({ ok: true });
    expect(await requestPasswordReset({ identifier: 'bea', ip })).toEqual({ ok: false, retryAfterSeconds: 15 * 60 });
    // The same answer for a name with no account: the limit says nothing about accounts.
    expect(await requestPasswordReset({ identifier: 'nobody', ip })).toEqual({ ok: false, retryAfterSeconds: 15 * 60 });
    await drain();
    expect(resetMails(bea.email)).toHaveLength(0);
    // Another address is not held up.
    expect(await requestPasswordReset({ identifier: 'bea', ip: '203.0.113.10' })).toEqual({ ok: true });
  });
});

describe('a reset link', () => {
  it('can be looked at without being used, then sets the password once, ends every session, and mails a notice', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const phone = await createSession({ userId: bea.id });
    const laptop = await createSession({ userId: bea.id });
    const token = await askForLink('bea', bea.email);

    // Looking at the link (as a mail scanner does) changes nothing.
    expect(await checkResetLink(token)).toBe('ready');
    expect(await checkResetLink(token)).toBe('ready');
    expect(await logsIn('bea', bea.password)).toBe(true);

    expect(await resetPassword({ token, password: 'a brand new passphrase' })).toEqual({ ok: true, userId: bea.id });
    expect(await findSessionUser({ sessionId: phone })).toBeNull();
    expect(await findSessionUser({ sessionId: laptop })).toBeNull();
    expect(await logsIn('bea', bea.password)).toBe(false);
    expect(await logsIn('bea', 'a brand new passphrase')).toBe(true);

    expect(await checkResetLink(token)).toBe('used');
    expect(await resetPassword({ token, password: 'a third passphrase' })).toEqual({ ok: false, reason: 'used' });
    expect(await logsIn('bea', 'a brand new passphrase')).toBe(true);

    await drain();
    const [notice] = changedMails(bea.email);
    expect(changedMails(bea.email)).toHaveLength(1);
    expect(notice.text).toContain('@bea');
    expect(notice.text).toContain('https://chitter.test/forgot');
  });

  it('is stored only as a hash, and is refused when altered, made up, or a verification link’s token', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const token = await askForLink('bea', bea.email);
    const db = await getDb();
    const rows = await db.select().from(passwordResets);
    expect(JSON.stringify(rows)).not.toContain(token);
    const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const verification = signVerificationToken(token.split('.')[0]);
    for (const bad of [altered, token.slice(0, 30), 'invalid', `${'A'.repeat(24)}.${'A'.repeat(43)}`, verification, await latestVerificationToken(bea.id)]) {
      expect(await checkResetLink(bad)).toBe('invalid');
      expect(await resetPassword({ token: bad, password: 'a brand new passphrase' })).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await logsIn('bea', bea.password)).toBe(true);
  });

  it('expires 30 minutes after it is made', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const token = await askForLink('bea', bea.email);
    const db = await getDb();
    const [row] = await db.select().from(passwordResets).where(eq(passwordResets.userId, bea.id));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(30 * 60_000);
    await db
      .update(passwordResets)
      .set({ createdAt: sql`now() - interval '31 minutes'`, expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(passwordResets.id, row.id));
    expect(await checkResetLink(token)).toBe('expired');
    expect(await resetPassword({ token, password: 'a brand new passphrase' })).toEqual({ ok: false, reason: 'expired' });
    expect(await logsIn('bea', bea.password)).toBe(true);
    // The database refuses a link that would live longer.
    await expect(db.update(passwordResets).set({ expiresAt: sql`created_at + interval '31 minutes'` }).where(eq(passwordResets.id, row.id))).rejects.toThrow();
  });

  it('used, makes every other link of the account dead', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const first = await askForLink('bea', bea.email);
    const second = await askForLink('bea@example.com', bea.email);
    expect(await resetPassword({ token: second, password: 'a brand new passphrase' })).toMatchObject({ ok: true });
    expect(await checkResetLink(first)).toBe('used');
    expect(await resetPassword({ token: first, password: 'an attacker passphrase' })).toEqual({ ok: false, reason: 'used' });
    expect(await logsIn('bea', 'a brand new passphrase')).toBe(true);
  });

  it('followed twice at once sets the password once: the other is told the link was used', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    for (let round = 0; round < 3; round++) {
      const token = await askForLink('bea', bea.email);
      const results = await Promise.all([resetPassword({ token, password: `first of round ${round}` }), resetPassword({ token, password: `second of round ${round}` })]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'used' });
      const winner = results[0].ok ? `first of round ${round}` : `second of round ${round}`;
      expect(await logsIn('bea', winner)).toBe(true);
    }
    await drain();
    expect(changedMails(bea.email)).toHaveLength(3);
  });

  it('of two different links followed at once, only one sets the password', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const a = await askForLink('bea', bea.email);
    const b = await askForLink('bea', bea.email);
    const results = await Promise.all([resetPassword({ token: a, password: 'passphrase from a' }), resetPassword({ token: b, password: 'passphrase from b' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'used' });
    expect(await logsIn('bea', results[0].ok ? 'passphrase from a' : 'passphrase from b')).toBe(true);
  });

  it('sent before a change of password in settings is dead after it, and one not yet mailed is never sent', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const token = await askForLink('bea', bea.email);
    expect(await requestPasswordReset({ identifier: 'bea', ip: freshIp() })).toEqual({ ok: true });
    const session = await createSession({ userId: bea.id });
    expect(await changeOwnPassword({ userId: bea.id, username: 'bea', sessionId: session, currentPassword: bea.password, newPassword: 'changed in settings' })).toEqual({ ok: true });
    expect(await checkResetLink(token)).toBe('used');
    expect(await resetPassword({ token, password: 'an attacker passphrase' })).toEqual({ ok: false, reason: 'used' });
    await drain();
    expect(resetMails(bea.email)).toHaveLength(1);
    const db = await getDb();
    const [held] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.kind, 'password_reset'), eq(emailOutbox.status, 'cancelled')));
    expect(held.lastError).toBe('link used');
    expect(await logsIn('bea', 'changed in settings')).toBe(true);
  });
});

describe('changing a password in settings', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const session = await createSession({ userId: bea.id });
    const other = await createSession({ userId: bea.id });
    expect(await changeOwnPassword({ userId: bea.id, username: 'bea', sessionId: session, currentPassword: 'not my password', newPassword: 'a brand new passphrase' })).toEqual({
      ok: false,
      reason: 'wrong_current',
    });
    expect(await logsIn('bea', bea.password)).toBe(true);
    expect(await findSessionUser({ sessionId: other })).not.toBeNull();
    await drain();
    expect(changedMails(bea.email)).toHaveLength(0);
  });

  it('cannot be used to guess: five tries in 15 minutes, right or wrong, then a wait', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-04T10:00:00Z'));
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const session = await createSession({ userId: bea.id });
    const change = (currentPassword: string) => changeOwnPassword({ userId: bea.id, username: 'bea', sessionId: session, currentPassword, newPassword: 'a brand new passphrase' });
    for (let i = 0; i < 5; i++) expect(await change(`guess ${i}`)).toEqual({ ok: false, reason: 'wrong_current' });
    expect(await change(bea.password)).toEqual({ ok: false, reason: 'limited', retryAfterSeconds: 15 * 60 });
    expect(await logsIn('bea', bea.password)).toBe(true);
    vi.setSystemTime(new Date('2031-03-04T10:15:00Z'));
    expect(await change(bea.password)).toEqual({ ok: true });
  });

  it('keeps the session that asked, ends every other, and mails a notice through the outbox', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const kim = await makeUser({ username: 'kim', email: 'kim@example.com' });
    const here = await createSession({ userId: bea.id });
    const elsewhere = await createSession({ userId: bea.id });
    const kims = await createSession({ userId: kim.id });
    await drain();
    inbox.messages.length = 0;

    expect(await changeOwnPassword({ userId: bea.id, username: 'bea', sessionId: here, currentPassword: bea.password, newPassword: 'a brand new passphrase' })).toEqual({ ok: true });
    expect(await findSessionUser({ sessionId: here })).toMatchObject({ id: bea.id });
    expect(await findSessionUser({ sessionId: elsewhere })).toBeNull();
    expect(await findSessionUser({ sessionId: kims })).toMatchObject({ id: kim.id });
    expect(await logsIn('bea', bea.password)).toBe(false);
    expect(await logsIn('bea', 'a brand new passphrase')).toBe(true);

    const db = await getDb();
    const waiting = await db.select({ kind: emailOutbox.kind, recipientId: emailOutbox.recipientId }).from(emailOutbox).where(eq(emailOutbox.status, 'pending'));
    expect(waiting).toEqual([{ kind: 'password_changed', recipientId: bea.id }]);
    await drain();
    expect(inbox.messages.map((m) => [m.envelopeTo, m.subject])).toEqual([[['bea@example.com'], CHANGED_SUBJECT]]);
  });

  it('mails no notice to an address that is not proven', async () => {
    const kim = await makeUser({ username: 'kim', email: 'kim@example.com', verified: false });
    const session = await createSession({ userId: kim.id });
    expect(await changeOwnPassword({ userId: kim.id, username: 'kim', sessionId: session, currentPassword: kim.password, newPassword: 'a brand new passphrase' })).toEqual({ ok: true });
    await drain();
    expect(changedMails(kim.email)).toHaveLength(0);
  });

  it('by a session that ended while the request was on its way, changes nothing', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const here = await createSession({ userId: bea.id });
    const elsewhere = await createSession({ userId: bea.id });
    await deleteSession({ sessionId: here });
    expect(await changeOwnPassword({ userId: bea.id, username: 'bea', sessionId: here, currentPassword: bea.password, newPassword: 'a brand new passphrase' })).toEqual({
      ok: false,
      reason: 'session_ended',
    });
    expect(await logsIn('bea', bea.password)).toBe(true);
    expect(await findSessionUser({ sessionId: elsewhere })).not.toBeNull();
  });

  it('at the same time as a reset: exactly one of them sets the password, and the other changes nothing', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    let current = bea.password;
    for (let round = 0; round < 3; round++) {
      const token = await askForLink('bea', bea.email);
      const session = await createSession({ userId: bea.id });
      const [changed, reset] = await Promise.all([
        changeOwnPassword({ userId: bea.id, username: 'bea', sessionId: session, currentPassword: current, newPassword: `changed ${round}` }),
        resetPassword({ token, password: `reset ${round}` }),
      ]);
      expect([changed.ok, reset.ok].filter(Boolean)).toHaveLength(1);
      if (changed.ok) {
        expect(reset).toEqual({ ok: false, reason: 'used' });
        expect(await findSessionUser({ sessionId: session })).not.toBeNull();
        expect(await logsIn('bea', `changed ${round}`)).toBe(true);
        current = `changed ${round}`;
      } else {
        // The reset ended the session that asked, or changed the password it had checked.
        expect(['session_ended', 'wrong_current']).toContain(changed.ok ? '' : changed.reason);
        expect(await findSessionUser({ sessionId: session })).toBeNull();
        expect(await logsIn('bea', `reset ${round}`)).toBe(true);
        current = `reset ${round}`;
      }
    }
  });
});
