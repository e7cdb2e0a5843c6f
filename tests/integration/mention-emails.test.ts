import { eq, inArray, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST as oneClickUnsubscribe } from '@/app/api/unsubscribe/[token]/route';
import { getDb } from '@/db';
import { claimDueEmails, finishEmail } from '@/db/queries/outbox';
import { createPeep, deletePeep } from '@/db/queries/peeps';
import { listPublicTimeline } from '@/db/queries/timelines';
import { findEmailSettings, setMentionEmails } from '@/db/queries/users';
import { emailOutbox, mentions, users } from '@/db/schema';
import { createMailTransport } from '@/lib/email/transport';
import { deliverDueEmails } from '@/lib/email/worker';
import { publishPeep as publishOrRefuse } from '@/lib/publish-peep';
import { signUnsubscribeToken } from '@/lib/unsubscribe-token';
import { makeUser } from '../support/factories';
import { startSmtpServer } from '../support/smtp';

/** Posts as the action does; these people never reach the posting limit. */
async function publishPeep(peep: Parameters<typeof publishOrRefuse>[0]) {
  const published = await publishOrRefuse(peep);
  if (published.limited) throw new Error('limited');
  return published;
}

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
let smtp: Smtp;

beforeEach(async () => {
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await smtp.close();
});

/** The mention rows (sign-up also queues verification mail, which these tests do not look at). */
async function outboxRows() {
  const db = await getDb();
  return db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'mention')).orderBy(emailOutbox.id);
}

// The caps as configured, and with the per-peep cap out of the way for tests about delivery itself.
const MAIL = { delaySeconds: 0, perSenderPerHour: 5, perRecipientPerDay: 20, perPeep: 5 };
const NO_PER_PEEP_CAP = { ...MAIL, perPeep: 1000 };

async function drain(send = createMailTransport(smtp.url)) {
  let total = 0;
  for (let handled = -1; handled !== 0; total += handled) handled = await deliverDueEmails({ send });
  return total + 1;
}

/** People with proven addresses inserted directly (no argon2), for tests that need many. */
async function manyPeople(count: number, prefix: string) {
  const db = await getDb();
  return db
    .insert(users)
    .values(Array.from({ length: count }, (_, i) => ({ username: `${prefix}${i}`, email: `${prefix}${i}@example.com`, name: `${prefix} ${i}`, passwordHash: 'not-a-login', emailVerifiedAt: new Date() })))
    .returning({ id: users.id, username: users.username, email: users.email });
}

describe('a mention email', () => {
  it('is sent exactly once, to the mentioned person, with the headers, escaped HTML and plain text', async () => {
    const sam = await makeUser({ username: 'sjmog', name: 'Sam "<b>" Morgan' });
    const bea = await makeUser({ username: 'Bea', email: 'Bea@Example.com', name: 'Bea Chen' });
    const body = 'hey @bea <script>alert(1)</script> & "friends"\nsee you';
    const peep = await publishPeep({ authorId: sam.id, body });

    await drain();
    await drain();

    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    // Exactly one recipient, the stored address (mail software may lower-case the domain, which is case-insensitive).
    expect(mail.envelopeTo.map((a) => a.toLowerCase())).toEqual(['bea@example.com']);
    expect(mail.to?.map((t) => t.address?.toLowerCase())).toEqual(['bea@example.com']);
    expect(mail.cc ?? []).toEqual([]);
    expect(mail.bcc ?? []).toEqual([]);
    expect(mail.from).toEqual({ address: 'no-reply@chitter.test', name: 'Chitter' });
    expect(mail.subject).toBe('Sam "<b>" Morgan (@sjmog) mentioned you on Chitter');
    const [row] = await outboxRows();
    expect(mail.messageId).toBe(`<mention-${row.id}@chitter.test>`);
    const header = (name: string) => mail.headers.find((h) => h.key === name)?.value;
    expect(header('list-unsubscribe')).toMatch(/^<https:\/\/chitter\.test\/api\/unsubscribe\/\d+\.mention\.[A-Za-z0-9_-]{43}>$/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain(`https://chitter.test/p/${peep.id}`);
    expect(mail.html).toContain('Sam &quot;&lt;b&gt;&quot; Morgan');
    expect(mail.text).toContain('hey @bea <script>alert(1)</script> & "friends"');
    expect(mail.text).toContain('https://chitter.test/unsubscribe/');
    expect(row).toMatchObject({ status: 'sent', attempts: 1, recipientId: bea.id, senderId: sam.id });
  });

  it('is stored as a mention row with the peep and listed with it, once however often the handle repeats', async () => {
    const sam = await makeUser({ username: 'sam' });
    await makeUser({ username: 'Bea' });
    await publishPeep({ authorId: sam.id, body: '@bea @BEA @Bea hello' });
    const db = await getDb();
    expect(await db.select().from(mentions)).toHaveLength(1);
    expect((await listPublicTimeline({})).items[0].peep.mentions).toEqual(['Bea']);
    expect(await outboxRows()).toHaveLength(1);
  });

  it('is not sent for a self-mention or an unknown handle, though a self-mention still links', async () => {
    const sam = await makeUser({ username: 'sam' });
    await publishPeep({ authorId: sam.id, body: 'talking to myself @sam and to @nobody_here' });
    expect(await outboxRows()).toHaveLength(0);
    expect((await listPublicTimeline({})).items[0].peep.mentions).toEqual(['sam']);
    await drain();
    expect(smtp.messages).toHaveLength(0);
  });

  it('waits for the configured delay, and is not sent at all when the peep is deleted meanwhile', async () => {
    const sam = await makeUser();
    const bea = await makeUser({ username: 'bea' });
    const mail = { ...MAIL, delaySeconds: 60 };
    await createPeep({ authorId: sam.id, body: 'later @bea', mentionHandles: ['bea'], mail });
    await drain();
    expect(smtp.messages).toHaveLength(0);
    expect((await outboxRows())[0].status).toBe('pending');

    const doomed = await publishPeep({ authorId: sam.id, body: 'oops @bea' });
    expect(await deletePeep({ peepId: doomed.id, authorId: bea.id })).toBe(false);
    expect(await deletePeep({ peepId: doomed.id, authorId: sam.id })).toBe(true);
    await drain();
    expect(smtp.messages).toHaveLength(0);
    expect((await outboxRows())[1]).toMatchObject({ status: 'cancelled', peepId: null });
  });

  it('is not queued for someone who turned mention emails off, and is dropped if they turn them off before it goes', async () => {
    const sam = await makeUser();
    const bea = await makeUser({ username: 'bea' });
    const kim = await makeUser({ username: 'kim' });
    await setMentionEmails({ userId: bea.id, enabled: false });
    await publishPeep({ authorId: sam.id, body: '@bea @kim hi' });
    expect((await outboxRows()).map((r) => r.recipientId)).toEqual([kim.id]);
    await setMentionEmails({ userId: kim.id, enabled: false });
    await drain();
    expect(smtp.messages).toHaveLength(0);
    expect((await outboxRows())[0]).toMatchObject({ status: 'cancelled', lastError: 'unsubscribed' });
  });

  it('goes out at most 5 times an hour from one sender to one person; the rest still mention but send nothing', async () => {
    const sam = await makeUser({ username: 'sam' });
    const kim = await makeUser({ username: 'kim' });
    const bea = await makeUser({ username: 'bea' });
    await Promise.all(Array.from({ length: 7 }, (_, i) => publishPeep({ authorId: sam.id, body: `@bea ping ${i}` })));
    await publishPeep({ authorId: kim.id, body: '@bea from someone else' });
    await drain();
    expect(smtp.messages).toHaveLength(6);
    const rows = await outboxRows();
    expect(rows.filter((r) => r.senderId === sam.id && r.status === 'suppressed')).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'sent').map((r) => r.senderId).sort()).toEqual([...Array(5).fill(sam.id), kim.id].sort());
    expect(new Set(rows.map((r) => r.recipientId))).toEqual(new Set([bea.id]));
    expect((await listPublicTimeline({})).items.filter((i) => i.peep.mentions.includes('bea'))).toHaveLength(8);
  });
});

describe('delivery', () => {
  it('survives a mail server that is down: the email waits with backoff and arrives once when it is back', async () => {
    const sam = await makeUser();
    await makeUser({ username: 'bea' });
    const port = smtp.port;
    await smtp.close();
    await publishPeep({ authorId: sam.id, body: 'are you there @bea' });

    await drain(createMailTransport(`smtp://127.0.0.1:${port}`));
    const [waiting] = await outboxRows();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(waiting.runAfter.getTime()).toBeGreaterThan(Date.now() + 10_000);

    smtp = await startSmtpServer({ port });
    await drain(createMailTransport(smtp.url));
    expect(smtp.messages).toHaveLength(0); // not due yet: backoff is respected

    const db = await getDb();
    await db.update(emailOutbox).set({ runAfter: sql`now()` }).where(eq(emailOutbox.id, waiting.id));
    await drain(createMailTransport(smtp.url));
    await drain(createMailTransport(smtp.url));
    expect(smtp.messages).toHaveLength(1);
    expect((await outboxRows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('does not retry a permanent refusal (550) but does retry a temporary one (451)', async () => {
    const sam = await makeUser();
    await makeUser({ username: 'bea' });
    await makeUser({ username: 'kim' });
    await smtp.close();
    let reply = 550;
    smtp = await startSmtpServer({ refuse: () => reply });
    await publishPeep({ authorId: sam.id, body: '@bea' });
    await drain();
    reply = 451;
    await publishPeep({ authorId: sam.id, body: '@kim' });
    await drain();
    const [permanent, temporary] = await outboxRows();
    expect(permanent).toMatchObject({ status: 'failed', attempts: 1 });
    expect(permanent.lastError).toMatch(/550/);
    expect(temporary).toMatchObject({ status: 'pending', attempts: 1 });
    expect(smtp.messages).toHaveLength(0);
  });

  it('marks an email failed after the last allowed attempt', async () => {
    const sam = await makeUser();
    await makeUser({ username: 'bea' });
    await smtp.close();
    smtp = await startSmtpServer({ refuse: () => 421 });
    await publishPeep({ authorId: sam.id, body: '@bea' });
    const db = await getDb();
    for (let i = 0; i < 3; i++) {
      await deliverDueEmails({ send: createMailTransport(smtp.url), maxAttempts: 3 });
      await db.update(emailOutbox).set({ runAfter: sql`now()` }).where(eq(emailOutbox.status, 'pending'));
    }
    expect((await outboxRows())[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('with two workers over 100 queued emails, sends 100 distinct emails and none twice', async () => {
    const sam = await makeUser();
    const people = await manyPeople(100, 'reader');
    await createPeep({ authorId: sam.id, body: 'hello everyone', mentionHandles: people.map((p) => p.username), mail: NO_PER_PEEP_CAP });
    expect(await outboxRows()).toHaveLength(100);

    const worker = async () => {
      const send = createMailTransport(smtp.url);
      while ((await deliverDueEmails({ send, batchSize: 7 })) > 0);
    };
    await Promise.all([worker(), worker()]);

    expect(smtp.messages).toHaveLength(100);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(100);
    expect(new Set(smtp.messages.flatMap((m) => m.envelopeTo)).size).toBe(100);
    expect((await outboxRows()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('loses nothing when a worker dies holding a batch: another reclaims it when the lease runs out', async () => {
    const sam = await makeUser();
    const people = await manyPeople(12, 'fan');
    await drain(); // settles Sam's own sign-up mail, so the batches below are all mentions
    await createPeep({ authorId: sam.id, body: 'hi all', mentionHandles: people.map((p) => p.username), mail: NO_PER_PEEP_CAP });

    const dead = await claimDueEmails({ limit: 5, leaseMs: 60_000 });
    expect(dead).toHaveLength(5);
    await drain();
    expect(smtp.messages).toHaveLength(7); // the claimed five are still leased

    // The lease runs out: end it a moment ago rather than wait for it.
    const db = await getDb();
    await db.update(emailOutbox).set({ lockedUntil: sql`now() - interval '1 second'` }).where(inArray(emailOutbox.id, dead.map((d) => d.id)));
    await drain();
    expect(smtp.messages).toHaveLength(12);
    const reclaimed = (await outboxRows()).filter((r) => dead.some((d) => d.id === r.id));
    expect(reclaimed.map((r) => [r.status, r.attempts])).toEqual(Array.from({ length: 5 }, () => ['sent', 2]));
    expect(new Set(smtp.messages.flatMap((m) => m.envelopeTo)).size).toBe(12);
    // The dead worker, were it to wake, can no longer record anything over the new owner's result.
    expect(await finishEmail({ ...dead[0], outcome: { status: 'failed', error: 'late' } })).toBe(false);
    expect((await outboxRows()).every((r) => r.status === 'sent')).toBe(true);
  });
});

describe('a worker that is stopping', () => {
  it('finishes the message it is sending, then hands the rest of its batch back, due at once and with no try spent', async () => {
    const sam = await makeUser();
    const people = await manyPeople(6, 'late');
    await drain(); // settles Sam's own sign-up mail, so the batch below is all mentions
    await createPeep({ authorId: sam.id, body: 'hello', mentionHandles: people.map((p) => p.username), mail: NO_PER_PEEP_CAP });
    const transport = createMailTransport(smtp.url);
    let stopping = false;
    const handled = await deliverDueEmails({
      batchSize: 6,
      send: async (message) => {
        await transport(message);
        stopping = true;
      },
      stopping: () => stopping,
    });

    expect(handled).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    const rows = await outboxRows();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'pending' && r.attempts === 0 && r.lockedUntil === null)).toHaveLength(5);

    await drain();
    expect(smtp.messages).toHaveLength(6);
    expect(new Set(smtp.messages.flatMap((m) => m.envelopeTo)).size).toBe(6);
  });
});

describe('one-click unsubscribe', () => {
  const call = (token: string) =>
    oneClickUnsubscribe(new Request(`https://chitter.test/api/unsubscribe/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' }), {
      params: Promise.resolve({ token }),
    });

  it('turns mention emails off with a valid token and refuses a tampered one', async () => {
    const bea = await makeUser({ username: 'bea' });
    const kim = await makeUser({ username: 'kim' });
    const token = signUnsubscribeToken(bea.id, 'mention');

    const forged = token.replace(/^\d+/, String(kim.id));
    expect((await call(forged)).status).toBe(400);
    expect((await call(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).status).toBe(400);
    expect((await findEmailSettings({ userId: kim.id }))?.mentionEmails).toBe(true);
    expect((await findEmailSettings({ userId: bea.id }))?.mentionEmails).toBe(true);

    expect((await call(token)).status).toBe(200);
    expect((await findEmailSettings({ userId: bea.id }))?.mentionEmails).toBe(false);
    expect((await findEmailSettings({ userId: kim.id }))?.mentionEmails).toBe(true);
  });
});

describe('mail caps and the daily digest', () => {
  const mentionMails = () => smtp.messages.filter((m) => m.subject?.includes('mentioned you on Chitter'));
  const digests = () => smtp.messages.filter((m) => m.subject?.startsWith('You were mentioned in'));
  async function makeDigestsDue() {
    const db = await getDb();
    await db.update(emailOutbox).set({ runAfter: sql`now()` }).where(eq(emailOutbox.kind, 'mention_digest'));
  }

  it('emails at most 5 people per peep, tells the author, and the others get it in their digest the next day', async () => {
    const sam = await makeUser({ username: 'sam' });
    const people = await manyPeople(8, 'pal');
    const body = `party! ${people.map((p) => `@${p.username}`).join(' ')}`;
    const peep = await publishPeep({ authorId: sam.id, body });
    expect(peep.mailNotice).toBe('Only the first 5 of the 8 people you mentioned can get an email about this peep; the others will see it on Chitter.');
    expect((await publishPeep({ authorId: sam.id, body: '@pal0 @pal1 just you two' })).mailNotice).toBeUndefined();

    await drain();
    // The first five mentioned, in the peep's order.
    expect(new Set(mentionMails().filter((m) => m.text?.includes('party!')).flatMap((m) => m.envelopeTo))).toEqual(new Set(people.slice(0, 5).map((p) => p.email)));
    expect(digests()).toHaveLength(0);
    const db = await getDb();
    const waiting = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'mention_digest'));
    expect(waiting.map((w) => w.recipientId).sort()).toEqual(people.slice(5).map((p) => p.id).sort());
    for (const w of waiting) expect(w.runAfter.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    await makeDigestsDue();
    await drain();
    await drain();
    expect(digests()).toHaveLength(3);
    expect(new Set(digests().flatMap((m) => m.envelopeTo))).toEqual(new Set(people.slice(5).map((p) => p.email)));
    for (const digest of digests()) {
      expect(digest.subject).toBe('You were mentioned in 1 peep on Chitter, by @sam');
      expect(digest.text).toContain('party!');
      expect(digest.html).toContain(`https://chitter.test/p/${peep.id}`);
    }
    // Everyone mentioned still sees the mention on the site.
    expect((await listPublicTimeline({})).items.find((i) => i.peep.id === peep.id)?.peep.mentions).toHaveLength(8);
  });

  it('emails one person at most 20 mentions a day from everyone together, and lists the rest in one digest', async () => {
    const bea = await makeUser({ username: 'bea', email: 'bea@example.com' });
    const senders = await manyPeople(23, 'fan');
    for (const [i, sender] of senders.entries()) await publishPeep({ authorId: sender.id, body: `@bea number ${i}` });
    await drain();
    expect(mentionMails().filter((m) => m.envelopeTo.includes('bea@example.com'))).toHaveLength(20);

    const db = await getDb();
    const held = await db.select().from(emailOutbox).where(eq(emailOutbox.status, 'digest'));
    expect(held).toHaveLength(3);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'mention_digest'))).toHaveLength(1);

    await makeDigestsDue();
    await drain();
    await drain();
    expect(digests()).toHaveLength(1);
    const [digest] = digests();
    expect(digest.envelopeTo).toEqual(['bea@example.com']);
    expect(digest.subject).toBe('You were mentioned in 3 peeps on Chitter, by @fan20, @fan21, @fan22');
    for (const i of [20, 21, 22]) expect(digest.text).toContain(`@bea number ${i}`);
    expect(digest.text).not.toContain('@bea number 19');
    expect(digest.headers.find((h) => h.key === 'list-unsubscribe')?.value).toMatch(/\/api\/unsubscribe\//);
    const after = await db.select({ status: emailOutbox.status }).from(emailOutbox).where(inArray(emailOutbox.id, held.map((h) => h.id)));
    expect(after.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(bea.id).toBeGreaterThan(0);
  });

  it('sends no digest to someone who turned mention emails off meanwhile', async () => {
    const sam = await makeUser({ username: 'sam' });
    const people = await manyPeople(6, 'mate');
    await publishPeep({ authorId: sam.id, body: people.map((p) => `@${p.username}`).join(' ') });
    await setMentionEmails({ userId: people[5].id, enabled: false });
    await makeDigestsDue();
    await drain();
    expect(digests()).toHaveLength(0);
    const db = await getDb();
    expect((await db.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.recipientId, people[5].id))).map((r) => r.status).sort()).toEqual([
      'cancelled',
      'cancelled',
    ]);
  });
});
