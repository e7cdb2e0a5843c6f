import 'server-only';
import { sql } from 'drizzle-orm';
import type { Cursor } from '@/lib/cursor';
import { getDb, rowsOf } from '../index';
import { hiddenFrom } from './mutes-and-blocks';
import { peepViewColumns, peepViewOf, type PeepView, type PeepViewRow } from './timelines';

/** How far up a thread its page reads; a longer chain links on to the peep above the last one shown. */
export const ANCESTORS_AT_MOST = 50;
export const REPLIES_PAGE_SIZE = 50;

/** One peep above the shown one: the peep, or null in its place when the viewer hides its author. */
export type Ancestor = { id: number; peep: PeepView | null };

/**
 * The peeps a peep answers, up its chain of replies, oldest first, at most ANCESTORS_AT_MOST of them: each step is one
 * primary-key probe. `deletedAbove` when the chain breaks at a deleted peep (the oldest one read is itself a reply whose
 * peep is gone, or the peep itself is); `moreAbove` is the next peep up when the chain goes on past the limit.
 */
export async function listAncestors({ peepId, viewerId }: { peepId: number; viewerId?: number | null }): Promise<{ ancestors: Ancestor[]; deletedAbove: boolean; moreAbove: number | null }> {
  const db = await getDb();
  type Row = PeepViewRow & { depth: number; hidden: boolean; above_id: string | null };
  // Depth 0 is the peep itself: whether it answers a deleted peep is read from it when nothing is above it.
  const rows = rowsOf<Row>(
    await db.execute(sql`with recursive chain (id, depth) as (
        select ${peepId}::bigint, 0
        union all
        select up.reply_to_id, chain.depth + 1 from chain join peeps up on up.id = chain.id
        where up.reply_to_id is not null and chain.depth < ${ANCESTORS_AT_MOST})
      select chain.depth, ${peepViewColumns(viewerId)}, ${hiddenFrom(viewerId, sql`p.author_id`)} as hidden, p.reply_to_id::text as above_id
      from chain join peeps p on p.id = chain.id join users a on a.id = p.author_id
      order by chain.depth desc`),
  );
  const top = rows.at(0);
  return {
    ancestors: rows.filter((r) => Number(r.depth) > 0).map((r) => ({ id: Number(r.peep_id), peep: r.hidden ? null : peepViewOf(r) })),
    deletedAbove: Boolean(top?.is_reply && top.above_id === null),
    moreAbove: top?.above_id ? Number(top.above_id) : null,
  };
}

/**
 * A peep's replies, a page at a time: its author's own first (a thread they wrote goes on in order), then everyone
 * else's, each oldest first, but for replies by people the viewer hides. The cursor's `kind` is the part it lies in
 * (0 the author's, 1 the others'). Each part is a walk of the replies index from the cursor.
 */
export async function listReplies({
  peepId,
  viewerId,
  after,
  limit = REPLIES_PAGE_SIZE,
}: {
  peepId: number;
  viewerId?: number | null;
  after?: Cursor | null;
  limit?: number;
}): Promise<{ replies: PeepView[]; next: Cursor | null }> {
  const db = await getDb();
  const author = sql`(select pa.author_id from peeps pa where pa.id = ${peepId})`;
  const past = (kind: 0 | 1) =>
    after?.kind === kind ? sql` and p.created_at >= ${after.createdAt.toISOString()}::timestamptz and (p.created_at, p.id) > (${after.createdAt.toISOString()}::timestamptz, ${after.id}::bigint)` : sql``;
  const part = (kind: 0 | 1) =>
    sql`(select ${kind}::int as kind, p.id, p.created_at from peeps p
      where p.reply_to_id = ${peepId} and ${kind === 0 ? sql`p.author_id = ${author}` : sql`p.author_id <> ${author} and not ${hiddenFrom(viewerId, sql`p.author_id`)}`}${past(kind)}
      order by p.created_at, p.id limit ${limit + 1})`;
  // Past the author's part, it is not read again.
  const parts = after?.kind === 1 ? part(1) : sql`${part(0)} union all ${part(1)}`;
  type Row = PeepViewRow & { kind: number };
  const rows = rowsOf<Row>(
    await db.execute(sql`with page as (select * from (${parts}) parts order by kind, created_at, id limit ${limit + 1})
      select page.kind, ${peepViewColumns(viewerId)}
      from page join peeps p on p.id = page.id join users a on a.id = p.author_id
      order by page.kind, p.created_at, p.id`),
  );
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    replies: shown.map(peepViewOf),
    next: rows.length > limit && last ? { createdAt: new Date(last.created_at), kind: Number(last.kind) === 0 ? 0 : 1, id: Number(last.peep_id) } : null,
  };
}
