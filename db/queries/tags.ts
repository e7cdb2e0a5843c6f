import "server-only";
import { sql } from "drizzle-orm";
import { getDb, rowsOf } from "../index";

/** A tag much used lately: folded as stored, how many people used it, and the text of a recent peep that did. */
export type TrendingTagRow = {
  tag: string;
  people: number;
  body: string | null;
};

/**
 * The tags the most people used in peeps of the last `hours`, most first (one person cannot trend a tag alone, however
 * often they peep it), the latest used first among equals, read from the tags' time index. Everyone gets the same list: it is cached, and names no one.
 */
export async function listTrendingTags({
  hours = 24,
  limit = 10,
}: { hours?: number; limit?: number } = {}): Promise<TrendingTagRow[]> {
  const db = await getDb();
  const rows = rowsOf<{ tag: string; people: number; body: string | null }>(
    // Each recent tag row finds its author by the peep's key: the window is a small part of all peeps, never a scan of them.
    await db.execute(sql`with tagged as (
        select t.tag, t.peep_id, (select p.author_id from peeps p where p.id = t.peep_id) as author_id
        from peep_tags t where t.created_at > now() - ${`${hours} hours`}::interval),
      recent as (
        select tag, count(distinct author_id)::int as people, max(peep_id) as newest from tagged
        group by tag order by people desc, max(peep_id) desc limit ${limit})
      select r.tag, r.people, (select pb.body from peeps pb where pb.id = r.newest) as body from recent r order by r.people desc, r.newest desc`),
  );
  return rows.map((r) => ({
    tag: r.tag,
    people: Number(r.people),
    body: r.body,
  }));
}
