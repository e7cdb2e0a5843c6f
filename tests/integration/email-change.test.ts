import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { cancelEmailChange, findPendingEmailChange } from '@/db/queries/email-changes';
import { createSession } from '@/db/queries/sessions';
import { findEmailStatus, findUserForLogIn } from '@/db/queries/users';
import { emailOutbox, emailVerifications, sessions, users } from '@/db/schema';
import { ADDRESS_CAPPED, checkUndoLink, EMAIL_CHANGE_LIMITS, requestEmailChange, SAME_ADDRESS, undoAddressChange, WRONG_PASSWORD } from '@/lib/email-change';
import { checkVerificationLink, confirmEmailAddress } from '@/lib/email-verification';
import { publishPeep } from '@/lib/publish-peep';
import { emailChangeSchema, fieldErrorsOf } from '@/lib/validation';
import { makeUser } from '../support/factories';
import { mailPerTest } from '../support/mail-per-test';

const inbox = mailPerTest();
const { drain, to } = inbox;
const verifyLinkIn = (text = '') => /https:\/\/chitter\.test\/verify\/([A-Za-z0-9_.-]+)/.exec(text)?.[1];
const undoLinkIn = (text = '') => /https:\/\/chitter\.test\/undo-email\/([A-Za-z0-9_.-]+)/.exec(text)?.[1];

let ipCounter = 0;
/** A fresh client address per call unless given, so only the limit a test is about is ever reached. */
const freshIp = () => `203.0.113.${++ipCounter % 250}`;

type Person = Awaited<ReturnType<typeof makeUser>>;

async function change(person: Person, email: string, { password = person.password, ip = freshIp() } = {}) {
  return requestEmailChange({ userId: person.id, ip, email, password });
}

/** Asks for the change and returns the token of the link the new address gets by mail. */
async function changeAndReadLink(person: Person, email: string) {
  expect(await change(person, email)).toEqual({ ok: true, outcome: 'pending' });
  await drain();
  const mail = to(email).at(-1);
  expect(mail?.subject).toBe('Confirm your new email address for Chitter');
  const token = verifyLinkIn(mail?.text);
  expect(token).toBeTruthy();
  return token!;
}

/** Changes the address all the way (link followed) and returns the undo token the old address gets by mail. */
async function changeAndReadUndo(person: Person, email: string) {
  const old = (await findEmailStatus({ userId: person.id }))!.email;
  const token = await changeAndReadLink(person, email);
  expect(await confirmEmailAddress(token)).toEqual({ ok: true, userId: person.id, changed: true });
  await drain();
  const notice = to(old).at(-1);
  expect(notice?.subject).toBe('Your Chitter email address was changed');
  const undo = undoLinkIn(notice?.text);
  expect(undo).toBeTruthy();
  return undo!;
}

async function sessionsOf(userId: number) {
  const db = await getDb();
  return db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
}

describe('asking to change an address', () => {
  it('needs the current password: a wrong one is refused beside its field, and nothing changes or is mailed', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    await drain();
    inbox.messages.length = 0;
    expect(await change(bea, 'bea.new@example.com', { password: 'not my password' })).toEqual({ ok: false, status: 400, fieldErrors: { password: WRONG_PASSWORD } });
    expect(await findPendingEmailChange({ userId: bea.id })).toBeNull();
    await drain();
    expect(inbox.messages).toEqual([]);
    expect(await findEmailStatus({ userId: bea.id })).toEqual({ email: 'bea@example.com', verified: true });
  });

  it('refuses the current address (in any case), a malformed one and one too long, beside the field', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    expect(await change(bea, 'BEA@example.com')).toEqual({ ok: false, status: 400, fieldErrors: { email: SAME_ADDRESS } });
    const errors = (email: string) => {
      const parsed = emailChangeSchema.safeParse({ email, password: 'x' });
      return parsed.success ? {} : fieldErrorsOf(parsed.error);
    };
    expect(errors('not an address')).toEqual({ email: 'Enter a valid email address' });
    expect(errors('')).toEqual({ email: 'Enter your email address' });
    expect(errors(`${'a'.repeat(250)}@example.com`)).toEqual({ email: 'Email addresses are at most 254 characters' });
    expect(errors(`${'a'.repeat(5000)}@example.com`)).toEqual({ email: 'Email addresses are at most 254 characters' });
    const noPassword = emailChangeSchema.safeParse({ email: 'bea.new@example.com', password: '' });
    expect(noPassword.success ? {} : fieldErrorsOf(noPassword.error)).toEqual({ password: 'Enter your current password' });
  });

  it('leaves a proven address in charge until the new one’s link is followed: log-in and mail still use the old one', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const sam = await makeUser({ username: 'sam' });
    await changeAndReadLink(bea, 'bea.new@example.com');

    expect(await findEmailStatus({ userId: bea.id })).toEqual({ email: 'bea@example.com', verified: true });
    expect(await findPendingEmailChange({ userId: bea.id })).toMatchObject({ email: 'bea.new@example.com' });
    expect((await findUserForLogIn({ identifier: 'bea@example.com' }))?.id).toBe(bea.id);
    expect(await findUserForLogIn({ identifier: 'bea.new@example.com' })).toBeNull();

    await publishPeep({ authorId: sam.id, body: 'hello @bea' });
    await drain();
    expect(to('bea@example.com').map((m) => m.subject)).toContain(`${sam.name} (@sam) mentioned you on Chitter`);
    // The new address has had its link and nothing else.
    expect(to('bea.new@example.com').map((m) => m.subject)).toEqual(['Confirm your new email address for Chitter']);
  });

  it('switches to the new address when its link is followed, and tells the old address, with an undo link for 7 days', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const token = await changeAndReadLink(bea, 'Bea.New@example.com');
    expect(await checkVerificationLink(token)).toBe('ready');
    expect(await confirmEmailAddress(token)).toEqual({ ok: true, userId: bea.id, changed: true });

    expect(await findEmailStatus({ userId: bea.id })).toEqual({ email: 'Bea.New@example.com', verified: true });
    expect(await findPendingEmailChange({ userId: bea.id })).toBeNull();
    expect((await findUserForLogIn({ identifier: 'bea.new@example.com' }))?.id).toBe(bea.id);
    expect(await confirmEmailAddress(token)).toEqual({ ok: false, reason: 'used' });

    await drain();
    const [notice] = to('bea@example.com').filter((m) => m.subject === 'Your Chitter email address was changed');
    expect(notice.text).toContain('Bea.New@example.com');
    expect(notice.text).toContain('7 days');
    const undo = undoLinkIn(notice.text)!;
    expect(await checkUndoLink(undo)).toEqual({ state: 'ready', address: 'bea@example.com' });
    // An undo link is no verification link, nor the other way round.
    expect(await checkVerificationLink(undo)).toBe('invalid');
    expect(await checkUndoLink(token)).toEqual({ state: 'invalid', address: '' });

    const db = await getDb();
    const [row] = await db.select().from(emailVerifications).where(eq(emailVerifications.purpose, 'undo'));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 24 * 3600_000);
    // The new address is the only one mailed from now on.
    expect(to('bea.new@example.com')).toHaveLength(1);
  });

  it('replaces a change still waiting when another is asked for, and cancelling stops its link; its unsent mail never goes', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const first = await changeAndReadLink(bea, 'first@example.com');
    const second = await changeAndReadLink(bea, 'second@example.com');
    expect(await checkVerificationLink(first)).toBe('invalid');
    expect(await confirmEmailAddress(first)).toEqual({ ok: false, reason: 'invalid' });
    expect(await findPendingEmailChange({ userId: bea.id })).toMatchObject({ email: 'second@example.com' });

    expect(await cancelEmailChange({ userId: bea.id })).toBe(true);
    expect(await findPendingEmailChange({ userId: bea.id })).toBeNull();
    expect(await confirmEmailAddress(second)).toEqual({ ok: false, reason: 'invalid' });

    expect(await change(bea, 'third@example.com')).toMatchObject({ ok: true });
    await cancelEmailChange({ userId: bea.id });
    await drain();
    expect(to('third@example.com')).toEqual([]);
    expect(await findEmailStatus({ userId: bea.id })).toEqual({ email: 'bea@example.com', verified: true });
  });

  it('sends no link to an address another account has proven, and says the same as for any address', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    await makeUser({ username: 'sam', email: 'sam@example.com' });
    await drain();
    inbox.messages.length = 0;
    expect(await change(bea, 'SAM@example.com')).toEqual({ ok: true, outcome: 'pending' });
    await drain();
    expect(inbox.messages).toEqual([]);
    expect(await findEmailStatus({ userId: bea.id })).toEqual({ email: 'bea@example.com', verified: true });
  });
});

describe('an undo link', () => {
  it('puts the old address back, proven, ends every session of the account, and works once', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    await createSession({ userId: bea.id });
    await createSession({ userId: bea.id });
    const other = await makeUser({ username: 'sam' });
    const kept = await createSession({ userId: other.id });
    const undo = await changeAndReadUndo(bea, 'thief@example.com');

    // Looking at the link changes nothing.
    expect(await checkUndoLink(undo)).toMatchObject({ state: 'ready' });
    expect((await findEmailStatus({ userId: bea.id }))?.email).toBe('thief@example.com');
    expect(await sessionsOf(bea.id)).toHaveLength(2);

    expect(await undoAddressChange({ token: undo, ip: freshIp() })).toEqual({ ok: true, userId: bea.id, email: 'bea@example.com' });
    expect(await findEmailStatus({ userId: bea.id })).toEqual({ email: 'bea@example.com', verified: true });
    expect(await sessionsOf(bea.id)).toEqual([]);
    expect(await sessionsOf(other.id)).toEqual([{ id: kept }]);
    expect((await findUserForLogIn({ identifier: 'bea@example.com' }))?.id).toBe(bea.id);
    expect(await findUserForLogIn({ identifier: 'thief@example.com' })).toBeNull();

    expect(await undoAddressChange({ token: undo, ip: freshIp() })).toEqual({ ok: false, reason: 'used' });
    expect(await checkUndoLink(undo)).toMatchObject({ state: 'used' });
  });

  it('is refused after 7 days, and changes nothing', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const undo = await changeAndReadUndo(bea, 'bea.new@example.com');
    await createSession({ userId: bea.id });
    const db = await getDb();
    await db.update(emailVerifications).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(emailVerifications.purpose, 'undo'));
    expect(await checkUndoLink(undo)).toMatchObject({ state: 'expired' });
    expect(await undoAddressChange({ token: undo, ip: freshIp() })).toEqual({ ok: false, reason: 'expired' });
    expect(await findEmailStatus({ userId: bea.id })).toEqual({ email: 'bea.new@example.com', verified: true });
    expect(await sessionsOf(bea.id)).toHaveLength(1);
  });

  it('says the address is taken when another account has proven it since, and changes nothing', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const undo = await changeAndReadUndo(bea, 'bea.new@example.com');
    await createSession({ userId: bea.id });
    // Someone else takes the freed address: they change theirs to it and prove it.
    const sam = await makeUser({ username: 'sam', email: 'sam@example.com' });
    expect(await confirmEmailAddress(await changeAndReadLink(sam, 'bea@example.com'))).toMatchObject({ ok: true });

    expect(await checkUndoLink(undo)).toMatchObject({ state: 'claimed' });
    expect(await undoAddressChange({ token: undo, ip: freshIp() })).toEqual({ ok: false, reason: 'claimed' });
    expect(await findEmailStatus({ userId: bea.id })).toEqual({ email: 'bea.new@example.com', verified: true });
    expect(await sessionsOf(bea.id)).toHaveLength(1);
  });

  it('loses to an account proving the same address at the same moment: exactly one holds it, and the other is told', async () => {
    for (let round = 0; round < 4; round++) {
      const owner = await makeUser({ username: `owner${round}`, email: `old${round}@example.com` });
      const undo = await changeAndReadUndo(owner, `moved${round}@example.com`);
      const rival = await makeUser({ username: `rival${round}` });
      const link = await changeAndReadLink(rival, `old${round}@example.com`);
      const [undone, confirmed] = await Promise.all([undoAddressChange({ token: undo, ip: freshIp() }), confirmEmailAddress(link)]);
      expect([undone.ok, confirmed.ok].filter(Boolean)).toHaveLength(1);
      expect(undone.ok ? confirmed : undone).toEqual({ ok: false, reason: 'claimed' });
      const db = await getDb();
      const holders = await db.select().from(users).where(sql`lower(${users.email}) = ${`old${round}@example.com`} and ${users.emailVerifiedAt} is not null`);
      expect(holders).toHaveLength(1);
    }
  });

  it('from an earlier change outlives a later change’s undo, and ends the later ones when used', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const ownersUndo = await changeAndReadUndo(bea, 'thief@example.com');
    const thiefsUndo = await changeAndReadUndo(bea, 'thief2@example.com');
    // Whoever made the second change undoing it cannot end the owner's link.
    expect(await undoAddressChange({ token: thiefsUndo, ip: freshIp() })).toMatchObject({ ok: true, email: 'thief@example.com' });
    expect(await checkUndoLink(ownersUndo)).toMatchObject({ state: 'ready' });
    const thirdUndo = await changeAndReadUndo(bea, 'thief3@example.com');
    expect(await undoAddressChange({ token: ownersUndo, ip: freshIp() })).toMatchObject({ ok: true, email: 'bea@example.com' });
    expect(await undoAddressChange({ token: thirdUndo, ip: freshIp() })).toEqual({ ok: false, reason: 'used' });
    expect(await findEmailStatus({ userId: bea.id })).toEqual({ email: 'bea@example.com', verified: true });
  });

  it('also drops a change waiting for its link', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const undo = await changeAndReadUndo(bea, 'thief@example.com');
    const pending = await changeAndReadLink(bea, 'thief2@example.com');
    expect(await undoAddressChange({ token: undo, ip: freshIp() })).toMatchObject({ ok: true });
    expect(await findPendingEmailChange({ userId: bea.id })).toBeNull();
    expect(await confirmEmailAddress(pending)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('is refused when altered or made up', async () => {
    for (const bad of ['invalid', `${'A'.repeat(24)}.${'A'.repeat(43)}`]) {
      expect(await checkUndoLink(bad)).toEqual({ state: 'invalid', address: '' });
      expect(await undoAddressChange({ token: bad, ip: freshIp() })).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});

describe('two accounts changing to the same new address', () => {
  it('cannot both have it: of links followed at once, exactly one wins, and the other is told it was claimed', async () => {
    for (let round = 0; round < 4; round++) {
      const a = await makeUser({ username: `racer_a${round}` });
      const b = await makeUser({ username: `racer_b${round}` });
      const address = `wanted${round}@example.com`;
      const [linkA, linkB] = [await changeAndReadLink(a, address), await changeAndReadLink(b, address.toUpperCase())];
      const results = await Promise.all([confirmEmailAddress(linkA), confirmEmailAddress(linkB)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'claimed' });
      const db = await getDb();
      const holders = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${address} and ${users.emailVerifiedAt} is not null`);
      expect(holders).toHaveLength(1);
      // The loser keeps the address it had, proven.
      const loser = results[0].ok ? b : a;
      expect(await findEmailStatus({ userId: loser.id })).toEqual({ email: loser.email, verified: true });
    }
  });

  it('a link followed while a new change is asked for: one waits for the other, never a deadlock', async () => {
    for (let round = 0; round < 6; round++) {
      const bea = await makeUser({ username: `bea${round}` });
      const link = await changeAndReadLink(bea, `next${round}@example.com`);
      const [confirmed, asked] = await Promise.all([confirmEmailAddress(link), change(bea, `other${round}@example.com`)]);
      expect(asked).toMatchObject({ ok: true });
      // Either the link was followed first (and the new request waits behind the new address), or the request replaced it.
      const status = await findEmailStatus({ userId: bea.id });
      if (confirmed.ok) expect(status?.email).toBe(`next${round}@example.com`);
      else expect(confirmed).toEqual({ ok: false, reason: 'invalid' });
      expect(await findPendingEmailChange({ userId: bea.id })).toMatchObject({ email: `other${round}@example.com` });
    }
  });
});

describe('an account whose address was never proven', () => {
  it('has its address replaced at once and a fresh verification link sent to the new one; the old gets nothing', async () => {
    const kim = await makeUser({ username: 'kim', email: 'kim@example.com', verified: false });
    await drain();
    const oldLink = verifyLinkIn(to('kim@example.com')[0].text)!;
    expect(await change(kim, 'kim.real@example.com')).toEqual({ ok: true, outcome: 'replaced' });
    expect(await findEmailStatus({ userId: kim.id })).toEqual({ email: 'kim.real@example.com', verified: false });
    expect(await findPendingEmailChange({ userId: kim.id })).toBeNull();

    await drain();
    expect(to('kim@example.com')).toHaveLength(1);
    const [mail] = to('kim.real@example.com');
    expect(mail.subject).toBe('Confirm your email address for Chitter');
    expect(await confirmEmailAddress(oldLink)).toEqual({ ok: false, reason: 'invalid' });
    expect(await confirmEmailAddress(verifyLinkIn(mail.text)!)).toEqual({ ok: true, userId: kim.id });
    expect(await findEmailStatus({ userId: kim.id })).toEqual({ email: 'kim.real@example.com', verified: true });
    await drain();
    expect(inbox.messages.filter((m) => m.subject === 'Your Chitter email address was changed')).toEqual([]);
  });
});

describe('limits', () => {
  it('count every try per account, wrong passwords included, so the form cannot be used to guess', async () => {
    const bea = await makeUser({ username: 'bea' });
    const { max } = EMAIL_CHANGE_LIMITS.triesPerAccount;
    for (let i = 0; i < max; i++) expect(await change(bea, `guess${i}@example.com`, { password: `guess ${i}` })).toMatchObject({ ok: false, status: 400 });
    const refused = await change(bea, 'bea.new@example.com');
    expect(refused).toMatchObject({ ok: false, status: 429 });
    expect(refused.ok ? '' : refused.message).toMatch(/^Too many attempts, try again in \d+ minutes?$/);
    expect(await findPendingEmailChange({ userId: bea.id })).toBeNull();
    // Someone else's budget is their own.
    expect(await change(await makeUser({ username: 'sam' }), 'sam.new@example.com')).toMatchObject({ ok: true });
  });

  it('count tries per client address across accounts', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-04T10:00:00Z'));
    const people = [await makeUser({ username: 'p1' }), await makeUser({ username: 'p2' }), await makeUser({ username: 'p3' }), await makeUser({ username: 'p4' })];
    const ip = '198.51.100.7';
    const { max } = EMAIL_CHANGE_LIMITS.triesPerAddress;
    for (let i = 0; i < max; i++) expect(await change(people[i % 4], `x${i}@example.com`, { password: 'wrong password', ip })).toMatchObject({ status: 400 });
    expect(await change(people[0], 'fine@example.com', { ip })).toMatchObject({ ok: false, status: 429 });
    expect(await change(people[0], 'fine@example.com', { ip: '198.51.100.8' })).toMatchObject({ ok: true });
    // An hour later the address may try again.
    vi.setSystemTime(new Date('2031-03-04T11:00:01Z'));
    expect(await change(people[1], 'fine2@example.com', { ip })).toMatchObject({ ok: true });
  });

  it('send one new address no more mail a day than sign-up would', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-04T10:00:00Z'));
    const people = await Promise.all([0, 1, 2].map((i) => makeUser({ username: `asker${i}` })));
    for (let i = 0; i < 5; i++) expect(await change(people[i % 3], 'target@example.com')).toMatchObject({ ok: true });
    expect(await change(people[2], 'target@example.com')).toEqual({ ok: false, status: 429, fieldErrors: { email: ADDRESS_CAPPED } });
    await drain();
    expect(to('target@example.com').length).toBeLessThanOrEqual(5);
  });

  it('count undo presses per client address', async () => {
    const ip = '198.51.100.9';
    for (let i = 0; i < EMAIL_CHANGE_LIMITS.undoPerAddress.max; i++) expect(await undoAddressChange({ token: 'invalid', ip })).toMatchObject({ reason: 'invalid' });
    expect(await undoAddressChange({ token: 'invalid', ip })).toMatchObject({ ok: false, reason: 'limited' });
  });
});

describe('the outbox', () => {
  it('sends the undo notice only while its link works', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const token = await changeAndReadLink(bea, 'bea.new@example.com');
    await confirmEmailAddress(token);
    const db = await getDb();
    // The link was used (another undo from the same address) before the worker came round: the notice stays unsent.
    await db.update(emailVerifications).set({ usedAt: sql`now()` }).where(eq(emailVerifications.purpose, 'undo'));
    await drain();
    expect(to('bea@example.com').filter((m) => m.subject === 'Your Chitter email address was changed')).toEqual([]);
    const [row] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.kind, 'email_changed'), eq(emailOutbox.recipientId, bea.id)));
    expect(row).toMatchObject({ status: 'cancelled', lastError: 'link used' });
  });
});
