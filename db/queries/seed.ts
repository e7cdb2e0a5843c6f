import { sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf } from '../index';
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

/** Seeded history is not news: bulk loads skip the live-event triggers (a million NOTIFYs, and as many event rows). */
async function withoutLiveEvents(table: 'peeps' | 'follows' | 'reposts', load: () => Promise<unknown>): Promise<void> {
  const db = await getDb();
  await db.execute(sql.raw(`alter table ${table} disable trigger ${table}_live`));
  try {
    await load();
  } finally {
    await db.execute(sql.raw(`alter table ${table} enable trigger ${table}_live`));
  }
}

export async function seedPeeps({ count }: { count: number }): Promise<void> {
  if (count <= 0) return;
  const db = await getDb();
  // Authors are skewed: a few people peep a lot, most a little. Times spread over the last year.
  await withoutLiveEvents('peeps', () => db.execute(sql`
    with ids as (select array_agg(id order by id) as a, count(*) as n from users)
    insert into peeps (author_id, body, created_at)
    select ids.a[1 + floor(power(random(), 2) * ids.n)::int],
      (${textArray(OPENERS)})[1 + i % ${OPENERS.length}] || ' ' || (${textArray(TOPICS)})[1 + (i / 7) % ${TOPICS.length}] || '. ' || (${textArray(CLOSERS)})[1 + (i / 3) % ${CLOSERS.length}],
      now() - interval '365 days' * random()
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
 * (fixed once afterwards by fixCounts, far faster than one peeps update per like) and whatever a later release adds.
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
async function writeReplies(picks: SQL): Promise<void> {
  const db = await getDb();
  await withoutTriggers('peeps', () =>
    withoutTriggers('mentions', () =>
      db.execute(sql`
        with ${PEOPLE}, picks as (${picks}),
          replies as (
            insert into peeps (author_id, body, created_at, reply_to_id, reply_to_user_id, is_reply)
            select author.id, '@' || answered.username || ' ' || (${textArray(ANSWERS)})[1 + picks.k % ${ANSWERS.length}],
              p.created_at + (now() - p.created_at) * picks.at, p.id, p.author_id, true
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
export async function seedReplies({ count, thread }: { count: number; thread: number }): Promise<void> {
  if (count > 0) {
    await writeReplies(sql`
      select k, s.lo + floor(random() * s.span)::bigint as parent_id, 1 + floor(power(random(), 2) * sizes.n)::int as person, power(random(), 3) as at
      from sizes, (select min(id) as lo, max(id) - min(id) + 1 as span from peeps) s, generate_series(1, ${count}::int) k`);
  }
  if (thread > 0) {
    await writeReplies(sql`
      select k, root.id as parent_id, case when k % 10 = 0 then author.rn else 1 + (root.id * 7919 + k) % sizes.n end as person,
        k / (${thread}::float + 1) as at
      from sizes, (select id, author_id from peeps where created_at < now() - interval '1 day' and not is_reply
          and not exists (select 1 from peeps r where r.reply_to_id = peeps.id) order by created_at desc, id desc limit 1) root
        join people author on author.id = root.author_id, generate_series(1, ${thread}::int) k`);
  }
}

/** The peep the bench's thread page shows: the one with the most replies (a seeded database has one with 200). */
export async function findBusiestThread(): Promise<{ id: number; replies: number } | null> {
  const db = await getDb();
  const [row] = rowsOf<{ id: number; replies: number }>(await db.execute(sql`select id, reply_count as replies from peeps order by reply_count desc limit 1`));
  return row && Number(row.replies) > 0 ? { id: Number(row.id), replies: Number(row.replies) } : null;
}

/** The tags seeded peeps carry; the first is on one peep in a hundred, so its page has plenty to page through. */
export const SEED_TAGS = ['coffee', 'running', 'postgres', 'books', 'jazz', 'gardening', 'football', 'rain', 'bikes', 'sourdough'];

/**
 * Appends a #tag to `percent` in a hundred peeps (the first tag on one in a hundred, the rest shared by the others),
 * then stores a row for every #tag in every peep's text (#chitter is among the seeded closers), lower-cased, with the
 * peep's time.
 */
export async function seedTags({ percent }: { percent: number }): Promise<void> {
  if (percent <= 0) return;
  const db = await getDb();
  await withoutTriggers('peeps', () =>
    db.execute(sql`update peeps set body = body || ' #' || case when id % 100 = 0 then ${SEED_TAGS[0]}
      else (${textArray(SEED_TAGS.slice(1))})[1 + (id / 100) % ${SEED_TAGS.length - 1}] end
      where id % 100 < ${percent}::int and char_length(body) < 3900`),
  );
  await withoutTriggers('peep_tags', () =>
    db.execute(sql`insert into peep_tags (peep_id, tag, created_at)
      select p.id, lower(m[1]), p.created_at from peeps p, regexp_matches(p.body, '(?:^|[^[:alnum:]_])#([[:alnum:]]{1,100})', 'g') m
      where p.body like '%#%'
      on conflict do nothing`),
  );
}

/**
 * About `perPeep` likes a peep on average, skewed as attention is: most peeps have none, a few have thousands (a
 * Pareto tail). The people liking one peep are distinct by construction, so no key is checked twice.
 */
export async function seedLikes({ perPeep }: { perPeep: number }): Promise<void> {
  if (perPeep <= 0) return;
  const db = await getDb();
  await withoutTriggers('likes', () =>
    db.execute(sql`
      with ${PEOPLE}
      insert into likes (peep_id, user_id, created_at)
      select p.id, people.id, p.created_at + (now() - p.created_at) * random()
      from sizes, (select id, created_at, floor(${(perPeep + 0.5) / 2}::float * (power(1 - random(), -2.0 / 3) - 1)) as n from peeps) p,
        generate_series(1, least(p.n, 5000, sizes.n - 1)::int) k, people
      where people.rn = 1 + (p.id * 7919 + k) % sizes.n`),
  );
}

/** Sets each peep's like and reply counts from the rows, once after the loads that skipped the triggers keeping them. */
export async function fixCounts(): Promise<void> {
  const db = await getDb();
  await withoutTriggers('peeps', () =>
    db.execute(sql`
      update peeps p set like_count = c.likes, reply_count = c.replies
      from (select peep_id, sum(likes)::int as likes, sum(replies)::int as replies from (
          select peep_id, count(*) as likes, 0 as replies from likes group by peep_id
          union all select reply_to_id, 0, count(*) from peeps where reply_to_id is not null group by reply_to_id) counted
        group by peep_id) c
      where p.id = c.peep_id and (p.like_count <> c.likes or p.reply_count <> c.replies)`),
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
