import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { uniqueViolation } from '../errors';
import { getDb, rowsOf, type Tx } from '../index';
import { peepTags as tagsOf } from '@/lib/hashtags';
import { emailOutbox, mentions, peeps, peepTags, users } from '../schema';
import { hiddenByBlock, hiddenFrom } from './mutes-and-blocks';
import { countHits, countHitsCte, countedOf, type Counted, type LimitWindow } from './rate-limits';

/** The caps on mention mail: per sender and recipient an hour, per recipient a day, and people mailed per peep. */
export type MentionMail = { delaySeconds: number; perSenderPerHour: number; perRecipientPerDay: number; perPeep: number };

// Rows that were (or will be) a mention mail of their own, as the caps count them.
const MAILED = sql`${emailOutbox.status} not in ('suppressed', 'digest')`;

/**
 * Writes a peep, its tags, its mentions and one outbox row per person to email, in one transaction: the mail is as durable as
 * the peep, and the person posting never waits for a mail server. Only proven addresses with mention emails on get
 * a row. Past the per-pair hourly cap a mention is not mailed at all; past the per-peep or per-recipient daily cap
 * it waits for that person's daily digest. Returns how many people (other than the author) the peep mentions.
 */
export async function createPeep({ mentionHandles = [], ...peep }: NewPeep): Promise<Peep> {
  const db = await getDb();
  if (mentionHandles.length === 0 && !peep.replyToId && tagsOf(peep.body).length === 0) {
    const [written] = await db.insert(peeps).values({ authorId: peep.authorId, body: peep.body, clientKey: peep.clientKey }).returning({ id: peeps.id, createdAt: peeps.createdAt });
    return { ...written, mentioned: 0 };
  }
  return db.transaction((tx) => writeWithMentions(tx, { ...peep, mentionHandles }));
}

/**
 * What posting with createPeepWithinLimits came to: the peep written; the peep this author already posted with the
 * same `clientKey` (nothing written or counted again); or refused by a limit (nothing written). `counted` is each
 * limit window's hits with this write's.
 */
export type PeepWrite = { outcome: 'written'; peep: Peep; counted: Counted } | { outcome: 'repeated'; peep: Peep } | { outcome: 'limited'; counted: Counted } | { outcome: 'refused'; reason: ReplyRefusal };

/**
 * createPeep, counted against the author's posting limits as part of the write: every window gains a hit, and the
 * peep is written only when all are within their limits. A peep that mentions nobody is one statement, count,
 * repeat check and tags all. A key is saved once per author (a unique index): a repeat of the same text, even one racing
 * the first, answers with the first peep. Other text under a used key (two tabs of one cached page) is a new peep,
 * posted without a key.
 */
export async function createPeepWithinLimits({ limits, ...peep }: NewPeep & { limits: LimitWindow[] }): Promise<PeepWrite> {
  const db = await getDb();
  const key = peep.clientKey ?? null;
  if (!peep.mentionHandles?.length && !peep.replyToId) {
    const rows = rowsOf<WriteRow>(
      await db.execute(sql`with existing as (${firstWithKey(peep.authorId, key)}),
        ${countHitsCte(limits, { onlyIf: sql`not exists (select 1 from existing where body = ${peep.body})` })},
        written as (
          insert into ${peeps} (author_id, body, client_key)
          select ${peep.authorId}, ${peep.body}, case when exists (select 1 from existing) then null else ${key}::uuid end from within_limits where ok
          on conflict (author_id, client_key) where client_key is not null do nothing
          returning id, created_at)${tagsWritten(peep.body)}
        select counted.key, counted.hits, within_limits.ok, written.id, written.created_at,
          existing.id as first_id, existing.created_at as first_created_at, existing.mentioned as first_mentioned
        from (values (1)) as one (x) left join counted on true left join within_limits on true left join written on true
          left join existing on existing.body = ${peep.body}`),
    );
    const [row] = rows;
    if (row.first_id != null) return { outcome: 'repeated', peep: peepOf({ id: row.first_id, created_at: row.first_created_at!, mentioned: row.first_mentioned }) };
    if (row.id != null) return { outcome: 'written', peep: peepOf({ id: row.id, created_at: row.created_at!, mentioned: 0 }), counted: countedOf(limits, rows as { key: string; hits: number }[]) };
    if (!row.ok) return { outcome: 'limited', counted: countedOf(limits, rows as { key: string; hits: number }[]) };
    // Within limits but not written: a post with the same key committed while this one ran.
    return repeatOf({ ...peep, limits });
  }
  if (key) {
    const [first] = rowsOf<FirstRow>(await db.execute(firstWithKey(peep.authorId, key)));
    if (first) return first.body === peep.body ? { outcome: 'repeated', peep: peepOf(first) } : createPeepWithinLimits({ ...peep, clientKey: undefined, limits });
  }
  try {
    return await db.transaction(async (tx): Promise<PeepWrite> => {
      const { ok, counted } = await countHits(tx, limits);
      return ok ? { outcome: 'written', peep: await writeWithMentions(tx, peep), counted } : { outcome: 'limited', counted };
    });
  } catch (err) {
    // A racing post with the same key won: this transaction, its count included, rolled back.
    if (key && uniqueViolation(err) === 'peeps_author_client_key_key') return repeatOf({ ...peep, limits });
    // Nothing was written, the count included.
    if (err instanceof ReplyRefused) return { outcome: 'refused', reason: err.reason };
    throw err;
  }
}

/** A CTE filing the peep `written` returns under its tags, at its time; nothing for a peep without tags. */
function tagsWritten(body: string): SQL {
  const tags = tagsOf(body);
  if (tags.length === 0) return sql``;
  return sql`, tagged as (insert into ${peepTags} (peep_id, tag, created_at)
    select written.id, t.tag, written.created_at from written cross join unnest(array[${sql.join(tags.map((t) => sql`${t}`), sql`, `)}]::text[]) as t (tag))`;
}

type FirstRow = { id: string | number; body: string; created_at: Date | string; mentioned: number | string };
type WriteRow = { key: string | null; hits: number | null; ok: boolean | null; id: string | number | null; created_at: Date | string | null; first_id: string | number | null; first_created_at: Date | string | null; first_mentioned: number | string };

/** The author's peep posted with `key`, with how many people other than its author it mentions. */
function firstWithKey(authorId: number, key: string | null): SQL {
  return sql`select p.id, p.body, p.created_at, (select count(*) from ${mentions} m where m.peep_id = p.id and m.user_id <> p.author_id)::int as mentioned
    from ${peeps} p where p.author_id = ${authorId} and p.client_key = ${key}::uuid`;
}

/** The peep that won a race for this key; if its text differs, this one is posted without the key. */
async function repeatOf(peep: NewPeep & { limits: LimitWindow[] }): Promise<PeepWrite> {
  const db = await getDb();
  const [first] = rowsOf<FirstRow>(await db.execute(firstWithKey(peep.authorId, peep.clientKey!)));
  return first.body === peep.body ? { outcome: 'repeated', peep: peepOf(first) } : createPeepWithinLimits({ ...peep, clientKey: undefined });
}

const peepOf = (row: { id: string | number; created_at: Date | string; mentioned: number | string }): Peep => ({
  id: Number(row.id),
  createdAt: new Date(row.created_at),
  mentioned: Number(row.mentioned),
});

type NewPeep = { authorId: number; body: string; clientKey?: string; mentionHandles?: string[]; mail?: MentionMail; replyToId?: number };
type Peep = { id: number; createdAt: Date; mentioned: number };

/** Why a reply was not written: the peep it answers is gone (or never was), or one of the two people blocks the other. */
export type ReplyRefusal = 'missing' | 'blocked';

/** Thrown inside the write's transaction so that all of it, the limits' count included, rolls back. */
class ReplyRefused extends Error {
  constructor(readonly reason: ReplyRefusal) {
    super(`reply refused: ${reason}`);
  }
}

type Parent = { id: number; authorId: number };

/**
 * Inserts a reply with its parent's id and author read from the parent row in the same statement. The parent is held
 * (key share) until the transaction ends, so it cannot be deleted between this read and the commit; one deleted before
 * it, or never there, or whose author and the replier block one another, inserts nothing and refuses the reply.
 */
async function insertReply(tx: Tx, { authorId, body, clientKey, replyToId }: NewPeep & { replyToId: number }): Promise<{ id: number; createdAt: Date; parent: Parent }> {
  const [row] = rowsOf<{ id: string; created_at: Date | string; parent_author_id: string }>(
    await tx.execute(sql`insert into ${peeps} (author_id, body, client_key, reply_to_id, reply_to_user_id, is_reply)
      select ${authorId}, ${body}, ${clientKey ?? null}::uuid, parent.id, parent.author_id, true
      from (select id, author_id from ${peeps} where id = ${replyToId} for key share) parent
      where not ${hiddenByBlock(authorId, sql`parent.author_id`)}
      returning id::text, created_at, reply_to_user_id::text as parent_author_id`),
  );
  if (row) return { id: Number(row.id), createdAt: new Date(row.created_at), parent: { id: replyToId, authorId: Number(row.parent_author_id) } };
  const [parent] = await tx.select({ id: peeps.id }).from(peeps).where(eq(peeps.id, replyToId));
  throw new ReplyRefused(parent ? 'blocked' : 'missing');
}

async function writeWithMentions(tx: Tx, { mentionHandles = [], mail, ...fields }: NewPeep): Promise<Peep> {
  const { authorId, body, clientKey, replyToId } = fields;
  const reply = replyToId ? await insertReply(tx, { ...fields, replyToId }) : null;
  const [peep] = reply ? [{ id: reply.id, createdAt: reply.createdAt }] : await tx.insert(peeps).values({ authorId, body, clientKey }).returning({ id: peeps.id, createdAt: peeps.createdAt });
  const tags = tagsOf(body);
  if (tags.length > 0) await tx.insert(peepTags).values(tags.map((tag) => ({ peepId: peep.id, tag, createdAt: peep.createdAt })));
  const found = mentionHandles.length === 0 ? [] : await tx
    .select({
      id: users.id,
      username: users.username,
      mentionEmails: users.mentionEmails,
      verified: sql<boolean>`${users.emailVerifiedAt} is not null`,
      hidesAuthor: sql<boolean>`${hiddenFrom(sql`${users.id}`, authorId)}`,
    })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, mentionHandles.map((h) => h.toLowerCase())))
    // Held as the mentions' foreign keys would hold them: a person deleting their account meanwhile is either
    // skipped here or waits, and their mentions go with them, instead of the peep failing.
    .for('key share');
  if (found.length > 0) await tx.insert(mentions).values(found.map((u) => ({ peepId: peep.id, userId: u.id, handle: u.username.toLowerCase() })));
  // In the order the peep mentions them: the per-peep cap mails the first ones.
  const position = new Map(mentionHandles.map((h, i) => [h.toLowerCase(), i]));
  const others = found.filter((u) => u.id !== authorId).sort((a, b) => position.get(a.username.toLowerCase())! - position.get(b.username.toLowerCase())!);
  if (!mail) return { ...peep, mentioned: others.length };
  const answered = reply && reply.parent.authorId !== authorId ? await replyRecipient(tx, reply.parent.authorId, authorId) : null;
  // Someone who mutes or blocks the author (or is blocked by them) is never mailed about them, and nothing says so.
  // The person replied to gets one mail, about the reply, even when it also mentions them.
  const recipients: MailRecipient[] = [
    ...others.map((u, rank) => ({ ...u, rank, kind: 'mention' as const })).filter((u) => u.id !== reply?.parent.authorId && u.mentionEmails && u.verified && !u.hidesAuthor),
    ...(answered?.mailable ? [{ id: answered.id, rank: 0, kind: 'reply' as const }] : []),
  ];
  await queueMentionAndReplyMail(tx, { authorId, peepId: peep.id, recipients, mail });
  return { ...peep, mentioned: others.length };
}

type MailRecipient = { id: number; rank: number; kind: 'mention' | 'reply' };

/** Whether the author of the peep answered would get a mail about the reply: proven address, reply mail on, not hiding the replier. */
async function replyRecipient(tx: Tx, recipientId: number, authorId: number): Promise<{ id: number; mailable: boolean } | null> {
  const [row] = await tx
    .select({ id: users.id, mailable: sql<boolean>`${users.replyEmails} and ${users.emailVerifiedAt} is not null and not ${hiddenFrom(sql`${users.id}`, authorId)}` })
    .from(users)
    .where(eq(users.id, recipientId));
  return row ?? null;
}

/**
 * One outbox row per recipient of a mention or reply mail, within caps that count both kinds together: past the
 * per-pair hourly cap nothing is mailed; a mention past the per-peep or per-recipient daily cap waits for the daily
 * digest, and a reply past the daily cap is only on the site.
 */
async function queueMentionAndReplyMail(tx: Tx, { authorId, peepId, recipients, mail }: { authorId: number; peepId: number; recipients: MailRecipient[]; mail: MentionMail }) {
  // Serialise posts to each recipient, so the caps hold under concurrent posts; locks are taken in id order so two
  // peeps mentioning the same people in different orders cannot deadlock.
  for (const id of recipients.map((r) => r.id).sort((a, b) => a - b)) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`mention-mail:${id}`}, 0))`);
  }
  for (const recipient of recipients) {
    const [{ fromSender, fromEveryone }] = await tx
      .select({
        fromSender: sql<number>`(count(*) filter (where ${emailOutbox.senderId} = ${authorId} and ${emailOutbox.createdAt} > now() - interval '1 hour'))::int`,
        fromEveryone: sql<number>`count(*)::int`,
      })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.recipientId, recipient.id), inArray(emailOutbox.kind, ['mention', 'reply']), MAILED, sql`${emailOutbox.createdAt} > now() - interval '1 day'`));
    const overDay = recipient.rank >= mail.perPeep || fromEveryone >= mail.perRecipientPerDay;
    const status = fromSender >= mail.perSenderPerHour ? 'suppressed' : !overDay ? 'pending' : recipient.kind === 'mention' ? 'digest' : 'suppressed';
    await tx.insert(emailOutbox).values({
      kind: recipient.kind,
      recipientId: recipient.id,
      senderId: authorId,
      peepId,
      status,
      runAfter: sql`now() + ${`${mail.delaySeconds} seconds`}::interval`,
    });
    if (status === 'digest') {
      // One digest waits per person, a day after the first mention it holds.
      await tx
        .insert(emailOutbox)
        .values({ kind: 'mention_digest', recipientId: recipient.id, runAfter: sql`now() + interval '1 day'` })
        .onConflictDoNothing({ target: emailOutbox.recipientId, where: sql`kind = 'mention_digest' and status = 'pending'` });
    }
  }
}

/**
 * Deletes a peep if `authorId` wrote it, in one transaction with all that hangs on it: its likes, reposts, mentions,
 * tags and notifications go by their foreign keys, and its mail that has not gone yet is cancelled here rather than
 * left for the worker to find the peep gone (a digest would otherwise still count it). Mail being sent right now is
 * the worker's: it reads the peep at send time. Replies stay, as replies to a deleted peep.
 */
export async function deletePeep({ peepId, authorId }: { peepId: number; authorId: number }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Locked first, so the mail is cancelled only for a peep this author is about to delete.
    const [found] = await tx.select({ id: peeps.id }).from(peeps).where(and(eq(peeps.id, peepId), eq(peeps.authorId, authorId))).for('update');
    if (!found) return false;
    await tx
      .update(emailOutbox)
      .set({ status: 'cancelled', lastError: 'peep deleted' })
      .where(and(eq(emailOutbox.peepId, peepId), inArray(emailOutbox.status, ['pending', 'digest'])));
    await tx.delete(peeps).where(eq(peeps.id, peepId));
    return true;
  });
}

/** Which of these handles belong to people on Chitter, as they spell them. */
export async function findExistingHandles({ handles }: { handles: string[] }): Promise<string[]> {
  if (handles.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, handles.map((h) => h.toLowerCase())));
  return rows.map((r) => r.username);
}
