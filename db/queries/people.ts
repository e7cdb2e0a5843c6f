import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf } from '../index';
import { ONLINE_WINDOW_MINUTES } from '@/lib/presence';
import { toPerson, type PersonRow } from './follows';

export type Profile = {
  id: number;
  username: string;
  name: string;
  createdAt: Date;
  peepCount: number;
  followerCount: number;
  followingCount: number;
  followedByViewer: boolean;
  /** Null when the person hides their online status. */
  lastSeenAt: Date | null;
  hidesOnline: boolean;
};

type ProfileRow = {
  id: string;
  username: string;
  name: string;
  created_at: Date;
  peep_count: number;
  follower_count: number;
  following_count: number;
  followed: boolean;
  last_seen_at: Date | null;
  hide_online: boolean;
};

function profileSql(username: string, viewerId?: number | null): SQL {
  return sql`
    select u.id::text as id, u.username, u.name, u.created_at, u.last_seen_at, u.hide_online,
      (select count(*)::int from peeps p where p.author_id = u.id) as peep_count,
      (select count(*)::int from follows f where f.followee_id = u.id) as follower_count,
      (select count(*)::int from follows f where f.follower_id = u.id) as following_count,
      ${viewerId ? sql`exists(select 1 from follows v where v.follower_id = ${viewerId} and v.followee_id = u.id)` : sql`false`} as followed
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
    createdAt: new Date(row.created_at),
    peepCount: Number(row.peep_count),
    followerCount: Number(row.follower_count),
    followingCount: Number(row.following_count),
    followedByViewer: Boolean(row.followed),
    lastSeenAt: row.hide_online || !row.last_seen_at ? null : new Date(row.last_seen_at),
    hidesOnline: Boolean(row.hide_online),
  };
}

/** Escapes LIKE's wildcards so a search for "%" or "_" means those characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function searchSql(query: string, viewerId: number | null | undefined, limit: number): SQL {
  const q = query.toLowerCase();
  const prefix = `${escapeLike(q)}%`;
  // Each branch reads its few rows through its own index; the best rank per person wins, with no join back to users.
  return sql`
    select best.id::text as id, best.username, best.name,
      (select count(*)::int from follows c where c.followee_id = best.id) as follower_count,
      ${viewerId ? sql`exists(select 1 from follows v where v.follower_id = ${viewerId} and v.followee_id = best.id)` : sql`false`} as followed
    from (
      select distinct on (id) id, username, name, rank from (
        (select id, username, name, 0 as rank from users where lower(username) = ${q})
        union all
        (select id, username, name, 1 from users where lower(username) collate "C" like ${prefix} escape '\\'
          order by lower(username) collate "C" limit ${limit + 1})
        union all
        (select id, username, name, 2 from users where lower(name) collate "C" like ${prefix} escape '\\'
          order by lower(name) collate "C" limit ${limit + 1})
      ) m
      order by id, rank
    ) best
    order by best.rank, lower(best.username)
    limit ${limit}`;
}

/** People whose handle or name starts with `query`, best first: the exact handle, then handle prefixes, then names. */
export async function searchPeople({ query, viewerId, limit = 20 }: { query: string; viewerId?: number | null; limit?: number }): Promise<PersonRow[]> {
  const db = await getDb();
  const result = await db.execute(searchSql(query, viewerId, limit));
  return rowsOf<Parameters<typeof toPerson>[0]>(result).map(toPerson);
}

/** Records that a person is active, at most once a minute, so presence costs one write a minute, not one a request. */
export async function touchLastSeen({ userId }: { userId: number }): Promise<void> {
  const db = await getDb();
  await db.execute(sql`update users set last_seen_at = now()
    where id = ${userId} and (last_seen_at is null or last_seen_at < now() - interval '1 minute')`);
}

function onlineSql(kind: 'count' | 'list', limit = 20): SQL {
  const online = sql`last_seen_at > now() - interval '${sql.raw(String(ONLINE_WINDOW_MINUTES))} minutes' and not hide_online`;
  return kind === 'count'
    ? sql`select count(*)::int as n from users where ${online}`
    : sql`select username, name from users where ${online} order by last_seen_at desc nulls last limit ${limit}`;
}

export type OnlinePeople = { count: number; people: { username: string; name: string }[] };

/** Who made a request in the last five minutes, leaving out everyone who hides it. */
export async function listOnline({ limit = 20 }: { limit?: number } = {}): Promise<OnlinePeople> {
  const db = await getDb();
  const [counted] = rowsOf<{ n: number }>(await db.execute(onlineSql('count')));
  const people = rowsOf<{ username: string; name: string }>(await db.execute(onlineSql('list', limit)));
  return { count: Number(counted.n), people };
}
