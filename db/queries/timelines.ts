import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Cursor } from '@/lib/cursor';
import { getDb, rowsOf } from '../index';

export const PAGE_SIZE = 50;

export type PeepView = {
  id: number;
  body: string;
  createdAt: Date;
  author: { username: string; name: string };
  /** Usernames of the people this peep mentions, as stored when it was posted. */
  mentions: string[];
  repostCount: number;
  /** Whether the person viewing has reposted it. */
  reposted: boolean;
};

export type TimelineItem = { kind: 0 | 1; itemId: number; sortAt: Date; repostedBy: { username: string; name: string } | null; peep: PeepView };

export type TimelinePage = { items: TimelineItem[]; next: Cursor | null };

type Source = { everyone: true } | { home: number } | { profile: number };

// Items are peeps (kind 0) at their own time and reposts (kind 1) at the time of the repost, ordered by
// (time, kind, id) descending. `<= T` lets the index seek; the row comparison breaks ties at exactly T.
function after(alias: 'p' | 'r', kind: 0 | 1, before: Cursor | null | undefined): SQL {
  if (!before) return sql``;
  const t = sql`${before.createdAt.toISOString()}::timestamptz`;
  return sql` and ${sql.raw(alias)}.created_at <= ${t} and (${sql.raw(alias)}.created_at, ${kind}::int, ${sql.raw(alias)}.id) < (${t}, ${before.kind}::int, ${before.id}::bigint)`;
}

function itemsOf(source: Source, before: Cursor | null | undefined, limit: number): SQL {
  if ('everyone' in source) {
    return sql`select 0 as kind, p.id as item_id, p.created_at as sort_at, p.id as peep_id, null::bigint as reposter_id
      from peeps p where true${after('p', 0, before)}
      order by p.created_at desc, p.id desc limit ${limit}`;
  }
  // A profile shows one person; the home timeline everyone they follow and themselves, a bounded index scan each.
  const people =
    'profile' in source
      ? sql`(select ${source.profile}::bigint as uid) src`
      : sql`(select followee_id as uid from follows where follower_id = ${source.home} union all select ${source.home}::bigint) src`;
  return sql`(select 0 as kind, p.id as item_id, p.created_at as sort_at, p.id as peep_id, null::bigint as reposter_id
      from ${people} cross join lateral (
        select p.id, p.created_at from peeps p where p.author_id = src.uid${after('p', 0, before)}
        order by p.created_at desc, p.id desc limit ${limit}) p)
    union all
    (select 1, r.id, r.created_at, r.peep_id, r.user_id
      from ${people} cross join lateral (
        select r.id, r.created_at, r.peep_id, r.user_id from reposts r where r.user_id = src.uid${after('r', 1, before)}
        order by r.created_at desc, r.id desc limit ${limit}) r)
    order by sort_at desc, kind desc, item_id desc limit ${limit}`;
}

type Row = {
  kind: number;
  item_id: string;
  sort_at: Date;
  peep_id: string;
  body: string;
  created_at: Date;
  username: string;
  name: string;
  reposter_username: string | null;
  reposter_name: string | null;
  repost_count: number;
  reposted: boolean;
  mentions: string[];
};

async function hydrate(items: SQL, viewerId: number | null | undefined): Promise<TimelineItem[]> {
  const db = await getDb();
  const result = await db.execute(sql`with items as (${items})
    select i.kind, i.item_id::text as item_id, i.sort_at, p.id::text as peep_id, p.body, p.created_at,
      a.username, a.name, ru.username as reposter_username, ru.name as reposter_name,
      (select count(*)::int from reposts rc where rc.peep_id = p.id) as repost_count,
      ${viewerId ? sql`exists(select 1 from reposts rv where rv.peep_id = p.id and rv.user_id = ${viewerId})` : sql`false`} as reposted,
      coalesce((select array_agg(mu.username order by mu.username) from mentions m join users mu on mu.id = m.user_id where m.peep_id = p.id), '{}') as mentions
    from items i
    join peeps p on p.id = i.peep_id
    join users a on a.id = p.author_id
    left join users ru on ru.id = i.reposter_id
    order by i.sort_at desc, i.kind desc, i.item_id desc`);
  return rowsOf<Row>(result).map((r) => ({
    kind: r.kind === 1 ? 1 : 0,
    itemId: Number(r.item_id),
    sortAt: new Date(r.sort_at),
    repostedBy: r.reposter_username ? { username: r.reposter_username, name: r.reposter_name ?? r.reposter_username } : null,
    peep: {
      id: Number(r.peep_id),
      body: r.body,
      createdAt: new Date(r.created_at),
      author: { username: r.username, name: r.name },
      mentions: r.mentions ?? [],
      repostCount: Number(r.repost_count),
      reposted: Boolean(r.reposted),
    },
  }));
}

async function listTimeline(source: Source, { before, limit = PAGE_SIZE, viewerId }: PageArgs): Promise<TimelinePage> {
  const rows = await hydrate(itemsOf(source, before, limit + 1), viewerId);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { createdAt: last.sortAt, kind: last.kind, id: last.itemId } : null };
}

type PageArgs = { before?: Cursor | null; limit?: number; viewerId?: number | null };

/** Everyone's peeps, newest first (reposts are not repeated here, as in Mastodon's public timelines). */
export function listPublicTimeline(args: PageArgs = {}): Promise<TimelinePage> {
  return listTimeline({ everyone: true }, args);
}

/** Peeps and reposts by the people `userId` follows and by `userId`, newest first. */
export function listHomeTimeline({ userId, ...args }: PageArgs & { userId: number }): Promise<TimelinePage> {
  return listTimeline({ home: userId }, args);
}

/** One person's peeps and reposts, newest first. */
export function listProfileTimeline({ userId, ...args }: PageArgs & { userId: number }): Promise<TimelinePage> {
  return listTimeline({ profile: userId }, args);
}

/** One peep, for its own page. */
export async function findPeep({ id, viewerId }: { id: number; viewerId?: number | null }): Promise<PeepView | null> {
  const [item] = await hydrate(
    sql`select 0 as kind, p.id as item_id, p.created_at as sort_at, p.id as peep_id, null::bigint as reposter_id from peeps p where p.id = ${id}`,
    viewerId,
  );
  return item?.peep ?? null;
}

