import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Cursor } from '@/lib/cursor';
import { getDb, rowsOf } from '../index';
import { hiddenFrom } from './mutes-and-blocks';

export const PAGE_SIZE = 50;

export type PeepView = {
  id: number;
  body: string;
  createdAt: Date;
  author: { username: string; name: string; avatarVersion: number | null };
  /** Usernames (as they are now) of the people this peep mentions, as stored when it was posted. */
  mentions: string[];
  /** Each mentioned handle as the peep wrote it (lower-cased) to its person's username now, which can differ after a rename. */
  mentionedAs: Record<string, string>;
  repostCount: number;
  /** Whether the person viewing has reposted it. */
  reposted: boolean;
  replyCount: number;
  likeCount: number;
  /** Whether the person viewing has liked it. */
  liked: boolean;
  /**
   * Null unless the peep is a reply: then the peep it answers and that peep's author's handle now, each null once
   * deleted (the reply stays).
   */
  replyTo: { peepId: number | null; username: string | null } | null;
};

type Person = { username: string; name: string };

export type TimelineItem = {
  kind: 0 | 1;
  itemId: number;
  sortAt: Date;
  /** When this appearance is a repost: the newest reposter among the timeline's people. */
  repostedBy: Person | null;
  /** The next newest of them, and how many of the timeline's people reposted the peep in all (0 for a plain peep). */
  alsoRepostedBy: Person | null;
  reposterCount: number;
  peep: PeepView;
};

/** `next` leads to older items, `newer` (on any page but the first) back to the page above this one. */
export type TimelinePage = { items: TimelineItem[]; next: Cursor | null; newer: Cursor | null };

type Source = { everyone: true } | { home: number } | { profile: number } | { tag: string };

/** Which side of a cursor a page lies: older items (`before`, and the first page) or newer ones (`after`). */
type Range = { before?: Cursor | null; after?: Cursor | null };

const alias = (name: 'p' | 'r' | 't') => sql.raw(name);

// Items are peeps (kind 0) at their own time and reposts (kind 1) at the time of the repost, keyed by (time, kind, id)
// and read newest first. `<= T` (or `>= T` reading newer) lets the index seek; the row comparison breaks ties at T.
function inRange(name: 'p' | 'r' | 't', kind: 0 | 1, { before, after }: Range): SQL {
  const cursor = before ?? after;
  if (!cursor) return sql``;
  const a = alias(name);
  // A peep's tag rows (t) are keyed by the peep's id.
  const id = name === 't' ? sql`t.peep_id` : sql`${a}.id`;
  const t = sql`${cursor.createdAt.toISOString()}::timestamptz`;
  const [seek, compare] = before ? [sql`<=`, sql`<`] : [sql`>=`, sql`>`];
  return sql` and ${a}.created_at ${seek} ${t} and (${a}.created_at, ${kind}::int, ${id}) ${compare} (${t}, ${cursor.kind}::int, ${cursor.id}::bigint)`;
}

const direction = ({ after }: Range) => (after ? sql`asc` : sql`desc`);

/** Whose items a home timeline (the person and everyone they follow but mute) or a profile (the one person) holds. */
type People = { home: number } | { profile: number };

const notMutedBy = (userId: number, column: SQL) => sql`not exists (select 1 from mutes sm where sm.muter_id = ${userId}::bigint and sm.muted_id = ${column})`;

/** Whether `column` (a user id) is one of the people a home or profile timeline shows. */
function inSource(people: People, column: SQL): SQL {
  if ('profile' in people) return sql`${column} = ${people.profile}::bigint`;
  return sql`(${column} = ${people.home}::bigint or exists (select 1 from follows sf where sf.follower_id = ${people.home}::bigint and sf.followee_id = ${column}
    and ${notMutedBy(people.home, column)}))`;
}

/**
 * A peep shows once on a timeline, at its newest appearance there: its own (kind 0), or the newest repost of it by one
 * of the timeline's people (kind 1). These keep candidate `c` only if it is that appearance, judged from the peep's
 * appearances on the whole timeline, not one page, so every page agrees on where a peep is and keyset paging neither
 * repeats nor skips one.
 */
const newestAppearance = {
  /** No newer repost among the page's candidate reposts (a hash lookup). */
  amongCandidates: (c: SQL) =>
    sql`not exists (select 1 from repost_candidates r2 where r2.peep_id = ${c}.peep_id and (r2.sort_at, 1, r2.item_id) > (${c}.sort_at, ${c}.kind, ${c}.item_id))`,
  /** For a repost, the peep itself is not newer (clocks can step back): a probe by id. */
  notOutdoneByPeep: (people: People, c: SQL) =>
    sql`(${c}.kind = 0 or not exists (select 1 from peeps pn where pn.id = ${c}.peep_id and pn.created_at > ${c}.sort_at and ${inSource(people, sql`pn.author_id`)}))`,
  /** No newer repost anywhere, past the cursor too: a probe of the peep's reposts. */
  anywhere: (people: People, c: SQL) =>
    sql`not exists (select 1 from reposts rn where rn.peep_id = ${c}.peep_id and rn.created_at >= ${c}.sort_at
      and (rn.created_at, 1, rn.id) > (${c}.sort_at, ${c}.kind, ${c}.item_id) and ${inSource(people, sql`rn.user_id`)})`,
};

type ItemsQuery = { ctes?: SQL; items: SQL; edge?: SQL };

function publicItems(range: Range, limit: number, viewerId: number | null | undefined): ItemsQuery {
  const dir = direction(range);
  // Peeps only: reposts are not repeated in the public stream (as in Mastodon's public timelines), so none repeats.
  return {
    items: sql`select 0 as kind, p.id as item_id, p.created_at as sort_at, p.id as peep_id, null::bigint as reposter_id
      from peeps p where not ${hiddenFrom(viewerId, sql`p.author_id`)}${inRange('p', 0, range)}
      order by p.created_at ${dir}, p.id ${dir} limit ${limit}`,
  };
}

/** A tag's peeps, newest first, walked down the tag's index (a tag row has its peep's time), the viewer's hidden left out. */
function tagItems(tag: string, range: Range, limit: number, viewerId: number | null | undefined): ItemsQuery {
  const dir = direction(range);
  return {
    items: sql`select 0 as kind, t.peep_id as item_id, t.created_at as sort_at, t.peep_id, null::bigint as reposter_id
      from peep_tags t join peeps p on p.id = t.peep_id
      where t.tag = ${tag} and not ${hiddenFrom(viewerId, sql`p.author_id`)}${inRange('t', 0, range)}
      order by t.created_at ${dir}, t.peep_id ${dir} limit ${limit}`,
  };
}

/**
 * A home or profile page: each person's newest `perPerson` peeps and reposts past the cursor (a bounded index walk
 * each, as many as one page could need), merged in time order, then each checked in that order, until the page is
 * full, to be its peep's newest appearance. Checking after the merge checks about a page's worth of candidates, not
 * every one read: against the candidate reposts (a hash), and past the first page with a probe of the peep's reposts.
 * `edge` is the last item of the walk cut short nearest the cursor: items past it were not read, so the caller reads
 * again with longer walks unless the page ends before it.
 */
function personalItems(people: People, range: Range, limit: number, perPerson: number, viewerId: number | null | undefined): ItemsQuery {
  const dir = direction(range);
  const src =
    'profile' in people
      ? sql`(select ${people.profile}::bigint as uid) src`
      : sql`(select followee_id as uid from follows where follower_id = ${people.home} and ${notMutedBy(people.home, sql`followee_id`)}
          union all select ${people.home}::bigint) src`;
  const walk = (name: 'p' | 'r', kind: 0 | 1) => {
    const [table, owner, peep] = name === 'p' ? [sql`peeps`, sql`author_id`, sql`id`] : [sql`reposts`, sql`user_id`, sql`peep_id`];
    const a = alias(name);
    // The walk's `perPerson`th item is its last, and the walk may have stopped short of more.
    return sql`select ${kind}::int as kind, w.id as item_id, w.created_at as sort_at, w.peep_id, ${kind === 1 ? sql`w.owner` : sql`null::bigint`} as reposter_id,
        w.nth = ${perPerson} as cut
      from ${src} cross join lateral (
        select ${a}.*, row_number() over (order by ${a}.created_at ${dir}, ${a}.id ${dir}) as nth
        from (select ${a}.id, ${a}.created_at, ${a}.${peep} as peep_id, ${a}.${owner} as owner from ${table} ${a}
          where ${a}.${owner} = src.uid${inRange(name, kind, range)}
          order by ${a}.created_at ${dir}, ${a}.id ${dir} limit ${perPerson}) ${a}) w`;
  };
  // A newer appearance of a candidate's peep is among the candidates unless it lies past the cursor (only a probe finds
  // those, so the first page needs none) or past a cut walk (then the edge check reads again).
  const beyondCursor = range.before || range.after ? sql` and ${newestAppearance.anywhere(people, sql`c`)}` : sql``;
  // A repost of a peep by someone the viewer hides goes, as a whole peep, so the choice of its newest appearance
  // stands; but a profile keeps its owner's own peeps, also those shown as their reposts.
  const ownPeep = 'profile' in people ? sql` and ph.author_id <> ${people.profile}::bigint` : sql``;
  const hidden = viewerId
    ? sql` and (c.kind = 0 or not exists (select 1 from peeps ph where ph.id = c.peep_id${ownPeep} and ${hiddenFrom(viewerId, sql`ph.author_id`)}))`
    : sql``;
  return {
    ctes: sql`repost_candidates as (${walk('r', 1)}), candidates as (${walk('p', 0)} union all select * from repost_candidates)`,
    // `offset 0` keeps the checks out of the sort, so they run in time order and stop when the page is full.
    items: sql`select c.kind, c.item_id, c.sort_at, c.peep_id, c.reposter_id
      from (select * from candidates order by sort_at ${dir}, kind ${dir}, item_id ${dir} offset 0) c
      where ${newestAppearance.amongCandidates(sql`c`)} and ${newestAppearance.notOutdoneByPeep(people, sql`c`)}${beyondCursor}${hidden}
      limit ${limit}`,
    // One row always: the last item of the cut walk nearest the cursor, or nulls when every walk read to its end.
    edge: sql`select x.sort_at as edge_at, x.kind as edge_kind, x.item_id as edge_id from (select 1) one left join lateral (
        select sort_at, kind, item_id from candidates where cut order by sort_at ${dir}, kind ${dir}, item_id ${dir} limit 1) x on true`,
  };
}

/** The columns a shown peep is made of, as `peepViewColumns` selects them. */
export type PeepViewRow = {
  peep_id: string;
  body: string;
  created_at: Date;
  username: string;
  name: string;
  avatar_version: string | null;
  repost_count: number;
  reposted: boolean;
  mentions: string[] | null;
  reply_count: number;
  like_count: number;
  liked: boolean;
  is_reply: boolean;
  reply_to_id: string | null;
  reply_to_username: string | null;
};

/** A shown peep's columns, from `p` (the peep) and `a` (its author), with the viewer's own repost. */
export function peepViewColumns(viewerId: number | null | undefined): SQL {
  return sql`p.id::text as peep_id, p.body, p.created_at, a.username, a.name, a.avatar_version::text as avatar_version,
      (select count(*)::int from reposts rc where rc.peep_id = p.id) as repost_count,
      ${viewerId ? sql`exists(select 1 from reposts rv where rv.peep_id = p.id and rv.user_id = ${viewerId})` : sql`false`} as reposted,
      coalesce((select array_agg(m.handle || ' ' || mu.username order by mu.username) from mentions m join users mu on mu.id = m.user_id where m.peep_id = p.id), '{}') as mentions,
      p.reply_count, p.like_count,
      ${viewerId ? sql`exists(select 1 from likes lv where lv.peep_id = p.id and lv.user_id = ${viewerId})` : sql`false`} as liked,
      p.is_reply, p.reply_to_id::text as reply_to_id,
      case when p.reply_to_user_id is not null then (select ru2.username from users ru2 where ru2.id = p.reply_to_user_id) end as reply_to_username`;
}

export function peepViewOf(r: PeepViewRow): PeepView {
  // Each mention comes as "handle-written username-now": handles never hold a space.
  const pairs = (r.mentions ?? []).map((m) => m.split(' ') as [string, string]);
  return {
    id: Number(r.peep_id),
    body: r.body,
    createdAt: new Date(r.created_at),
    author: { username: r.username, name: r.name, avatarVersion: r.avatar_version === null ? null : Number(r.avatar_version) },
    mentions: pairs.map(([, username]) => username),
    mentionedAs: Object.fromEntries(pairs),
    repostCount: Number(r.repost_count),
    reposted: Boolean(r.reposted),
    replyCount: Number(r.reply_count),
    likeCount: Number(r.like_count),
    liked: Boolean(r.liked),
    replyTo: r.is_reply ? { peepId: r.reply_to_id === null ? null : Number(r.reply_to_id), username: r.reply_to_username } : null,
  };
}

type Row = PeepViewRow & {
  kind: number | null;
  item_id: string;
  sort_at: Date;
  reposter_username: string | null;
  reposter_name: string | null;
  also_reposter: [string, string] | null;
  reposter_count: number | null;
  edge_at: Date | null;
  edge_kind: number | null;
  edge_id: string | null;
};

/**
 * The page's items with their peeps, newest first, and the query's `edge` if it has one. On a home or profile
 * timeline a repost also names the next newest reposter among the timeline's people and counts them all.
 */
async function hydrate(query: ItemsQuery, viewerId: number | null | undefined, people?: People): Promise<{ items: TimelineItem[]; edge: Cursor | null }> {
  const db = await getDb();
  // For a repost only (a CASE, so a plain peep runs neither): the next newest reposter among the timeline's people,
  // as [username, name], and how many of them reposted it.
  const reposterColumns = people
    ? sql`case when i.kind = 1 then (select array[au.username, au.name] from reposts ra join users au on au.id = ra.user_id
          where ra.peep_id = i.peep_id and ra.id <> i.item_id and ${inSource(people, sql`ra.user_id`)}
          order by ra.created_at desc, ra.id desc limit 1) end as also_reposter,
        case when i.kind = 1 then (select count(*)::int from reposts rs where rs.peep_id = i.peep_id and ${inSource(people, sql`rs.user_id`)}) end as reposter_count`
    : sql`null as also_reposter, null as reposter_count`;
  // With an edge, its one row comes back even when the page is empty (then with no item).
  const [open, close] = query.edge ? [sql`(${query.edge}) e left join (`, sql`) on true`] : [sql``, sql``];
  const result = await db.execute(sql`with ${query.ctes ? sql`${query.ctes}, ` : sql``}items as (${query.items})
    select i.kind, i.item_id::text as item_id, i.sort_at, ${peepViewColumns(viewerId)},
      ru.username as reposter_username, ru.name as reposter_name,
      ${reposterColumns},
      ${query.edge ? sql`e.edge_at, e.edge_kind, e.edge_id::text as edge_id` : sql`null as edge_at`}
    from ${open}items i
    join peeps p on p.id = i.peep_id
    join users a on a.id = p.author_id
    left join users ru on ru.id = i.reposter_id${close}
    order by i.sort_at desc, i.kind desc, i.item_id desc`);
  const rows = rowsOf<Row>(result);
  const [e] = rows;
  const edge: Cursor | null = e?.edge_at ? { createdAt: new Date(e.edge_at), kind: Number(e.edge_kind) === 1 ? 1 : 0, id: Number(e.edge_id) } : null;
  const items = rows.flatMap((r): TimelineItem[] => {
    if (r.kind === null) return [];
    const repostedBy = r.reposter_username ? { username: r.reposter_username, name: r.reposter_name ?? r.reposter_username } : null;
    return [
      {
        kind: Number(r.kind) === 1 ? 1 : 0,
        itemId: Number(r.item_id),
        sortAt: new Date(r.sort_at),
        repostedBy,
        alsoRepostedBy: repostedBy && r.also_reposter ? { username: r.also_reposter[0], name: r.also_reposter[1] } : null,
        // At least the reposter shown, even if their repost was undone between the two reads.
        reposterCount: repostedBy ? Math.max(1, Number(r.reposter_count ?? 1)) : 0,
        peep: peepViewOf(r),
      },
    ];
  });
  return { items, edge };
}

const keyOf = (item: TimelineItem): Cursor => ({ createdAt: item.sortAt, kind: item.kind, id: item.itemId });

/** Orders two keys as the timeline does: by time, then kind, then id. */
function compareKeys(a: Cursor, b: Cursor): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || a.kind - b.kind || a.id - b.id;
}

/**
 * Reads up to `wanted` items past the cursor. A home or profile page is read again with walks eight times longer while
 * a walk cut short might hide an item the page should hold. That is rare, as it takes a run of one person's items that
 * show elsewhere (reposts of peeps that someone followed reposted later); each read is exact up to its edge.
 */
async function readItems(source: Source, range: Range, wanted: number, viewerId: number | null | undefined): Promise<TimelineItem[]> {
  if ('everyone' in source) return (await hydrate(publicItems(range, wanted, viewerId), viewerId)).items;
  if ('tag' in source) return (await hydrate(tagItems(source.tag, range, wanted, viewerId), viewerId)).items;
  for (let perPerson = wanted; ; perPerson *= 8) {
    const { items, edge } = await hydrate(personalItems(source, range, wanted, perPerson, viewerId), viewerId, source);
    if (!edge) return items;
    // Items come newest first; the page's item farthest from the cursor must not lie past the edge.
    const far = range.after ? items.at(0) : items.at(-1);
    if (items.length === wanted && far && (range.after ? compareKeys(keyOf(far), edge) <= 0 : compareKeys(keyOf(far), edge) >= 0)) return items;
  }
}

async function listTimeline(source: Source, { before, after, limit = PAGE_SIZE, viewerId }: PageArgs): Promise<TimelinePage> {
  const range: Range = after ? { after } : { before };
  const rows = await readItems(source, range, limit + 1, viewerId);
  if (after) {
    // The `limit` items just newer than the cursor (rows come newest first; one more means a page above this one).
    const items = rows.slice(-limit);
    const first = items.at(0);
    const last = items.at(-1);
    return { items, next: last ? keyOf(last) : after, newer: rows.length > limit && first ? keyOf(first) : null };
  }
  const items = rows.slice(0, limit);
  const first = items.at(0);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? keyOf(last) : null, newer: before ? (first ? keyOf(first) : before) : null };
}

/** `before` reads older items than the cursor (no cursor: the newest), `after` the page of newer items just above it. */
type PageArgs = { before?: Cursor | null; after?: Cursor | null; limit?: number; viewerId?: number | null };

/**
 * Everyone's peeps, newest first (reposts are not repeated here, as in Mastodon's public timelines), but for the
 * viewer's: those of people they mute or block, or who block them.
 */
export function listPublicTimeline(args: PageArgs = {}): Promise<TimelinePage> {
  return listTimeline({ everyone: true }, args);
}

/**
 * Peeps and reposts by the people `userId` follows and by `userId`, newest first, each peep once: where it last
 * appeared, as "reposted by" the newest of them who reposted it, if any did. People they mute are left out, and so
 * are reposts of peeps by anyone they hide (mute or block, or who blocks them).
 */
export function listHomeTimeline({ userId, ...args }: PageArgs & { userId: number }): Promise<TimelinePage> {
  return listTimeline({ home: userId }, args);
}

/**
 * One person's peeps and reposts, newest first, each peep once (a peep they reposted themselves shows as the repost),
 * but for reposts of peeps by someone the viewer hides.
 */
export function listProfileTimeline({ userId, ...args }: PageArgs & { userId: number }): Promise<TimelinePage> {
  return listTimeline({ profile: userId }, args);
}

/** The peeps filed under a tag (folded, as lib/hashtags stores it), newest first, but for those of people the viewer hides. */
export function listTagTimeline({ tag, ...args }: PageArgs & { tag: string }): Promise<TimelinePage> {
  return listTimeline({ tag }, args);
}

/** One peep, for its own page. */
export async function findPeep({ id, viewerId }: { id: number; viewerId?: number | null }): Promise<PeepView | null> {
  const { items } = await hydrate(
    { items: sql`select 0 as kind, p.id as item_id, p.created_at as sort_at, p.id as peep_id, null::bigint as reposter_id from peeps p where p.id = ${id}` },
    viewerId,
  );
  return items[0]?.peep ?? null;
}

