import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { checkViolation } from '../errors';
import { getDb, rowsOf } from '../index';

/** A person, by id or as a user id column. */
type Who = number | SQL;
const idOf = (who: Who) => (typeof who === 'number' ? sql`${who}::bigint` : who);

/** Whether one of `viewer` and `other` blocks the other: two primary-key probes. */
export function hiddenByBlock(viewer: Who, other: Who): SQL {
  const [v, o] = [idOf(viewer), idOf(other)];
  return sql`(exists (select 1 from blocks hb where hb.blocker_id = ${v} and hb.blocked_id = ${o})
    or exists (select 1 from blocks hb where hb.blocker_id = ${o} and hb.blocked_id = ${v}))`;
}

/**
 * Whether `viewer` keeps `author` out of their timelines, search and mail: they mute them, or one of them blocks the
 * other. No viewer (logged out) hides nobody.
 */
export function hiddenFrom(viewer: Who | null | undefined, author: Who): SQL {
  if (!viewer) return sql`false`;
  return sql`(exists (select 1 from mutes hm where hm.muter_id = ${idOf(viewer)} and hm.muted_id = ${idOf(author)}) or ${hiddenByBlock(viewer, author)})`;
}

/** The person with this handle, unless it is `selfId` or nobody. */
const otherPerson = (username: string, selfId: number) =>
  sql`(select id from users where lower(username) = lower(${username}) and id <> ${selfId}::bigint)`;

// Each table's columns: who chose, and about whom.
const TABLES = {
  mutes: { table: sql.raw('mutes'), who: sql.raw('muter_id'), whom: sql.raw('muted_id') },
  blocks: { table: sql.raw('blocks'), who: sql.raw('blocker_id'), whom: sql.raw('blocked_id') },
};

/** Adds a row for `username`; a second time changes nothing. False for an unknown person or oneself. */
async function add(kind: keyof typeof TABLES, { userId, username }: { userId: number; username: string }): Promise<boolean> {
  const { table, who, whom } = TABLES[kind];
  const db = await getDb();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`with target as ${otherPerson(username, userId)},
      written as (insert into ${table} (${who}, ${whom}) select ${userId}, id from target on conflict do nothing)
      select id::text from target`),
  );
  return rows.length === 1;
}

async function remove(kind: keyof typeof TABLES, { userId, username }: { userId: number; username: string }): Promise<void> {
  const { table, who, whom } = TABLES[kind];
  const db = await getDb();
  await db.execute(sql`delete from ${table} where ${who} = ${userId} and ${whom} = ${otherPerson(username, userId)}`);
}

type Choice = { userId: number; username: string };

/** Mutes `username`, silently; muting twice changes nothing. False for an unknown person or oneself. */
export const mutePerson = (choice: Choice) => add('mutes', choice);
export const unmutePerson = (choice: Choice) => remove('mutes', choice);

/**
 * Blocks `username`: the database ends the follows between the two of them in the same statement (a trigger) and
 * refuses new ones until the block is undone. Blocking twice changes nothing. False for an unknown person or oneself.
 */
export const blockPerson = (choice: Choice) => add('blocks', choice);
/** Undoes a block. Follows it ended stay ended: following again is each person's own choice. */
export const unblockPerson = (choice: Choice) => remove('blocks', choice);

/** Whether one of `viewerId` and the person with this handle blocks the other: two primary-key probes. */
export async function isBlockedBetween({ viewerId, username }: { viewerId: number; username: string }): Promise<{ blockedByViewer: boolean; blocksViewer: boolean }> {
  const db = await getDb();
  const [row] = rowsOf<{ blocked: boolean; blocks: boolean }>(
    await db.execute(sql`select exists (select 1 from blocks b where b.blocker_id = ${viewerId}::bigint and b.blocked_id = u.id) as blocked,
        exists (select 1 from blocks b where b.blocker_id = u.id and b.blocked_id = ${viewerId}::bigint) as blocks
      from users u where lower(u.username) = lower(${username})`),
  );
  return { blockedByViewer: Boolean(row?.blocked), blocksViewer: Boolean(row?.blocks) };
}

/** A follow the database refused because one of the two blocks the other (a block that raced the follow). */
export const isBlockedFollow = (err: unknown) => checkViolation(err) === 'follows_not_blocked';

export type SilencedPerson = { username: string; name: string; since: Date };

/** More than anyone would scroll through in settings; past it the page says how many more there are. */
export const SILENCED_LIST_LIMIT = 500;

/** The people `userId` mutes and blocks, newest first, each list at most SILENCED_LIST_LIMIT, with the totals. */
export async function listMutedAndBlocked({ userId }: { userId: number }): Promise<{
  muted: SilencedPerson[];
  blocked: SilencedPerson[];
  mutedCount: number;
  blockedCount: number;
}> {
  const db = await getDb();
  type Row = { list: 'muted' | 'blocked'; username: string; name: string; since: Date; total: number };
  const rows = rowsOf<Row>(
    await db.execute(sql`
      (select 'muted' as list, u.username, u.name, m.created_at as since, count(*) over ()::int as total
        from mutes m join users u on u.id = m.muted_id where m.muter_id = ${userId}
        order by m.created_at desc, u.id desc limit ${SILENCED_LIST_LIMIT})
      union all
      (select 'blocked', u.username, u.name, b.created_at, count(*) over ()::int
        from blocks b join users u on u.id = b.blocked_id where b.blocker_id = ${userId}
        order by b.created_at desc, u.id desc limit ${SILENCED_LIST_LIMIT})`),
  );
  const of = (list: Row['list']) => rows.filter((r) => r.list === list);
  const person = (r: Row): SilencedPerson => ({ username: r.username, name: r.name, since: new Date(r.since) });
  return {
    muted: of('muted').map(person),
    blocked: of('blocked').map(person),
    mutedCount: Number(of('muted')[0]?.total ?? 0),
    blockedCount: Number(of('blocked')[0]?.total ?? 0),
  };
}
