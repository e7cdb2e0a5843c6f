import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf } from '../index';
import { ONLINE_WINDOW_MINUTES, SESSION_ACTIVE_WRITE_MINUTES } from '@/lib/presence';
import { toPerson, type PersonRow } from './follows';
import { isHandle } from '@/lib/validation';
import type { PeopleCursor } from '@/lib/search-query';

export type Profile = {
  id: number;
  username: string;
  name: string;
  bio: string;
  avatarVersion: number | null;
  createdAt: Date;
  peepCount: number;
  followerCount: number;
  followingCount: number;
  followedByViewer: boolean;
  /** How the viewer and this person stand: the viewer mutes them, blocks them, or is blocked by them. */
  mutedByViewer: boolean;
  blockedByViewer: boolean;
  blocksViewer: boolean;
  /** Null when the person hides their online status. */
  lastSeenAt: Date | null;
  hidesOnline: boolean;
};

type ProfileRow = {
  id: string;
  username: string;
  name: string;
  bio: string;
  avatar_version: string | null;
  created_at: Date;
  peep_count: number;
  follower_count: number;
  following_count: number;
  followed: boolean;
  muted: boolean;
  blocked: boolean;
  blocks_viewer: boolean;
  last_seen_at: Date | null;
  hide_online: boolean;
};

function profileSql(username: string, viewerId?: number | null): SQL {
  return sql`
    select u.id::text as id, u.username, u.name, u.bio, u.avatar_version::text as avatar_version, u.created_at, u.last_seen_at, u.hide_online,
      (select count(*)::int from peeps p where p.author_id = u.id) as peep_count,
      (select count(*)::int from follows f where f.followee_id = u.id) as follower_count,
      (select count(*)::int from follows f where f.follower_id = u.id) as following_count,
      ${viewerId ? sql`exists(select 1 from follows v where v.follower_id = ${viewerId} and v.followee_id = u.id)` : sql`false`} as followed,
      ${viewerId ? sql`exists(select 1 from mutes m where m.muter_id = ${viewerId} and m.muted_id = u.id)` : sql`false`} as muted,
      ${viewerId ? sql`exists(select 1 from blocks b where b.blocker_id = ${viewerId} and b.blocked_id = u.id)` : sql`false`} as blocked,
      ${viewerId ? sql`exists(select 1 from blocks b where b.blocker_id = u.id and b.blocked_id = ${viewerId})` : sql`false`} as blocks_viewer
    from users u where lower(u.username) = lower(${username})`;
}

export async function findProfile({ username, viewerId }: { username: string; viewerId?: number | null }): Promise<Profile | null> {
  const db = await getDb();
  const [row] = rowsOf<ProfileRow>(await db.execute(profileSql(username, viewerId)));
  if (!row) return null;
  return {
    id: Number(row.id),
    username: row.username,
    name: row.name,
    bio: row.bio,
    avatarVersion: row.avatar_version === null ? null : Number(row.avatar_version),
    createdAt: new Date(row.created_at),
    peepCount: Number(row.peep_count),
    followerCount: Number(row.follower_count),
    followingCount: Number(row.following_count),
    followedByViewer: Boolean(row.followed),
    mutedByViewer: Boolean(row.muted),
    blockedByViewer: Boolean(row.blocked),
    blocksViewer: Boolean(row.blocks_viewer),
    lastSeenAt: row.hide_online || !row.last_seen_at ? null : new Date(row.last_seen_at),
    hidesOnline: Boolean(row.hide_online),
  };
}

/** Escapes LIKE's wildcards so a search for "%" or "_" means those characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const SEARCH_PAGE_SIZE = 20;

/**
 * Similar spelling: how alike the query must be to some stretch of a handle and name (pg_trgm's word_similarity,
 * 0 to 1), and the shortest query it is tried for. 0.5 finds "lidel" for Liddell and "smiht" for Smith; the
 * extension's default, 0.6, finds neither.
 */
const SPELLING_THRESHOLD = 0.5;
const SPELLING_MIN_LENGTH = 3;

// The text both search indexes read (db/schema.ts): the handle, whose words the parser splits at '_', and the name.
const searchedText = sql`(username || ' ' || name)`;
const searchedWords = sql`to_tsvector('simple', ${searchedText})`;

/**
 * Every word of the query as a prefix ('ali' & 'lid' finds Alice Liddell), split into words by the same parser that
 * built the index, each quoted so nothing in it is read as tsquery syntax. Null when the query has no words, which
 * matches nobody.
 */
const wordPrefixes = (query: string) =>
  sql`(select to_tsquery('simple', string_agg('''' || replace(replace(w, '\\', '\\\\'), '''', '''''') || ''':*', ' & '))
    from unnest(tsvector_to_array(to_tsvector('simple', ${query}::text))) w)`;

/**
 * The query for pg_trgm's word-similarity operator, from a subquery that first sets the operator's threshold for this
 * statement only (a setting is the only way to give it one). As the index condition's value it is computed before
 * the index is read, so the index scan and every recheck use that threshold.
 */
const spellingQuery = (q: string) =>
  sql`(select ${q}::text where set_config('pg_trgm.word_similarity_threshold', ${String(SPELLING_THRESHOLD)}, true) is not null)`;

/**
 * People found, best first, in four ranks that never overlap (each leaves out whoever a better one finds): 0 the
 * exact handle, 1 handles that start with the query (by handle), 2 people with a word of their handle or name
 * starting with each word of the query (by name), 3 similar spellings (closest first). Each rank reads its rows
 * through its own index (ranks 0 and 1 at most a page of them); the ranks are concatenated in order under one LIMIT,
 * so a later rank is not read once the page is full. `after` resumes inside its rank and skips the ranks before it.
 */
function searchSql(query: string, viewerId: number | null | undefined, limit: number, after: PeopleCursor | null | undefined): SQL | null {
  const q = query.toLowerCase();
  const prefix = `${escapeLike(q)}%`;
  const from = after?.rank ?? 0;
  // Only a query shaped like a handle can equal or start one; any other skips those ranks and their exclusions.
  const handleLike = isHandle(q);
  const notHandlePrefix = handleLike ? sql` and lower(username) collate "C" not like ${prefix} escape '\\'` : sql``;
  const ranks: SQL[] = [];
  if (handleLike && !after) {
    ranks.push(sql`(select 0, 0, '', lower(username), id, username, name, avatar_version from users where lower(username) = ${q})`);
  }
  if (handleLike && from <= 1) {
    const resume = after?.rank === 1 ? sql` and lower(username) collate "C" > ${after.handle}` : sql``;
    ranks.push(sql`(select 1, 0, '', lower(username), id, username, name, avatar_version from users
      where lower(username) collate "C" like ${prefix} escape '\\' and lower(username) <> ${q}${resume}
      order by lower(username) collate "C" limit ${limit})`);
  }
  // Rank 2 takes its matches from a MATERIALIZED step, planned on its own: under ORDER BY lower(name) … LIMIT the
  // planner would otherwise walk users_name_prefix_idx in name order and test each person, which for a word nobody
  // has reads every person.
  let wordMatches = sql``;
  if (from <= 2) {
    const resume = after?.rank === 2 ? sql` and (lower(name) collate "C", lower(username) collate "C") > (${after.name}, ${after.handle})` : sql``;
    wordMatches = sql`with word_matches as materialized (
      select id, username, name, avatar_version from users where ${searchedWords} @@ ${wordPrefixes(query)}${notHandlePrefix}${resume})`;
    ranks.push(sql`(select 2, 0, lower(name), lower(username), id, username, name, avatar_version from word_matches
      order by lower(name) collate "C", lower(username) collate "C" limit ${limit})`);
  }
  if (query.length >= SPELLING_MIN_LENGTH) {
    const resume = after?.rank === 3 ? sql` where (s.miss, lower(s.username) collate "C") > (${after.miss}::int, ${after.handle})` : sql``;
    ranks.push(sql`(select 3, s.miss, '', lower(s.username), s.id, s.username, s.name, s.avatar_version from (
        select id, username, name, avatar_version, 1000 - round(word_similarity(${q}, ${searchedText}) * 1000)::int as miss from users
        where ${spellingQuery(q)} <% ${searchedText} and (${searchedWords} @@ ${wordPrefixes(query)}) is not true${notHandlePrefix}
      ) s${resume}
      order by s.miss, lower(s.username) collate "C" limit ${limit})`);
  }
  if (ranks.length === 0) return null;
  return sql`${wordMatches}
    select best.rank, best.miss, best.name_key, best.handle_key, best.id::text as id, best.username, best.name, best.avatar_version::text as avatar_version,
      (select count(*)::int from follows c where c.followee_id = best.id) as follower_count,
      ${viewerId ? sql`exists(select 1 from follows v where v.follower_id = ${viewerId} and v.followee_id = best.id)` : sql`false`} as followed
    from (select * from (${sql.join(ranks, sql` union all `)}) ranks (rank, miss, name_key, handle_key, id, username, name, avatar_version) limit ${limit}) best
    order by best.rank, best.miss, best.name_key collate "C", best.handle_key collate "C"`;
}

type SearchRow = Parameters<typeof toPerson>[0] & { rank: number; miss: number; name_key: string; handle_key: string };

export type PeopleSearchPage = { people: PersonRow[]; next: PeopleCursor | null };

/**
 * People whose handle or name matches `query` (see searchSql for the ranking), a page at a time: `next` resumes
 * exactly after the last person shown.
 */
export async function searchPeople({
  query,
  viewerId,
  after,
  limit = SEARCH_PAGE_SIZE,
}: {
  query: string;
  viewerId?: number | null;
  after?: PeopleCursor | null;
  limit?: number;
}): Promise<PeopleSearchPage> {
  // One row past the page says whether there is a next one.
  const statement = searchSql(query, viewerId, limit + 1, after);
  if (!statement) return { people: [], next: null };
  const db = await getDb();
  const rows = rowsOf<SearchRow>(await db.execute(statement));
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const next =
    rows.length > limit && last
      ? { rank: Number(last.rank) as PeopleCursor['rank'], miss: Number(last.miss), name: last.name_key, handle: last.handle_key }
      : null;
  return { people: shown.map(toPerson), next };
}

/** Records that a person is active, at most once a minute, so presence costs one write a minute, not one a request. */
/**
 * Marks a person seen now, and the session they came with active: in one statement, each at most as often as its
 * throttle allows (a minute for the person, SESSION_ACTIVE_WRITE_MINUTES for the session).
 */
export async function touchLastSeen({ userId, sessionId }: { userId: number; sessionId?: string }): Promise<void> {
  const db = await getDb();
  const person = sql`update users set last_seen_at = now()
    where id = ${userId} and (last_seen_at is null or last_seen_at < now() - interval '1 minute')`;
  if (sessionId === undefined) return void (await db.execute(person));
  await db.execute(sql`with session as (update sessions set last_active_at = now()
      where id = ${sessionId} and last_active_at < now() - interval '${sql.raw(String(SESSION_ACTIVE_WRITE_MINUTES))} minutes')
    ${person}`);
}

function onlineSql(kind: 'count' | 'list', limit = 20): SQL {
  const online = sql`last_seen_at > now() - interval '${sql.raw(String(ONLINE_WINDOW_MINUTES))} minutes' and not hide_online`;
  return kind === 'count'
    ? sql`select count(*)::int as n from users where ${online}`
    : sql`select username, name, avatar_version::text as avatar_version from users where ${online} order by last_seen_at desc nulls last limit ${limit}`;
}

export type OnlinePeople = { count: number; people: { username: string; name: string; avatarVersion: number | null }[] };

/** Who made a request in the last five minutes, leaving out everyone who hides it. */
export async function listOnline({ limit = 20 }: { limit?: number } = {}): Promise<OnlinePeople> {
  const db = await getDb();
  const [counted] = rowsOf<{ n: number }>(await db.execute(onlineSql('count')));
  const rows = rowsOf<{ username: string; name: string; avatar_version: string | null }>(await db.execute(onlineSql('list', limit)));
  const people = rows.map((r) => ({ username: r.username, name: r.name, avatarVersion: r.avatar_version === null ? null : Number(r.avatar_version) }));
  return { count: Number(counted.n), people };
}
