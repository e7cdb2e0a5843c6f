import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb, preparedStatement } from '../index';
import { emailOutbox, mentions, peeps, users } from '../schema';

/** The caps on mention mail: per sender and recipient an hour, per recipient a day, and people mailed per peep. */
export type MentionMail = { delaySeconds: number; perSenderPerHour: number; perRecipientPerDay: number; perPeep: number };

// Rows that were (or will be) a mention mail of their own, as the caps count them.
const MAILED = sql`${emailOutbox.status} not in ('suppressed', 'digest')`;

const insertPeep = preparedStatement((db) =>
  db
    .insert(peeps)
    .values({ authorId: sql.placeholder('authorId'), body: sql.placeholder('body') })
    .returning({ id: peeps.id, createdAt: peeps.createdAt })
    .prepare('insert_peep'),
);

/**
 * Writes a peep, its mentions and one outbox row per person to email, in one transaction: the mail is as durable as
 * the peep, and the person posting never waits for a mail server. Only proven addresses with mention emails on get
 * a row. Past the per-pair hourly cap a mention is not mailed at all; past the per-peep or per-recipient daily cap
 * it waits for that person's daily digest. Returns how many people (other than the author) the peep mentions.
 */
export async function createPeep({ authorId, body, mentionHandles = [], mail }: { authorId: number; body: string; mentionHandles?: string[]; mail?: MentionMail }) {
  // Most peeps mention nobody: one statement, which needs no transaction around it.
  if (mentionHandles.length === 0) {
    const [peep] = await (await insertPeep()).execute({ authorId, body });
    return { ...peep, mentioned: 0 };
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
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
  });
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
