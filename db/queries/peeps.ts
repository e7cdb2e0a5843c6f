import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb, rowsOf, type Tx } from '../index';
import { emailOutbox, mentions, peeps, users } from '../schema';
import { countHits, countHitsCte, countedOf, type Counted, type LimitWindow } from './rate-limits';

/** The caps on mention mail: per sender and recipient an hour, per recipient a day, and people mailed per peep. */
export type MentionMail = { delaySeconds: number; perSenderPerHour: number; perRecipientPerDay: number; perPeep: number };

// Rows that were (or will be) a mention mail of their own, as the caps count them.
const MAILED = sql`${emailOutbox.status} not in ('suppressed', 'digest')`;

/**
 * Writes a peep, its mentions and one outbox row per person to email, in one transaction: the mail is as durable as
 * the peep, and the person posting never waits for a mail server. Only proven addresses with mention emails on get
 * a row. Past the per-pair hourly cap a mention is not mailed at all; past the per-peep or per-recipient daily cap
 * it waits for that person's daily digest. Returns how many people (other than the author) the peep mentions.
 */
export async function createPeep({ authorId, body, mentionHandles = [], mail }: NewPeep): Promise<Peep> {
  const db = await getDb();
  if (mentionHandles.length === 0) {
    const [peep] = await db.insert(peeps).values({ authorId, body }).returning({ id: peeps.id, createdAt: peeps.createdAt });
    return { ...peep, mentioned: 0 };
  }
  return db.transaction((tx) => writeWithMentions(tx, { authorId, body, mentionHandles, mail }));
}

/**
 * createPeep, counted against the author's posting limits as part of the write: every window gains a hit, and the
 * peep is written only when all are within their limits (`peep` is null otherwise). A peep that mentions nobody is
 * one statement, count and all.
 */
export async function createPeepWithinLimits({ limits, ...peep }: NewPeep & { limits: LimitWindow[] }): Promise<{ counted: Counted; peep: Peep | null }> {
  const db = await getDb();
  if (!peep.mentionHandles?.length) {
    const rows = rowsOf<{ key: string; hits: number; id: string | number | null; created_at: Date | string | null }>(
      await db.execute(sql`with ${countHitsCte(limits)},
        written as (insert into ${peeps} (author_id, body) select ${peep.authorId}, ${peep.body} from within_limits where ok returning id, created_at)
        select counted.key, counted.hits, written.id, written.created_at from counted left join written on true`),
    );
    const [first] = rows;
    const written = first?.id == null ? null : { id: Number(first.id), createdAt: new Date(first.created_at!), mentioned: 0 };
    return { counted: countedOf(limits, rows), peep: written };
  }
  return db.transaction(async (tx) => {
    const { ok, counted } = await countHits(tx, limits);
    return { counted, peep: ok ? await writeWithMentions(tx, peep) : null };
  });
}

type NewPeep = { authorId: number; body: string; mentionHandles?: string[]; mail?: MentionMail };
type Peep = { id: number; createdAt: Date; mentioned: number };

async function writeWithMentions(tx: Tx, { authorId, body, mentionHandles = [], mail }: NewPeep): Promise<Peep> {
  const [peep] = await tx.insert(peeps).values({ authorId, body }).returning({ id: peeps.id, createdAt: peeps.createdAt });
  const found = await tx
    .select({ id: users.id, username: users.username, mentionEmails: users.mentionEmails, verified: sql<boolean>`${users.emailVerifiedAt} is not null` })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, mentionHandles.map((h) => h.toLowerCase())));
  if (found.length === 0) return { ...peep, mentioned: 0 };
  await tx.insert(mentions).values(found.map((u) => ({ peepId: peep.id, userId: u.id })));
  // In the order the peep mentions them: the per-peep cap mails the first ones.
  const position = new Map(mentionHandles.map((h, i) => [h.toLowerCase(), i]));
  const others = found.filter((u) => u.id !== authorId).sort((a, b) => position.get(a.username.toLowerCase())! - position.get(b.username.toLowerCase())!);
  if (!mail) return { ...peep, mentioned: others.length };
  const recipients = others.map((u, rank) => ({ ...u, rank })).filter((u) => u.mentionEmails && u.verified);
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
      .where(and(eq(emailOutbox.recipientId, recipient.id), eq(emailOutbox.kind, 'mention'), MAILED, sql`${emailOutbox.createdAt} > now() - interval '1 day'`));
    const status =
      fromSender >= mail.perSenderPerHour ? 'suppressed' : recipient.rank >= mail.perPeep || fromEveryone >= mail.perRecipientPerDay ? 'digest' : 'pending';
    await tx.insert(emailOutbox).values({
      kind: 'mention',
      recipientId: recipient.id,
      senderId: authorId,
      peepId: peep.id,
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
  return { ...peep, mentioned: others.length };
}

/** Deletes a peep if `authorId` wrote it; its mentions go with it and its queued emails see it gone. */
export async function deletePeep({ peepId, authorId }: { peepId: number; authorId: number }): Promise<boolean> {
  const db = await getDb();
  const rows = await db.delete(peeps).where(and(eq(peeps.id, peepId), eq(peeps.authorId, authorId))).returning({ id: peeps.id });
  return rows.length === 1;
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
