import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST as oneClickUnsubscribe } from '@/app/api/unsubscribe/[token]/route';
import { getDb, rowsOf } from '@/db';
import { blockPerson, mutePerson } from '@/db/queries/mutes-and-blocks';
import { deletePeep } from '@/db/queries/peeps';
import { listAncestors, listReplies } from '@/db/queries/threads';
import { findPeep, listPublicTimeline } from '@/db/queries/timelines';
import { findEmailSettings, setEmailSetting } from '@/db/queries/users';
import { emailOutbox, peeps, rateLimits } from '@/db/schema';
import { publishPeep, publishReply } from '@/lib/publish-peep';
import { signUnsubscribeToken } from '@/lib/unsubscribe-token';
import { makeUser } from '../support/factories';
import { mailPerTest } from '../support/mail-per-test';
import { insertPerson } from '../support/rows';

const mail = mailPerTest();

async function post(authorId: number, body: string) {
  const published = await publishPeep({ authorId, body });
  if (published.limited) throw new Error('limited');
  return published.id;
}

async function reply(authorId: number, replyToId: number, body: string, clientKey?: string) {
  const published = await publishReply({ authorId, replyToId, body, clientKey });
  if (published.limited) throw new Error('limited');
  return published;
}

async function replyId(authorId: number, replyToId: number, body: string) {
  const published = await reply(authorId, replyToId, body);
  if ('refused' in published) throw new Error(`refused: ${published.refused}`);
  return published.id;
}

async function peepRow(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(peeps).where(eq(peeps.id, id));
  return row;
}

async function replyRows() {
  const db = await getDb();
  return db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'reply')).orderBy(emailOutbox.id);
}

describe('replying to a peep', () => {
  it('writes the reply with the answered peep and its author taken from that peep, and counts it there', async () => {
    const ana = await makeUser({ username: 'ana' });
    const bo = await makeUser({ username: 'bo' });
    const parent = await post(ana.id, 'what is for lunch?');
    const id = await replyId(bo.id, parent, '@ana soup');
    expect(await peepRow(id)).toMatchObject({ replyToId: parent, replyToUserId: ana.id, isReply: true, authorId: bo.id });
    expect(await findPeep({ id: parent })).toMatchObject({ replyCount: 1, replyTo: null });
    // Timelines show it as a reply to @ana.
    const shown = (await listPublicTimeline({})).items.find((i) => i.peep.id === id)!.peep;
    expect(shown.replyTo).toEqual({ peepId: parent, username: 'ana' });
  });

  it('refuses a reply to a peep that does not exist, writing nothing and counting nothing', async () => {
    const bo = await makeUser({ username: 'bo' });
    const db = await getDb();
    await db.execute(sql`truncate rate_limits`);
    expect(await reply(bo.id, 999_999, 'hello?')).toEqual({ limited: false, refused: 'missing' });
    expect(await db.select().from(peeps)).toEqual([]);
    expect(await db.select().from(rateLimits)).toEqual([]);
  });

  it('refuses a reply across a block, either way, and writes nothing', async () => {
    const ana = await makeUser({ username: 'ana' });
    const bo = await makeUser({ username: 'bo' });
    const cy = await makeUser({ username: 'cy' });
    const parent = await post(ana.id, 'hello');
    await blockPerson({ userId: ana.id, username: 'bo' });
    await blockPerson({ userId: cy.id, username: 'ana' });
    expect(await reply(bo.id, parent, 'hi ana')).toEqual({ limited: false, refused: 'blocked' });
    expect(await reply(cy.id, parent, 'hi ana')).toEqual({ limited: false, refused: 'blocked' });
    expect((await findPeep({ id: parent }))!.replyCount).toBe(0);
    expect(await replyRows()).toEqual([]);
  });

  it('answers a repeat of the same reply (the same form key) with the reply already written', async () => {
    const ana = await makeUser({ username: 'ana' });
    const bo = await makeUser({ username: 'bo' });
    const parent = await post(ana.id, 'hello');
    const key = randomUUID();
    const first = await reply(bo.id, parent, 'hi', key);
    const again = await reply(bo.id, parent, 'hi', key);
    expect(again).toMatchObject({ repeated: true, id: (first as { id: number }).id });
    expect((await findPeep({ id: parent }))!.replyCount).toBe(1);
  });

  it('keeps the reply when the answered peep is deleted: the thread shows the gap and timelines say so', async () => {
    const ana = await makeUser({ username: 'ana' });
    const bo = await makeUser({ username: 'bo' });
    const root = await post(ana.id, 'root');
    const middle = await replyId(bo.id, root, 'middle');
    const leaf = await replyId(ana.id, middle, 'leaf');
    expect(await deletePeep({ peepId: middle, authorId: bo.id })).toBe(true);
    expect(await peepRow(leaf)).toMatchObject({ isReply: true, replyToId: null, replyToUserId: bo.id });
    const thread = await listAncestors({ peepId: leaf });
    expect(thread).toEqual({ ancestors: [], deletedAbove: true, moreAbove: null });
    expect((await findPeep({ id: leaf }))!.replyTo).toEqual({ peepId: null, username: 'bo' });
    // The root lost its only reply.
    expect((await findPeep({ id: root }))!.replyCount).toBe(0);
  });

  it('a reply racing the deletion of its peep is either written before it (and kept) or refused, never an error', async () => {
    const ana = await makeUser({ username: 'ana' });
    const bo = await makeUser({ username: 'bo' });
    for (let i = 0; i < 5; i++) {
      const parent = await post(ana.id, `doomed ${i}`);
      const [answer] = await Promise.all([reply(bo.id, parent, `quick ${i}`), deletePeep({ peepId: parent, authorId: ana.id })]);
      if ('refused' in answer) expect(answer.refused).toBe('missing');
      else expect(await peepRow((answer as { id: number }).id)).toMatchObject({ isReply: true, replyToId: null });
    }
  });
});

describe('a thread', () => {
  it('lists a peep’s ancestors oldest first, hides those by people the viewer hides, and stops after 50', async () => {
    const ana = await makeUser({ username: 'ana' });
    const bo = await makeUser({ username: 'bo' });
    const viewer = await insertPerson('viewer');
    const ids = [await post(ana.id, 'peep 0')];
    for (let i = 1; i <= 55; i++) ids.push(await replyId(i % 2 ? bo.id : ana.id, ids[i - 1], `peep ${i}`));
    await mutePerson({ userId: viewer.id, username: 'bo' });

    const short = await listAncestors({ peepId: ids[3], viewerId: viewer.id });
    expect(short.ancestors.map((a) => a.id)).toEqual(ids.slice(0, 3));
    expect(short.ancestors.map((a) => a.peep?.body ?? null)).toEqual(['peep 0', null, 'peep 2']);
    expect(short).toMatchObject({ deletedAbove: false, moreAbove: null });

    const long = await listAncestors({ peepId: ids[55] });
    expect(long.ancestors.map((a) => a.id)).toEqual(ids.slice(5, 55));
    expect(long.moreAbove).toBe(ids[4]);
  });

  it('pages through replies oldest first with the author’s own first, leaving out people the viewer hides', async () => {
    const ana = await makeUser({ username: 'ana' });
    const people = await Promise.all(['bo', 'cy', 'di'].map((username) => insertPerson(username)));
    const viewer = await insertPerson('viewer');
    const parent = await post(ana.id, 'a thread');
    const db = await getDb();
    const base = Date.parse('2026-11-01T00:00:00Z');
    // Two replies share each time, so only the id orders them; ana answers herself every fifth time.
    const rows = Array.from({ length: 30 }, (_, i) => ({
      authorId: i % 5 === 0 ? ana.id : people[i % 3].id,
      body: `reply ${i}`,
      createdAt: new Date(base + Math.floor(i / 2) * 1000),
      replyToId: parent,
      replyToUserId: ana.id,
      isReply: true,
    }));
    await db.insert(peeps).values(rows);
    await mutePerson({ userId: viewer.id, username: 'cy' });

    const expected = [...rows.filter((r) => r.authorId === ana.id), ...rows.filter((r) => r.authorId !== ana.id && r.authorId !== people[1].id)].map((r) => r.body);
    const seen: string[] = [];
    let after = null;
    for (let page = 0; page < 10; page++) {
      const { replies, next } = await listReplies({ peepId: parent, viewerId: viewer.id, limit: 4, after });
      seen.push(...replies.map((r) => r.body));
      if (!next) break;
      after = next;
    }
    expect(seen).toEqual(expected);
    // Logged out, nobody is hidden.
    expect((await listReplies({ peepId: parent, limit: 100 })).replies).toHaveLength(30);
  });
});

describe('a reply email', () => {
  it('goes once to the answered peep’s author, over SMTP, with its own unsubscribe link, even when the reply mentions them', async () => {
    const ana = await makeUser({ username: 'ana', name: 'Ana Lima' });
    const bo = await makeUser({ username: 'bo', name: 'Bo <b>Ng</b>' });
    const parent = await post(ana.id, 'lunch?');
    const id = await replyId(bo.id, parent, '@ana <i>soup</i> & bread');
    await mail.drain();
    await mail.drain();
    expect(mail.messages).toHaveLength(1);
    const [message] = mail.to(ana.email);
    expect(message.subject).toBe('Bo <b>Ng</b> (@bo) replied to your peep on Chitter');
    expect(message.html).toContain('&lt;i&gt;soup&lt;/i&gt; &amp; bread');
    expect(message.html).toContain(`https://chitter.test/p/${id}`);
    const unsubscribe = message.headers.find((h) => h.key === 'list-unsubscribe')?.value as string;
    expect(unsubscribe).toMatch(/^<https:\/\/chitter\.test\/api\/unsubscribe\/\d+\.reply\.[A-Za-z0-9_-]{43}>$/);
    expect(await replyRows()).toMatchObject([{ status: 'sent', recipientId: ana.id, senderId: bo.id, peepId: id }]);
    const db = await getDb();
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'mention'))).toEqual([]);
  });

  it('is not sent to an unproven address, to oneself, or to someone who mutes the replier', async () => {
    const ana = await makeUser({ username: 'ana', verified: false });
    const bo = await makeUser({ username: 'bo' });
    const cy = await makeUser({ username: 'cy' });
    await replyId(bo.id, await post(ana.id, 'unproven'), 'hi');
    await replyId(bo.id, await post(bo.id, 'my own thread'), 'and more');
    await mutePerson({ userId: cy.id, username: 'bo' });
    await replyId(bo.id, await post(cy.id, 'muting bo'), 'hi cy');
    await mail.drain();
    expect(await replyRows()).toEqual([]);
    // Only the unproven address's own verification link went out.
    expect(mail.messages.map((m) => m.subject)).toEqual(['Confirm your email address for Chitter']);
  });

  it('stops when its kind is unsubscribed, by the one-click link or in settings, and leaves mention mail on', async () => {
    const ana = await makeUser({ username: 'ana' });
    const bo = await makeUser({ username: 'bo' });
    const parent = await post(ana.id, 'hello');
    await replyId(bo.id, parent, 'queued before unsubscribing');
    const response = await oneClickUnsubscribe(new Request('https://chitter.test/api/unsubscribe/x', { method: 'POST' }), {
      params: Promise.resolve({ token: signUnsubscribeToken(ana.id, 'reply') }),
    });
    expect(response.status).toBe(200);
    expect(await findEmailSettings({ userId: ana.id })).toMatchObject({ replyEmails: false, mentionEmails: true });
    await replyId(bo.id, parent, 'after unsubscribing');
    await post(bo.id, '@ana still mentioned');
    await mail.drain();
    expect(mail.messages.map((m) => m.subject)).toEqual(['Person 2 (@bo) mentioned you on Chitter'.replace('Person 2', bo.name)]);
    expect((await replyRows()).map((r) => [r.status, r.lastError])).toEqual([['cancelled', 'unsubscribed']]);
    await setEmailSetting({ userId: ana.id, kind: 'reply', enabled: true });
    await replyId(bo.id, parent, 'back on');
    await mail.drain();
    expect(mail.messages).toHaveLength(2);
  });

  it('shares the mention caps: past five from one sender in an hour the reply is only on the site', async () => {
    const ana = await makeUser({ username: 'ana' });
    const bo = await makeUser({ username: 'bo' });
    const parent = await post(ana.id, 'hello');
    for (let i = 0; i < 3; i++) await post(bo.id, `@ana mention ${i}`);
    for (let i = 0; i < 3; i++) await replyId(bo.id, parent, `reply ${i}`);
    await mail.drain();
    expect(mail.to(ana.email)).toHaveLength(5);
    expect((await replyRows()).map((r) => r.status)).toEqual(['sent', 'sent', 'suppressed']);
    const db = await getDb();
    const [{ count }] = rowsOf<{ count: number }>(await db.execute(sql`select count(*)::int as count from peeps where reply_to_id = ${parent}`));
    expect(count).toBe(3);
  });
});
