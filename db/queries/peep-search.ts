import 'server-only';
import { sql } from 'drizzle-orm';
import type { Cursor } from '@/lib/cursor';
import { hasSearchableWord } from '@/lib/search-query';
import { getDb, rowsOf } from '../index';
import { hiddenFrom } from './mutes-and-blocks';
import { peepViewColumns, peepViewOf, type PeepView, type PeepViewRow } from './timelines';

export const PEEP_SEARCH_PAGE_SIZE = 20;

export type PeepSearchPage = { peeps: PeepView[]; next: Cursor | null };

/**
 * How many of the newest peeps (before the page's cursor) are read and matched one by one before the word index is
 * asked. A word in more than about 2% of peeps fills a page from these alone; the index then finds the rarer ones.
 */
const NEWEST_WINDOW = 1000;

/**
 * Peeps holding every word of `query`, newest first, a page at a time (`before` as on the timelines), leaving out
 * people the viewer hides (mutes or blocks, or who block them). The words are read as a web search box reads them:
 * "quoted words" as a phrase, `or` between alternatives, `-word` to leave out.
 *
 * Two steps, concatenated in order under one LIMIT so the second runs only when the first leaves the page short.
 * First the newest NEWEST_WINDOW peeps, walked through the newest-first index and matched one by one: a common word
 * fills the page here, where the word index would have to hand over every peep it is in. Then, only when that window
 * was full, the peeps older than it, through the word index (peeps_body_search_idx): its matches are collected in a
 * MATERIALIZED step, planned on its own, because under an ORDER BY … LIMIT the planner would otherwise walk the
 * newest-first index for a word it guesses common, which for a rare word reads every peep.
 */
export async function searchPeeps({
  query,
  viewerId,
  before,
  limit = PEEP_SEARCH_PAGE_SIZE,
}: {
  query: string;
  viewerId?: number | null;
  before?: Cursor | null;
  limit?: number;
}): Promise<PeepSearchPage> {
  // Text with no word in it would only make PostgreSQL say so (a notice) and find nothing.
  if (!hasSearchableWord(query)) return { peeps: [], next: null };
  const db = await getDb();
  const t = before ? sql`${before.createdAt.toISOString()}::timestamptz` : null;
  const resume = before ? sql` and p.created_at <= ${t} and (p.created_at, p.id) < (${t}, ${before.id}::bigint)` : sql``;
  const words = sql`(select websearch_to_tsquery('simple', ${query}::text))`;
  const shown = sql`not ${hiddenFrom(viewerId, sql`author_id`)}`;
  const result = await db.execute(sql`with newest as (
      select p.id, p.created_at, p.body, p.author_id from peeps p where true${resume}
      order by p.created_at desc, p.id desc limit ${NEWEST_WINDOW}),
    older_matches as materialized (
      select p.id, p.created_at from peeps p where to_tsvector('simple', p.body) @@ ${words}${resume} and ${shown}),
    found as (
      select * from (
        (select id, created_at from newest where to_tsvector('simple', body) @@ ${words} and ${shown}
          order by created_at desc, id desc limit ${limit + 1})
        union all
        (select id, created_at from older_matches
          where (select count(*) from newest) = ${NEWEST_WINDOW}
            and (created_at, id) < (select created_at, id from newest order by created_at desc, id desc offset ${NEWEST_WINDOW - 1} limit 1)
          order by created_at desc, id desc limit ${limit + 1})
      ) steps limit ${limit + 1})
    select ${peepViewColumns(viewerId)}
    from found f
    join peeps p on p.id = f.id
    join users a on a.id = p.author_id
    order by f.created_at desc, f.id desc`);
  const found = rowsOf<PeepViewRow>(result).map(peepViewOf);
  const peeps = found.slice(0, limit);
  const last = peeps.at(-1);
  return { peeps, next: found.length > limit && last ? { createdAt: last.createdAt, kind: 0, id: last.id } : null };
}
