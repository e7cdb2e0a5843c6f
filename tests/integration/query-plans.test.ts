import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, rowsOf } from '@/db';
import { listExportPeeps, listExportPeople, listExportReposts } from '@/db/queries/accounts';
import { listFollowPeople, suggestPeopleToFollow } from '@/db/queries/follows';
import { findPendingEmailChange } from '@/db/queries/email-changes';
import { findVerificationLinkState } from '@/db/queries/email-verifications';
import { findHandleStatus, findRenamedHandle, findRenamedHandles } from '@/db/queries/handles';
import { likePeep, listLikers, unlikePeep } from '@/db/queries/likes';
import { listMutedAndBlocked } from '@/db/queries/mutes-and-blocks';
import { countUnreadNotifications, listNotifications, markNotificationsSeen } from '@/db/queries/notifications';
import { findResetTarget } from '@/db/queries/passwords';
import { searchPeeps } from '@/db/queries/peep-search';
import { findProfile, listOnline, searchPeople, touchLastSeen } from '@/db/queries/people';
import { findAvatarImage, findUsernames } from '@/db/queries/profiles';
import { findSessionUser, listLiveSessions, liveSessionsAmong } from '@/db/queries/sessions';
import { listTrendingTags } from '@/db/queries/tags';
import { findPeep, listHomeTimeline, listProfileTimeline, listPublicTimeline, listTagTimeline } from '@/db/queries/timelines';
import { listAncestors, listReplies } from '@/db/queries/threads';
import { loadPeepEmail } from '@/db/queries/outbox';

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Index Cond'?: string; Filter?: string; Plans?: PlanNode[] };
type Sent = { text: string; params: unknown[] };
/** The one call drizzle makes per statement: postgres.js's unsafe(text, params) or PGlite's query(text, params). */
type Driver = { unsafe?: (text: string, params?: unknown[]) => Promise<unknown>; query?: (text: string, params?: unknown[]) => Promise<unknown> };

async function driver(): Promise<{ client: Driver; method: 'unsafe' | 'query' }> {
  const { $client: client } = (await getDb()) as unknown as { $client: Driver };
  return { client, method: typeof client.unsafe === 'function' ? 'unsafe' : 'query' };
}

/** Runs real query functions and records each statement they send, through a spy that passes every call on unchanged. */
async function capture(run: () => Promise<unknown>): Promise<Sent[]> {
  const { client, method } = await driver();
  const spy = vi.spyOn(client, method);
  try {
    await run();
    return spy.mock.calls.map(([text, params]) => ({ text, params: params ?? [] }));
  } finally {
    spy.mockRestore();
  }
}

async function explain({ text, params }: Sent): Promise<PlanNode> {
  const { client, method } = await driver();
  const [row] = rowsOf<Record<string, unknown>>(await client[method]!(`explain (format json) ${text}`, params));
  const plan = Object.values(row)[0];
  return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan;
}

/** An expression without casts, parentheses or spaces, so an index's key and an Index Cond's spelling of it compare equal. */
const bare = (text: string) => text.replace(/::"?[a-z][a-z ]*"?/g, '').replace(/[()\s]/g, '');

async function leadingKeys(): Promise<Map<string, string>> {
  const db = await getDb();
  const rows = rowsOf<{ name: string; key: string }>(
    await db.execute(sql`select c.relname as name, pg_get_indexdef(i.indexrelid, 1, true) as key
      from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`),
  );
  return new Map(rows.map((r) => [r.name, bare(r.key)]));
}

/**
 * The columns or expressions an Index Cond compares, e.g. `((author_id = u.id) AND (created_at <= …))` → author_id, created_at;
 * `@@` is a text search's match and `%>` pg_trgm's word similarity.
 */
function comparedKeys(cond: string): string[] {
  return cond.split(' AND ').map((part) => {
    const left = bare(/^[(\s]*(.*?)\s(?:=|<>|<|>|<=|>=|~~|~>=~|~<~|~<=~|~>~|@@|%>|<%)\s/.exec(part)?.[1] ?? part);
    // A row comparison's first column; any other expression whole (a function's arguments are part of it).
    return left.startsWith('ROW') ? left.slice(3).split(',')[0] : left;
  });
}

const SEEDED = ['users', 'peeps', 'follows', 'reposts', 'mentions', 'mutes', 'blocks', 'avatars', 'sessions', 'retired_handles', 'likes', 'peep_tags', 'notifications'];

/**
 * A filter that only drops the peeps of people the viewer hides (mutes, blocks or is blocked by): each term a NOT of a
 * subplan, which PostgreSQL 15 shows as `NOT (hashed SubPlan 2)` and 17 as `NOT (ANY (author_id = (hashed SubPlan 2).col1))`.
 * A walk with only this filter reads past no more rows than those people wrote in its stretch.
 */
function onlyHidesPeople(filter: string): boolean {
  const rest = filter.replace(/NOT \((?:ANY \(author_id = \()?(?:hashed )?SubPlan \d+(?:\)\.col1\))?\)/g, '').replace(/AND|[()\s]/g, '');
  return rest === '' && filter.includes('SubPlan');
}

/**
 * Scans that read a whole seeded table or index: a Seq Scan; an index scan whose condition leaves out the index's first
 * key (it walks the whole index); or one with no condition at all, unless it is a newest-first walk a Limit stops
 * and that keeps every row it reads but those of people the viewer hides.
 */
function wholeScans(node: PlanNode, keys: Map<string, string>, parent?: PlanNode): string[] {
  const type = node['Node Type'];
  const index = node['Index Name'];
  const what = [type, node['Relation Name'] && `on ${node['Relation Name']}`, index && `using ${index}`, node.Filter && `filtering ${node.Filter}`].filter(Boolean).join(' ');
  let own: string[] = [];
  if (type === 'Seq Scan' && SEEDED.includes(node['Relation Name'] ?? '')) own = [what];
  else if (index && !node['Index Cond'])
    own = parent?.['Node Type'] === 'Limit' && (!node.Filter || onlyHidesPeople(node.Filter)) && /^Index (Only )?Scan$/.test(type) ? [] : [what];
  else if (index && !comparedKeys(node['Index Cond']!).includes(keys.get(index) ?? '')) own = [`${what} by ${node['Index Cond']}, not its first key`];
  return [...own, ...(node.Plans ?? []).flatMap((child) => wholeScans(child, keys, node))];
}

/** Runs each case's real query functions and lists every whole-table read in the plans of what they sent. */
async function wholeScansIn(cases: Record<string, () => Promise<unknown>>): Promise<string[]> {
  const keys = await leadingKeys();
  const found: string[] = [];
  for (const [name, run] of Object.entries(cases)) {
    const sent = await capture(run);
    expect(sent.length, `${name} sent no statement`).toBeGreaterThan(0);
    for (const statement of sent) found.push(...wholeScans(await explain(statement), keys).map((scan) => `${name}: ${scan}`));
  }
  return found;
}

/** Seeded history is not news: bulk rows are written without their notification triggers, as `npm run db:seed` writes them. */
async function withoutNotifications(table: 'follows' | 'reposts' | 'mentions' | 'notifications', load: () => Promise<unknown>): Promise<void> {
  const db = await getDb();
  const trigger = table === 'notifications' ? 'notifications_live' : `${table}_notify`;
  await db.execute(sql.raw(`alter table ${table} disable trigger ${trigger}`));
  try {
    await load();
  } finally {
    await db.execute(sql.raw(`alter table ${table} enable trigger ${trigger}`));
  }
}

// Enough rows that the planner prefers a sequential scan or a hash join over the whole table wherever no index serves
// a query: with a few thousand people it reads all of users rather than look up 51 authors, so there are 30,000.
beforeEach(async () => {
  const db = await getDb();
  await db.execute(sql`insert into users (username, email, name, password_hash, last_seen_at)
    select 'user' || i, 'user' || i || '@example.com', 'Person ' || i, 'x', now() - (i || ' seconds')::interval
    from generate_series(1, 30000) i`);
  await db.execute(sql`insert into peeps (author_id, body, created_at)
    select 1 + (i % 3000), 'peep ' || i, now() - (i || ' minutes')::interval from generate_series(1, 30000) i`);
  await withoutNotifications('follows', () => db.execute(sql`insert into follows (follower_id, followee_id, created_at)
    select 1 + (i % 3000), 1 + ((i * 7 + i / 3000) % 3000), now() - (i || ' seconds')::interval from generate_series(1, 30000) i
    where 1 + (i % 3000) <> 1 + ((i * 7 + i / 3000) % 3000) on conflict do nothing`));
  await withoutNotifications('reposts', () => db.execute(sql`insert into reposts (user_id, peep_id, created_at)
    select 1 + (i % 3000), 1 + (i * 13 % 30000), now() - (i || ' minutes')::interval from generate_series(1, 5000) i on conflict do nothing`));
  await withoutNotifications('mentions', () => db.execute(sql`insert into mentions (peep_id, user_id)
    select 1 + (i % 30000), 1 + (i * 11 % 3000) from generate_series(1, 10000) i on conflict do nothing`));
  // Each person mutes a third of the people they follow, and blocks and is blocked by a few, so every hiding rule has rows to find.
  await db.execute(sql`insert into mutes (muter_id, muted_id) select 1 + (i % 3000), 1 + ((i * 7 + i / 3000) % 3000)
    from generate_series(1, 30000) i where (i / 3000) % 3 = 0 and 1 + (i % 3000) <> 1 + ((i * 7 + i / 3000) % 3000) on conflict do nothing`);
  await db.execute(sql`insert into blocks (blocker_id, blocked_id) select 1 + (i * 17 % 3000), 1 + (i * 29 % 3000)
    from generate_series(1, 20000) i where i * 17 % 3000 <> i * 29 % 3000 on conflict do nothing`);
  // Peep 600 is popular (a tenth of these likes); the rest have a few each. Every shown peep asks whether the viewer
  // liked it. The plans need neither the counts nor live events, and 60,000 of each would be most of this set-up.
  await db.execute(sql`alter table likes disable trigger user`);
  await db.execute(sql`insert into likes (peep_id, user_id, created_at)
    select case when i % 10 = 0 then 600 else 1 + (i * 7 % 30000) end, 1 + (i % 30000), now() - (i || ' seconds')::interval
    from generate_series(1, 60000) i on conflict do nothing`);
  await db.execute(sql`alter table likes enable trigger user`);
  await db.execute(sql`analyze`);
});

describe('query plans, as the query functions send them', () => {
  it('read every timeline and peep page through indexes, the hydrating repost counts, own reposts, mentions, mutes and blocks included', async () => {
    const before = { createdAt: new Date(Date.now() - 600 * 60_000), kind: 0 as const, id: 600 };
    const found = await wholeScansIn({
      'public timeline': () => listPublicTimeline({ viewerId: 42 }),
      'public timeline, later page': () => listPublicTimeline({ viewerId: 42, before }),
      'home timeline': () => listHomeTimeline({ userId: 42, viewerId: 42 }),
      'home timeline, later page': () => listHomeTimeline({ userId: 42, viewerId: 42, before }),
      'profile timeline': () => listProfileTimeline({ userId: 42, viewerId: 7 }),
      'profile timeline, later page': () => listProfileTimeline({ userId: 42, viewerId: 7, before }),
      // The page of newer items above a later page ("Newer peeps"), read upward from its cursor.
      'public timeline, newer page': () => listPublicTimeline({ viewerId: 42, after: before }),
      'home timeline, newer page': () => listHomeTimeline({ userId: 42, viewerId: 42, after: before }),
      'profile timeline, newer page': () => listProfileTimeline({ userId: 42, viewerId: 7, after: before }),
      'one peep': () => findPeep({ id: 600, viewerId: 42 }),
    });
    expect(found).toEqual([]);
  });

  it('read a tag’s peeps, later and newer pages included, and the day’s trending tags through indexes', async () => {
    const db = await getDb();
    // Every peep under one of 500 tags at its own time, and every tenth under a second: a tag holds 60 or more peeps.
    await db.execute(sql`insert into peep_tags (peep_id, tag, created_at) select id, 'tag' || (id % 500), created_at from peeps`);
    await db.execute(sql`insert into peep_tags (peep_id, tag, created_at) select id, 'also' || (id % 50), created_at from peeps where id % 10 = 0`);
    await db.execute(sql`analyze peep_tags`);
    const first = await listTagTimeline({ tag: 'tag7', viewerId: 42, limit: 20 });
    expect(first.next).toBeTruthy();
    const found = await wholeScansIn({
      'tag page': () => listTagTimeline({ tag: 'tag7', viewerId: 42 }),
      'tag page, logged out': () => listTagTimeline({ tag: 'tag7' }),
      'tag page, later page': () => listTagTimeline({ tag: 'tag7', viewerId: 42, before: first.next }),
      'tag page, newer page': () => listTagTimeline({ tag: 'tag7', viewerId: 42, after: first.next }),
      'trending tags': () => listTrendingTags(),
    });
    expect(found).toEqual([]);
  });

  it('read a thread, its chain of peeps above and its replies a page at a time, and a reply mail, through indexes', async () => {
    const db = await getDb();
    // Every tenth peep answers the one before it, so chains run ten deep; peep 600 gets 300 replies by many people.
    await db.execute(sql`update peeps set reply_to_id = id + 1, reply_to_user_id = 1 + ((id + 1) % 3000), is_reply = true where id % 10 <> 0 and id < 29990`);
    await db.execute(sql`insert into peeps (author_id, body, created_at, reply_to_id, reply_to_user_id, is_reply)
      select 1 + (i * 7 % 3000), 'reply ' || i, now() - (i || ' seconds')::interval, 600, 1 + (600 % 3000), true from generate_series(1, 300) i`);
    await db.execute(sql`analyze peeps`);
    const first = await listReplies({ peepId: 600, limit: 5 });
    expect(first.next).toBeTruthy();
    const found = await wholeScansIn({
      'a peep’s ancestors': () => listAncestors({ peepId: 595, viewerId: 42 }),
      'a peep’s replies': () => listReplies({ peepId: 600, viewerId: 42 }),
      'a peep’s replies, later page': () => listReplies({ peepId: 600, viewerId: 42, after: first.next }),
      'a reply mail': () => loadPeepEmail({ recipientId: 42, peepId: 600 }),
    });
    expect(found).toEqual([]);
  });

  it('read follower and following lists, suggestions, profiles and who is online through indexes', async () => {
    const followers = await listFollowPeople({ userId: 42, direction: 'followers', limit: 5 });
    const following = await listFollowPeople({ userId: 42, direction: 'following', limit: 5 });
    // Pages past the first, so the keyset condition is in the plans too.
    expect(followers.next && following.next).toBeTruthy();
    const found = await wholeScansIn({
      followers: () => listFollowPeople({ userId: 42, direction: 'followers', viewerId: 7 }),
      'followers, later page': () => listFollowPeople({ userId: 42, direction: 'followers', viewerId: 7, limit: 5, before: followers.next }),
      following: () => listFollowPeople({ userId: 42, direction: 'following', viewerId: 7 }),
      'following, later page': () => listFollowPeople({ userId: 42, direction: 'following', viewerId: 7, limit: 5, before: following.next }),
      suggestions: () => suggestPeopleToFollow({ userId: 42 }),
      profile: () => findProfile({ username: 'user42', viewerId: 7 }),
      'who is online': () => listOnline(),
      'muted and blocked people': () => listMutedAndBlocked({ userId: 42 }),
    });
    expect(found).toEqual([]);
  });

  it('search people by handle, words and spelling, and peeps by their words, through indexes, later pages included', async () => {
    const db = await getDb();
    // A few peeps with a rare word, older than the window of newest peeps that is matched one by one, so the word
    // index has something to find.
    await db.execute(sql`insert into peeps (author_id, body, created_at)
      select 1 + i, 'a rare wonderland ' || i, now() - interval '1 year' - (i || ' minutes')::interval from generate_series(1, 30) i`);
    await db.execute(sql`analyze peeps`);
    const words = await searchPeople({ query: 'person', limit: 3 });
    const spelled = await searchPeople({ query: 'persn', limit: 3 });
    const rare = await searchPeeps({ query: 'wonderland', limit: 3 });
    // Pages past the first, so each rank's resume condition is in the plans too.
    expect(words.next?.rank).toBe(2);
    expect(spelled.next?.rank).toBe(3);
    expect(rare.next).toBeTruthy();
    const found = await wholeScansIn({
      'people: a handle, its prefixes and every later rank': () => searchPeople({ query: 'user4', viewerId: 7 }),
      'people: later page of handle prefixes': () => searchPeople({ query: 'user4', after: { rank: 1, miss: 0, name: '', handle: 'user4123' } }),
      'people: words of names, not a handle': () => searchPeople({ query: 'Person 4', viewerId: 7 }),
      'people: later page of words': () => searchPeople({ query: 'person', after: words.next }),
      'people: later page of similar spellings': () => searchPeople({ query: 'persn', after: spelled.next }),
      'peeps: a rare word': () => searchPeeps({ query: 'wonderland', viewerId: 7 }),
      'peeps: later page': () => searchPeeps({ query: 'wonderland', viewerId: 7, before: rare.next }),
      'peeps: a phrase, or, and not': () => searchPeeps({ query: '"peep 12" or wonderland -rare' }),
    });
    expect(found).toEqual([]);
  });

  it('find the account a forgotten password names, by its proven address or its handle, through indexes', async () => {
    const found = await wholeScansIn({
      'reset by address': () => findResetTarget({ identifier: 'User42@example.com' }),
      'reset by handle': () => findResetTarget({ identifier: 'USER42' }),
    });
    expect(found).toEqual([]);
  });

  it('read a person’s pending change of address and a mailed link’s state through indexes', async () => {
    const db = await getDb();
    await db.execute(sql`insert into email_verifications (token_hash, seed, user_id, email, expires_at, used_at, purpose)
      select md5(i::text), 's' || i, 1 + (i % 30000), 'user' || i || '@example.com', now() + interval '1 day',
        case when i % 3 = 0 then null else now() end, (array['verify', 'change', 'undo'])[1 + i % 3]
      from generate_series(1, 30000) i on conflict do nothing`);
    await db.execute(sql`analyze email_verifications`);
    const cases = {
      'pending change': () => findPendingEmailChange({ userId: 42 }),
      'a link’s state': () => findVerificationLinkState({ tokenHash: 'c4ca4238a0b923820dcc509a6f75849b' }),
      'an undo link’s state': () => findVerificationLinkState({ tokenHash: 'c4ca4238a0b923820dcc509a6f75849b', purposes: ['undo'] }),
    };
    const seqScans = (node: PlanNode): string[] => [
      ...(node['Node Type'] === 'Seq Scan' && ['email_verifications', 'users'].includes(node['Relation Name'] ?? '') ? [node['Relation Name']!] : []),
      ...(node.Plans ?? []).flatMap(seqScans),
    ];
    const found = await wholeScansIn(cases);
    for (const [name, run] of Object.entries(cases)) for (const sent of await capture(run)) found.push(...seqScans(await explain(sent)).map((t) => `${name}: Seq Scan on ${t}`));
    expect(found).toEqual([]);
  });

  it('serve a picture, replace or remove one, and find the people a bio mentions, by their keys', async () => {
    const db = await getDb();
    // A picture (three sizes) for every tenth person.
    await db.execute(sql`update users set avatar_version = nextval('avatar_versions') where id % 10 = 0`);
    await db.execute(sql`insert into avatars (user_id, version, size, bytes)
      select u.id, u.avatar_version, s.size, '\\x00'::bytea from users u cross join (values (48), (96), (400)) s (size) where u.avatar_version is not null`);
    await db.execute(sql`analyze users, avatars`);
    const [{ version }] = rowsOf<{ version: string }>(await db.execute(sql`select avatar_version::text as version from users where id = 420`));
    const found = await wholeScansIn({
      'a picture': () => findAvatarImage({ version: Number(version), size: 96 }),
      'people a bio mentions': () => findUsernames({ handles: ['user42', 'nobody'] }),
    });
    // An upload or a removal (a transaction, which the spy does not see) deletes the old picture's rows by person; a
    // person leaving, or their version changing, has the foreign key look for rows by person and version.
    const keys = await leadingKeys();
    for (const text of ['delete from "avatars" where "avatars"."user_id" = $1', 'select 1 from avatars where user_id = $1 and version = $2']) {
      found.push(...wholeScans(await explain({ text, params: [420, Number(version)].slice(0, text.includes('$2') ? 2 : 1) }), keys));
    }
    expect(found).toEqual([]);
  });

  it('check a session on every request, list and end a person’s sessions, and mark one active through indexes', async () => {
    const db = await getDb();
    await db.execute(sql`insert into sessions (id, user_id, expires_at, last_active_at, user_agent)
      select 'session' || i, 1 + (i % 3000), now() + interval '30 days', now() - (i || ' seconds')::interval, 'Mozilla/5.0'
      from generate_series(1, 30000) i`);
    await db.execute(sql`analyze sessions`);
    const found = await wholeScansIn({
      'a request’s session': () => findSessionUser({ sessionId: 'session42' }),
      'marking it active': () => touchLastSeen({ userId: 43, sessionId: 'session42' }),
      // Ending sessions deletes by the same condition, in a transaction this spy does not see.
      'a person’s sessions': () => listLiveSessions({ userId: 43 }),
      'the live streams’ sessions': () => liveSessionsAmong({ sessionIds: ['session42', 'session3042', 'nobody'] }),
    });
    expect(found).toEqual([]);
  });

  it('follow a handle given up to its person, read a person’s held handles, and page through a data export, through indexes', async () => {
    const db = await getDb();
    await db.execute(sql`insert into retired_handles (handle, user_id, until)
      select 'gone' || i, case when i % 3 = 0 then null else 1 + (i % 3000) end, now() + (i % 40 - 10 || ' days')::interval
      from generate_series(1, 30000) i`);
    await db.execute(sql`analyze retired_handles`);
    const found = await wholeScansIn({
      'old handle redirect': () => findRenamedHandle({ handle: 'gone42' }),
      'compose hint': () => findRenamedHandles({ handles: ['gone41', 'gone42', 'user7'] }),
      'handle settings': () => findHandleStatus({ userId: 42 }),
      'export: peeps, later page': () => listExportPeeps({ userId: 42, after: 100, limit: 500 }),
      'export: reposts': () => listExportReposts({ userId: 42, after: 0, limit: 500 }),
      'export: following': () => listExportPeople({ userId: 42, relation: 'following', after: 0, limit: 500 }),
      'export: followers': () => listExportPeople({ userId: 42, relation: 'followers', after: 0, limit: 500 }),
      'export: muted': () => listExportPeople({ userId: 42, relation: 'muted', after: 0, limit: 500 }),
      'export: blocked': () => listExportPeople({ userId: 42, relation: 'blocked', after: 0, limit: 500 }),
    });
    expect(found).toEqual([]);
  });

  it('find every row that names a peep being deleted through an index: likes, tags, notifications, replies and mail included', async () => {
    const db = await getDb();
    await db.execute(sql`insert into peep_tags (peep_id, tag) select 1 + (i % 30000), 'tag' || (i % 50) from generate_series(1, 30000) i on conflict do nothing`);
    await db.execute(sql`insert into notifications (recipient_id, kind, actor_id, peep_id)
      select 1 + (i % 3000), 'like', 1 + ((i + 1) % 3000), 1 + (i % 30000) from generate_series(1, 30000) i on conflict do nothing`);
    await db.execute(sql`insert into email_outbox (kind, recipient_id, sender_id, peep_id, status)
      select 'mention', 1 + (i % 3000), 1 + ((i + 1) % 3000), 1 + (i % 30000), 'sent' from generate_series(1, 30000) i`);
    await db.execute(sql`update peeps set reply_to_id = id - 1, reply_to_user_id = 1, is_reply = true where id % 10 = 0`);
    await db.execute(sql`analyze peep_tags, notifications, email_outbox, peeps`);
    // What the foreign keys look for when a peep goes, one lookup per key that names peeps, whichever table it is in.
    const keys = rowsOf<{ tbl: string; col: string }>(
      await db.execute(sql`select c.conrelid::regclass::text as tbl, a.attname as col from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid = 'peeps'::regclass and array_length(c.conkey, 1) = 1`),
    );
    expect(keys.map((k) => k.tbl)).toEqual(expect.arrayContaining(['likes', 'peep_tags', 'notifications', 'email_outbox', 'peeps', 'reposts', 'mentions']));
    const statements = [
      ...keys.map(({ tbl, col }) => `select 1 from ${tbl} where ${col} = $1`),
      // deletePeep's own statements (a transaction, which the spy does not see).
      `select id from peeps where id = $1 and author_id = $2 for update`,
      `update email_outbox set status = 'cancelled', last_error = 'peep deleted' where peep_id = $1 and status in ('pending', 'digest')`,
    ];
    const seqScans = (node: PlanNode): string[] => [...(node['Node Type'] === 'Seq Scan' ? [node['Relation Name']!] : []), ...(node.Plans ?? []).flatMap(seqScans)];
    const found: string[] = [];
    for (const text of statements) found.push(...seqScans(await explain({ text, params: [600, 42].slice(0, text.includes('$2') ? 2 : 1) })).map((t) => `${text}: Seq Scan on ${t}`));
    expect(found).toEqual([]);
  });

  it('like and unlike a peep, and page through who liked one, through indexes', async () => {
    const first = await listLikers({ peepId: 600, viewerId: 42, limit: 5 });
    expect(first.next).toBeTruthy();
    const found = await wholeScansIn({
      like: () => likePeep({ userId: 42, peepId: 601 }),
      unlike: () => unlikePeep({ userId: 42, peepId: 601 }),
      'liked by': () => listLikers({ peepId: 600, viewerId: 42 }),
      'liked by, later page': () => listLikers({ peepId: 600, viewerId: 42, limit: 5, before: first.next }),
      'liked by, logged out': () => listLikers({ peepId: 600 }),
    });
    expect(found).toEqual([]);
  });

  it('count, list and mark read a person’s notifications, and undo the deeds that wrote them, through indexes', async () => {
    // What the triggers would have written for the seeded follows, reposts and mentions, written at once.
    const db = await getDb();
    await withoutNotifications('notifications', async () => {
      await db.execute(sql`insert into notifications (recipient_id, kind, actor_id, created_at) select followee_id, 'follow', follower_id, created_at from follows`);
      await db.execute(sql`insert into notifications (recipient_id, kind, actor_id, peep_id, created_at)
        select p.author_id, 'repost', r.user_id, r.peep_id, r.created_at from reposts r join peeps p on p.id = r.peep_id where p.author_id <> r.user_id
        union all select m.user_id, 'mention', p.author_id, m.peep_id, p.created_at from mentions m join peeps p on p.id = m.peep_id where p.author_id <> m.user_id`);
    });
    await db.execute(sql`analyze notifications`);
    const first = await listNotifications({ userId: 42, limit: 3 });
    expect(first.next).toBeTruthy();
    const found = await wholeScansIn({
      'unread count': () => countUnreadNotifications({ userId: 42 }),
      notifications: () => listNotifications({ userId: 42 }),
      'notifications, later page': () => listNotifications({ userId: 42, limit: 3, before: first.next }),
      'marking them read': () => markNotificationsSeen({ userId: 42, upTo: first.rows[0].id }),
    });
    // What the triggers run as a repost (or a like) or a follow is undone, for one row.
    const keys = await leadingKeys();
    for (const [text, params] of [
      ["delete from notifications n using (select $1::bigint as followee_id, $2::bigint as follower_id) f where n.recipient_id = f.followee_id and n.kind = 'follow' and n.actor_id = f.follower_id and n.peep_id is null", [42, 7]],
      ["delete from notifications n using (select $1::bigint as peep_id, $2::bigint as user_id) d where n.peep_id = d.peep_id and n.kind = 'repost' and n.actor_id = d.user_id", [600, 7]],
    ] as const) {
      found.push(...wholeScans(await explain({ text, params: [...params] }), keys).map((scan) => `${text}: ${scan}`));
    }
    expect(found).toEqual([]);
  });
});
