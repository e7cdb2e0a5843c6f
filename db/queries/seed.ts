import { sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf, type Db, type Tx } from '../index';
import { FIRST, LAST } from '../seed-names';

// Set-based seeding: each table is filled by one INSERT … SELECT over generate_series, not a row at a time.

const OPENERS = ['Just finished', 'Can’t stop thinking about', 'Hot take on', 'Anyone else enjoying', 'Quick thought about', 'Today I learned about', 'Reading up on', 'Big fan of', 'Not sure about', 'Loving'];
const TOPICS = ['the new coffee place', 'keyset pagination', 'the morning run', 'PostgreSQL indexes', 'this week’s rain', 'the football', 'sourdough', 'the city marathon', 'a great book', 'the team offsite', 'React server components', 'the night bus', 'gardening', 'jazz records', 'the new bike lane'];
const CLOSERS = ['🙌', 'Thoughts?', 'More soon.', 'What a day.', '☕', 'Highly recommend.', '#chitter', 'Who’s in?', '', 'Back to work!'];

const textArray = (items: string[]) => sql.raw(`array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]::text[]`);

export const SEED_EMAIL_DOMAIN = 'seed.chitter.test';

export async function countRealUsers(): Promise<number> {
  const db = await getDb();
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from users where email not like ${`%@${SEED_EMAIL_DOMAIN}`}`));
  return Number(row.n);
}

export async function seedUsers({ count, passwordHash }: { count: number; passwordHash: string }): Promise<void> {
  if (count <= 0) return;
  const db = await getDb();
  const [{ base }] = rowsOf<{ base: number }>(await db.execute(sql`select coalesce(max(id), 0)::int as base from users`));
  await db.execute(sql`
    insert into users (username, email, name, password_hash, created_at)
    select lower(f) || '_' || lower(l) || n, lower(f) || '_' || lower(l) || n || '@' || ${SEED_EMAIL_DOMAIN}, f || ' ' || l, ${passwordHash},
      now() - interval '730 days' * random()
    from generate_series(${base + 1}::int, ${base + count}::int) n,
      lateral (select (${textArray(FIRST)})[1 + n % ${FIRST.length}] as f, (${textArray(LAST)})[1 + (n / ${FIRST.length}) % ${LAST.length}] as l) names`);
}

/**
 * Seeded history is not news: bulk loads skip the live-event and notification triggers (a million NOTIFYs, and as
 * many event rows and notifications).
 */
async function withoutLiveEvents(table: 'peeps' | 'follows' | 'reposts', load: () => Promise<unknown>): Promise<void> {
  const db = await getDb();
  await db.execute(sql.raw(`alter table ${table} disable trigger ${table}_live, disable trigger ${table}_notify`));
  try {
    await load();
  } finally {
    await db.execute(sql.raw(`alter table ${table} enable trigger ${table}_live, enable trigger ${table}_notify`));
  }
}

/** The tags seeded peeps carry; the first is on one peep in a hundred, so its page has plenty to page through. */
export const SEED_TAGS = ['coffee', 'running', 'postgres', 'books', 'jazz', 'gardening', 'football', 'rain', 'bikes', 'sourdough'];

/** A #tag for `percent` in a hundred values of `n`: the first tag for one in a hundred, the others shared by the rest. */
const tagSuffix = (n: SQL, percent: number) => sql`case when ${n} % 100 = 0 and ${percent}::int > 0 then ${` #${SEED_TAGS[0]}`}
  when ${n} % 100 < ${percent}::int then ' #' || (${textArray(SEED_TAGS.slice(1))})[1 + (${n} / 100) % ${SEED_TAGS.length - 1}] else '' end`;

/**
 * How many people like a peep: about `perPeep` on average, skewed as attention is (a Pareto tail): most peeps none, a
 * few thousands, never more than `most`. Drawn when the peep is written, so seedLikes writes the rows to match and
 * no count is updated afterwards.
 */
const likeCount = (perPeep: number, most: SQL) =>
  perPeep > 0 ? sql`least(floor(${(perPeep + 0.5) / 2}::float * (power(1 - random(), -2.0 / 3) - 1)), 5000, ${most})::int` : sql`0`;

/** Peeps by skewed authors (a few people peep a lot, most a little) over the last year, with drawn like counts. */
export async function seedPeeps({ count, tagPercent = 0, likesPerPeep = 0 }: { count: number; tagPercent?: number; likesPerPeep?: number }): Promise<void> {
  if (count <= 0) return;
  const db = await getDb();
  await withoutLiveEvents('peeps', () => db.execute(sql`
    with ids as (select array_agg(id order by id) as a, count(*) as n from users)
    insert into peeps (author_id, body, created_at, like_count)
    select ids.a[1 + floor(power(random(), 2) * ids.n)::int],
      (${textArray(OPENERS)})[1 + i % ${OPENERS.length}] || ' ' || (${textArray(TOPICS)})[1 + (i / 7) % ${TOPICS.length}] || '. ' || (${textArray(CLOSERS)})[1 + (i / 3) % ${CLOSERS.length}]
        || ${tagSuffix(sql`i`, tagPercent)},
      now() - interval '365 days' * random(), ${likeCount(likesPerPeep, sql`ids.n - 1`)}
    from ids, generate_series(1, ${count}::int) i`));
}

const POPULAR = 1000;

export async function seedFollows({ perUser }: { perUser: number }): Promise<void> {
  if (perUser <= 0) return;
  const db = await getDb();
  const [b] = rowsOf<{ lo: number; n: number; span: number; existing: number }>(
    await db.execute(sql`select coalesce(min(id), 0)::int as lo, count(*)::int as n, coalesce(max(id) - min(id) + 1, 0)::int as span,
      (select count(*) from follows)::int as existing from users`),
  );
  const popular = Math.ceil(perUser / 5);
  // Each person follows `perUser` others: a fifth among the first thousand (the popular), the rest spread evenly.
  if (b.existing === 0 && b.n === b.span && b.n > POPULAR + perUser) {
    // Bulk path for a fresh table: the pairs are distinct by construction, so load without keys and index once.
    const stride = Math.max(1, Math.floor((b.n - POPULAR) / (perUser - popular + 1)));
    await withoutLiveEvents('follows', () => db.transaction(async (tx) => {
      await tx.execute(sql`alter table follows drop constraint follows_follower_id_users_id_fk, drop constraint follows_followee_id_users_id_fk,
        drop constraint follows_follower_id_followee_id_pk`);
      await tx.execute(sql`drop index follows_followee_id_idx, follows_follower_created_idx`);
      await tx.execute(sql`
        insert into follows (follower_id, followee_id, created_at)
        select follower, followee, now() - interval '365 days' * random() from (
          select u as follower,
            case when k <= ${popular}::int then ${b.lo}::bigint + (u * 31 + k * 7) % ${POPULAR}::int
              else ${b.lo + POPULAR}::bigint + (u - ${b.lo}::int + (k - ${popular}::int) * ${stride}::int) % ${b.n - POPULAR}::int end as followee
          from generate_series(${b.lo}::bigint, ${b.lo + b.n - 1}::bigint) u, generate_series(1, ${perUser}::int) k
        ) pairs where follower <> followee`);
      await tx.execute(sql`alter table follows add constraint follows_follower_id_followee_id_pk primary key (follower_id, followee_id)`);
      await tx.execute(sql`create index follows_followee_id_idx on follows using btree (followee_id, created_at desc nulls first)`);
      await tx.execute(sql`create index follows_follower_created_idx on follows using btree (follower_id, created_at desc nulls first)`);
      await tx.execute(sql`alter table follows add constraint follows_follower_id_users_id_fk foreign key (follower_id) references users(id) on delete cascade,
        add constraint follows_followee_id_users_id_fk foreign key (followee_id) references users(id) on delete cascade`);
    }));
    return;
  }
  await withoutLiveEvents('follows', () => db.execute(sql`
    with ids as (select array_agg(id order by id) as a, count(*) as n from users)
    insert into follows (follower_id, followee_id, created_at)
    select follower, followee, now() - interval '365 days' * random()
    from (
      select u.id as follower,
        case when k <= ${popular}::int then ids.a[1 + (u.id * 31 + k * 7) % least(ids.n, ${POPULAR}::int)]
          else ids.a[1 + (u.id + k * greatest(1, ids.n / (${perUser}::int + 1))) % ids.n] end as followee
      from ids, users u, generate_series(1, ${perUser}::int) k
      where not exists (select 1 from follows f where f.follower_id = u.id)
    ) pairs
    where follower <> followee
    on conflict do nothing`));
}

export async function seedReposts({ count }: { count: number }): Promise<void> {
  if (count <= 0) return;
  const db = await getDb();
  // Random people repost peeps spread over the table, some time after each peep was written.
  await withoutLiveEvents('reposts', () => db.execute(sql`
    with people as (select id, row_number() over (order by id) as rn from users),
      sizes as (select (select count(*) from users) as n, (select min(id) from peeps) as plo, (select max(id) - min(id) + 1 from peeps) as pn),
      picks as (
        select 1 + floor(random() * s.n)::bigint as rn, s.plo + (i::bigint * 7919) % s.pn as peep_id
        from sizes s, generate_series(1, ${count}::int) i)
    insert into reposts (user_id, peep_id, created_at)
    select people.id, p.id, p.created_at + (now() - p.created_at) * random()
    from picks join people on people.rn = picks.rn join peeps p on p.id = picks.peep_id
    on conflict do nothing`));
}

/**
 * Every trigger of the app's own on `table` is off for the load: live events (seeded history is not news), the counts
 * (drawn with the peeps, or fixed once by fixReplyCounts, far faster than an update per row) and whatever a later
 * release adds.
 * The foreign keys' triggers stay on.
 */
async function withoutTriggers(table: 'peeps' | 'likes' | 'mentions' | 'peep_tags', load: () => Promise<unknown>): Promise<void> {
  const db = await getDb();
  await db.execute(sql.raw(`alter table ${table} disable trigger user`));
  try {
    await load();
  } finally {
    await db.execute(sql.raw(`alter table ${table} enable trigger user`));
  }
}

const ANSWERS = ['Agreed!', 'Same here.', 'Not so sure, tbh.', 'Ha, yes.', 'Tell me more?', 'This is the way.', 'Thanks for sharing!', 'Strong disagree.', 'Ooh, where?', 'Love this.'];

// People numbered 1..n in id order, so a seeded choice of person is a join on a number, whatever the ids are.
const PEOPLE = sql`people as (select id, username, row_number() over (order by id) as rn from users),
  sizes as (select count(*) as n from users)`;

/**
 * Writes replies chosen by `picks` (k, parent_id, person: a number 1..n, at: how far between the answered peep and now),
 * each starting with the answered author's handle as the compose box does, with that mention's row.
 */
async function writeReplies(picks: SQL, likesPerPeep: number): Promise<void> {
  const db = await getDb();
  await withoutTriggers('peeps', () =>
    withoutTriggers('mentions', () =>
      db.execute(sql`
        with ${PEOPLE}, picks as (${picks}),
          replies as (
            insert into peeps (author_id, body, created_at, reply_to_id, reply_to_user_id, is_reply, like_count)
            select author.id, '@' || answered.username || ' ' || (${textArray(ANSWERS)})[1 + picks.k % ${ANSWERS.length}],
              p.created_at + (now() - p.created_at) * picks.at, p.id, p.author_id, true, ${likeCount(likesPerPeep, sql`(select n - 1 from sizes)`)}
            from picks join people author on author.rn = picks.person join peeps p on p.id = picks.parent_id join users answered on answered.id = p.author_id
            returning id, reply_to_user_id)
        insert into mentions (peep_id, user_id, handle)
        select replies.id, replies.reply_to_user_id, lower(u.username) from replies join users u on u.id = replies.reply_to_user_id`),
    ),
  );
}

/**
 * Replies to earlier peeps, soon after them as a rule; who answers is skewed as who peeps is. One peep a day old with
 * no replies yet then gets exactly `thread`, over the day after it, a tenth by its own author, for the bench's thread page.
 */
export async function seedReplies({ count, thread, likesPerPeep = 0 }: { count: number; thread: number; likesPerPeep?: number }): Promise<void> {
  if (count > 0) {
    await writeReplies(sql`
      select k, s.lo + floor(random() * s.span)::bigint as parent_id, 1 + floor(power(random(), 2) * sizes.n)::int as person, power(random(), 3) as at
      from sizes, (select min(id) as lo, max(id) - min(id) + 1 as span from peeps) s, generate_series(1, ${count}::int) k`, likesPerPeep);
  }
  if (thread > 0) {
    await writeReplies(sql`
      select k, root.id as parent_id, case when k % 10 = 0 then author.rn else 1 + (root.id * 7919 + k) % sizes.n end as person,
        k / (${thread}::float + 1) as at
      from sizes, (select id, author_id from peeps where created_at < now() - interval '1 day' and not is_reply
          and not exists (select 1 from peeps r where r.reply_to_id = peeps.id) order by created_at desc, id desc limit 1) root
        join people author on author.id = root.author_id, generate_series(1, ${thread}::int) k`, likesPerPeep);
  }
}

/** The peep the bench's thread page shows: the one with the most replies (a seeded database has one with 200). */
export async function findBusiestThread(): Promise<{ id: number; replies: number } | null> {
  const db = await getDb();
  const [row] = rowsOf<{ id: number; replies: number }>(await db.execute(sql`select id, reply_count as replies from peeps order by reply_count desc limit 1`));
  return row && Number(row.replies) > 0 ? { id: Number(row.id), replies: Number(row.replies) } : null;
}

/**
 * For a database seeded before conversations: appends the #tags seedPeeps would have written and draws like counts,
 * touching only the peeps that get either.
 */
export async function addTagsAndLikeCounts({ tagPercent, likesPerPeep }: { tagPercent: number; likesPerPeep: number }): Promise<void> {
  const db = await getDb();
  await withoutTriggers('peeps', () =>
    db.execute(sql`
      with drawn as (select id, ${tagSuffix(sql`id`, tagPercent)} as tag, ${likeCount(likesPerPeep, sql`(select count(*) - 1 from users)`)} as likes from peeps)
      update peeps p set body = case when char_length(p.body) < 3900 then p.body || drawn.tag else p.body end, like_count = drawn.likes
      from drawn where p.id = drawn.id and (drawn.tag <> '' or drawn.likes > 0)`),
  );
}

/** A row for every #tag in every peep's text (#chitter is among the seeded closers), lower-cased, with the peep's time. */
export async function seedTags(): Promise<void> {
  const db = await getDb();
  await withoutTriggers('peep_tags', () =>
    db.execute(sql`insert into peep_tags (peep_id, tag, created_at)
      select p.id, lower(m[1]), p.created_at from peeps p, regexp_matches(p.body, '(?:^|[^[:alnum:]_])#([[:alnum:]]{1,100})', 'g') m
      where p.body like '%#%'
      on conflict do nothing`),
  );
}

/**
 * The likes each peep's drawn like_count says, by distinct people (distinct by construction, so no key is checked
 * twice). Into an empty table the rows go in without keys or indexes, which are built once afterwards, as for follows.
 */
export async function seedLikes(): Promise<void> {
  const db = await getDb();
  const [{ empty }] = rowsOf<{ empty: boolean }>(await db.execute(sql`select not exists (select 1 from likes) as empty`));
  // Peeps liked already (since the seed, through the app) keep the likes they have.
  const load = (tx: Tx | Db) =>
    tx.execute(sql`
      with ${PEOPLE}
      insert into likes (peep_id, user_id, created_at)
      select p.id, people.id, p.created_at + (now() - p.created_at) * random()
      from sizes, peeps p, generate_series(1, p.like_count) k, people
      where p.like_count > 0 and people.rn = 1 + (p.id * 7919 + k) % sizes.n
        ${empty ? sql`` : sql`and not exists (select 1 from likes l where l.peep_id = p.id)`}`);
  await withoutTriggers('likes', async () => {
    if (!empty) return load(db);
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table likes drop constraint likes_peep_id_peeps_id_fk, drop constraint likes_user_id_users_id_fk, drop constraint likes_peep_id_user_id_pk`);
      await tx.execute(sql`drop index likes_peep_created_idx, likes_user_created_idx`);
      await load(tx);
      await tx.execute(sql`alter table likes add constraint likes_peep_id_user_id_pk primary key (peep_id, user_id)`);
      await tx.execute(sql`create index likes_peep_created_idx on likes using btree (peep_id, created_at desc nulls first, user_id desc nulls first)`);
      await tx.execute(sql`create index likes_user_created_idx on likes using btree (user_id, created_at desc nulls first)`);
      await tx.execute(sql`alter table likes add constraint likes_peep_id_peeps_id_fk foreign key (peep_id) references peeps(id) on delete cascade,
        add constraint likes_user_id_users_id_fk foreign key (user_id) references users(id) on delete cascade`);
    });
  });
}

/** Sets reply counts from the rows, once after the replies were written with the trigger keeping them off. */
export async function fixReplyCounts(): Promise<void> {
  const db = await getDb();
  await withoutTriggers('peeps', () =>
    db.execute(sql`
      update peeps p set reply_count = c.replies
      from (select reply_to_id, count(*)::int as replies from peeps where reply_to_id is not null group by reply_to_id) c
      where p.id = c.reply_to_id and p.reply_count <> c.replies`),
  );
}

/** Whether the database already holds conversations (a database seeded before them has none). */
export async function hasConversations(): Promise<boolean> {
  const db = await getDb();
  const [row] = rowsOf<{ found: boolean }>(await db.execute(sql`select exists (select 1 from likes) or exists (select 1 from peep_tags) as found`));
  return Boolean(row.found);
}

/** Statistics for the planner, and the visibility map that lets index-only scans skip the heap after a bulk load. */
export async function analyzeAll(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`vacuum analyze users, peeps, follows, reposts, mentions, likes, peep_tags`);
}

export async function tableCounts(): Promise<Record<string, number>> {
  const db = await getDb();
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select (select count(*) from users)::int as users, (select count(*) from peeps)::int as peeps,
      (select count(*) from follows)::int as follows, (select count(*) from reposts)::int as reposts,
      (select count(*) from peeps where is_reply)::int as replies, (select count(*) from likes)::int as likes, (select count(*) from peep_tags)::int as tags`),
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}
