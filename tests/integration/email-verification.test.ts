import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { findEmailStatus } from '@/db/queries/users';
import { emailOutbox, emailVerifications, users } from '@/db/schema';
import { checkVerificationLink, confirmEmailAddress, resendVerification } from '@/lib/email-verification';
import { publishPeep } from '@/lib/publish-peep';
import { registerUser } from '@/lib/sign-up';
import { makeUser } from '../support/factories';
import { mailPerTest } from '../support/mail-per-test';

const inbox = mailPerTest();
const { drain, to } = inbox;
const linkIn = (text = '') => /https:\/\/chitter\.test\/verify\/([A-Za-z0-9_.-]+)/.exec(text)?.[1];

async function signUp(email: string, username: string, password = 'a long passphrase') {
  const result = await registerUser({ email, username, name: username, password });
  if (!result.ok) throw new Error('sign-up refused');
  return result.user;
}

/** Signs up and returns the token from the link that arrives by mail. */
async function signUpAndReadLink(email: string, username: string) {
  const before = to(email).length;
  const user = await signUp(email, username);
  await drain();
  const mails = to(email);
  expect(mails).toHaveLength(before + 1);
  const token = linkIn(mails.at(-1)!.text);
  expect(token).toBeTruthy();
  return { user, token: token! };
}

describe('a verification link', () => {
  it('arrives once after sign-up, and works once', async () => {
    const { user, token } = await signUpAndReadLink('Bea@Example.com', 'bea');
    await drain();
    const [mail] = to('bea@example.com');
    expect(to('bea@example.com')).toHaveLength(1);
    expect(mail.subject).toBe('Confirm your email address for Chitter');
    expect(mail.html).toContain(`https://chitter.test/verify/${token}`);
    expect(await findEmailStatus({ userId: user.id })).toEqual({ email: 'Bea@Example.com', verified: false });

    expect(await checkVerificationLink(token)).toBe('ready');
    // Looking at the link changes nothing: only the confirm button does.
    expect((await findEmailStatus({ userId: user.id }))?.verified).toBe(false);
    expect(await confirmEmailAddress(token)).toEqual({ ok: true, userId: user.id });
    expect((await findEmailStatus({ userId: user.id }))?.verified).toBe(true);

    expect(await confirmEmailAddress(token)).toEqual({ ok: false, reason: 'used' });
    expect(await checkVerificationLink(token)).toBe('used');
  });

  it('expires 24 hours after it is made', async () => {
    const { user, token } = await signUpAndReadLink('kim@example.com', 'kim');
    const db = await getDb();
    const [row] = await db.select().from(emailVerifications).where(eq(emailVerifications.userId, user.id));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * 3600_000);
    await db.update(emailVerifications).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(emailVerifications.id, row.id));
    expect(await checkVerificationLink(token)).toBe('expired');
    expect(await confirmEmailAddress(token)).toEqual({ ok: false, reason: 'expired' });
    expect((await findEmailStatus({ userId: user.id }))?.verified).toBe(false);
  });

  it('is refused when altered, cut short or made up', async () => {
    const { user, token } = await signUpAndReadLink('lee@example.com', 'lee');
    const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [altered, token.slice(0, 30), 'invalid', `${'A'.repeat(24)}.${'A'.repeat(43)}`]) {
      expect(await checkVerificationLink(bad)).toBe('invalid');
      expect(await confirmEmailAddress(bad)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect((await findEmailStatus({ userId: user.id }))?.verified).toBe(false);
  });
});

describe('an unproven address', () => {
  it('gets no mention mail; an address that is no longer proven at send time gets none either', async () => {
    const sam = await makeUser({ username: 'sam' });
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com', verified: false });
    const kim = await makeUser({ username: 'kim', email: 'kim@example.com' });
    await publishPeep({ authorId: sam.id, body: 'hi @bea and @kim' });
    const db = await getDb();
    const mentionRows = () => db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'mention'));
    expect((await mentionRows()).map((r) => r.recipientId)).toEqual([kim.id]);

    await db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, kim.id));
    await drain();
    expect(inbox.messages.filter((m) => m.subject?.includes('mentioned you'))).toEqual([]);
    expect((await mentionRows())[0]).toMatchObject({ status: 'cancelled', lastError: 'address not verified' });
    // Bea only ever got her verification link.
    expect(to('bea@example.com').map((m) => m.subject)).toEqual(['Confirm your email address for Chitter']);
    expect(bea.id).toBeGreaterThan(0);
  });

  it('belongs to whichever account proves it first; the other account’s link is then refused', async () => {
    const first = await signUpAndReadLink('shared@example.com', 'first');
    const second = await signUpAndReadLink('SHARED@example.com', 'second');
    expect(await confirmEmailAddress(second.token)).toEqual({ ok: true, userId: second.user.id });
    expect(await checkVerificationLink(first.token)).toBe('claimed');
    expect(await confirmEmailAddress(first.token)).toEqual({ ok: false, reason: 'claimed' });
    expect((await findEmailStatus({ userId: first.user.id }))?.verified).toBe(false);
    expect((await findEmailStatus({ userId: second.user.id }))?.verified).toBe(true);
  });

  it('cannot be proven by two accounts at once: of links followed together, exactly one wins', async () => {
    for (let round = 0; round < 4; round++) {
      const a = await signUpAndReadLink(`race${round}@example.com`, `racer_a${round}`);
      const b = await signUpAndReadLink(`race${round}@example.com`, `racer_b${round}`);
      const results = await Promise.all([confirmEmailAddress(a.token), confirmEmailAddress(b.token)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'claimed' });
      const db = await getDb();
      const holders = await db.select().from(users).where(sql`lower(${users.email}) = ${`race${round}@example.com`} and ${users.emailVerifiedAt} is not null`);
      expect(holders).toHaveLength(1);
    }
  });
});

describe('a sign-up with an address another account has proven', () => {
  it('succeeds the same way, and the address gets a notice, never a link', async () => {
    const sam = await makeUser({ username: 'sam', email: 'sam@example.com' });
    await drain();
    inbox.messages.length = 0;

    const result = await registerUser({ email: 'SAM@example.com', username: 'impostor', name: 'Not Sam', password: 'a long passphrase' });
    expect(result).toEqual({ ok: true, user: { id: expect.any(Number), username: 'impostor', name: 'Not Sam' } });
    await drain();
    const [notice] = to('sam@example.com');
    expect(to('sam@example.com')).toHaveLength(1);
    expect(notice.subject).toBe('Someone tried to sign up to Chitter with your address');
    expect(notice.text).toContain('@sam');
    expect(notice.text).toContain('https://chitter.test/login');
    expect(notice.text).not.toContain('/verify/');
    const db = await getDb();
    expect(await db.select().from(emailVerifications).where(eq(emailVerifications.userId, result.ok ? result.user.id : 0))).toEqual([]);
    expect((await findEmailStatus({ userId: sam.id }))?.verified).toBe(true);
  });
});

describe('asking for the link again', () => {
  it('allows one a minute and five a day, and five mails a day to the address, with a clear message past each', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-04T10:00:00Z'));
    const later = (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));
    const bea = await signUp('bea@example.com', 'bea');
    const other = await signUp('kim@example.com', 'kim');

    expect(await resendVerification({ userId: bea.id })).toEqual({ ok: true, message: 'Sent. Check your inbox for a new link; it works for 24 hours.' });
    const soon = await resendVerification({ userId: bea.id });
    expect(soon).toMatchObject({ ok: false, status: 429 });
    expect(soon.message).toMatch(/^We just sent you a link\. You can ask for another in \d+ seconds?\.$/);
    // Someone else's cooldown is their own.
    expect((await resendVerification({ userId: other.id })).ok).toBe(true);

    for (let i = 0; i < 3; i++) {
      later(61);
      expect((await resendVerification({ userId: bea.id })).ok).toBe(true);
    }
    // The sign-up link and four more make five mails to this address today, the most any address gets.
    later(61);
    expect(await resendVerification({ userId: bea.id })).toEqual({
      ok: false,
      status: 429,
      message: 'Your address has had as many emails from us as we send in a day. Please use a link we already sent, or try again tomorrow.',
    });
    later(61);
    expect(await resendVerification({ userId: bea.id })).toEqual({
      ok: false,
      status: 429,
      message: 'You have asked for 5 links today, the most we send in a day. Please use one of those, or try again tomorrow.',
    });

    await drain();
    // Every link works until one is followed; then the others are used up.
    const mails = to('bea@example.com');
    expect(mails).toHaveLength(5);
    const tokens = mails.map((m) => linkIn(m.text)!);
    expect(new Set(tokens).size).toBe(5);
    expect(await confirmEmailAddress(tokens[3])).toMatchObject({ ok: true });
    expect(await confirmEmailAddress(tokens[4])).toEqual({ ok: false, reason: 'used' });
    later(24 * 3600);
    expect(await resendVerification({ userId: bea.id })).toEqual({ ok: true, message: 'Your address is already confirmed.' });
  });

  it('never sends one address more than a few sign-up mails a day, however many accounts ask', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-04T10:00:00Z'));
    const accounts = [];
    for (let i = 0; i < 7; i++) accounts.push(await signUp('stranger@example.com', `flood${i}`));
    await drain();
    expect(to('stranger@example.com')).toHaveLength(5);
    vi.setSystemTime(new Date('2031-03-04T10:05:00Z'));
    const asked = await resendVerification({ userId: accounts[6].id });
    expect(asked).toEqual({ ok: false, status: 429, message: 'Your address has had as many emails from us as we send in a day. Please use a link we already sent, or try again tomorrow.' });
    await drain();
    expect(to('stranger@example.com')).toHaveLength(5);
  });
});
