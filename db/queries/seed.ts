import { sql } from 'drizzle-orm';
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

/** Statistics for the planner, and the visibility map that lets index-only scans skip the heap after a bulk load. */
export async function analyzeAll(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`vacuum analyze users, peeps, follows, reposts`);
}

export async function tableCounts(): Promise<Record<string, number>> {
  const db = await getDb();
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select (select count(*) from users)::int as users, (select count(*) from peeps)::int as peeps,
      (select count(*) from follows)::int as follows, (select count(*) from reposts)::int as reposts`),
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}
