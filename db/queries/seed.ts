import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '../index';

// Set-based seeding: each table is filled by one INSERT … SELECT over generate_series, not a row at a time.

const FIRST = ['Sam', 'Alex', 'Priya', 'Jordan', 'Mei', 'Omar', 'Lucia', 'Kwame', 'Hana', 'Diego', 'Aisha', 'Tom', 'Ingrid', 'Ravi', 'Zoe', 'Mateo', 'Yuki', 'Fatima', 'Liam', 'Chloe', 'Noah', 'Amara', 'Finn', 'Leila', 'Oscar', 'Nadia', 'Ethan', 'Sofia', 'Kai', 'Elena', 'Ben', 'Grace', 'Arjun', 'Maya', 'Felix', 'Rosa', 'Hugo', 'Iris', 'Leo', 'Tara'];
const LAST = ['Morgan', 'Chen', 'Patel', 'Okafor', 'Garcia', 'Smith', 'Kim', 'Nguyen', 'Rossi', 'Silva', 'Haddad', 'Novak', 'Jensen', 'Costa', 'Ito', 'Brown', 'Khan', 'Murphy', 'Schmidt', 'Dubois', 'Ali', 'Santos', 'Walsh', 'Kowalski', 'Lopez', 'Berg', 'Mensah', 'Tanaka', 'Reyes', 'Fischer', 'Clarke', 'Ahmed', 'Moreau', 'Lindqvist', 'Baker', 'Sato', 'Romero', 'Evans', 'Osei', 'Park'];
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

export async function seedPeeps({ count }: { count: number }): Promise<void> {
  if (count <= 0) return;
  const db = await getDb();
  // Authors are skewed: a few people peep a lot, most a little. Times spread over the last year.
  await db.execute(sql`
    with bounds as (select min(id) as lo, max(id) - min(id) + 1 as span from users)
    insert into peeps (author_id, body, created_at)
    select b.lo + floor(power(random(), 2) * b.span)::bigint,
      (${textArray(OPENERS)})[1 + i % ${OPENERS.length}] || ' ' || (${textArray(TOPICS)})[1 + (i / 7) % ${TOPICS.length}] || '. ' || (${textArray(CLOSERS)})[1 + (i / 3) % ${CLOSERS.length}],
      now() - interval '365 days' * random()
    from bounds b, generate_series(1, ${count}::int) i`);
}

export async function seedFollows({ perUser }: { perUser: number }): Promise<void> {
  if (perUser <= 0) return;
  const db = await getDb();
  // Each person follows `perUser` others: a fifth among the first thousand (the popular), the rest spread evenly.
  await db.execute(sql`
    with bounds as (select min(id) as lo, count(*) as n from users)
    insert into follows (follower_id, followee_id, created_at)
    select follower, followee, now() - interval '365 days' * random()
    from (
      select u.id as follower,
        case when k <= ${Math.ceil(perUser / 5)}::int
          then b.lo + (u.id * 31 + k * 7) % least(b.n, 1000)
          else b.lo + (u.id - b.lo + k * greatest(1, b.n / (${perUser}::int + 1))) % b.n end as followee
      from bounds b, users u, generate_series(1, ${perUser}::int) k
      where not exists (select 1 from follows f where f.follower_id = u.id)
    ) pairs
    where follower <> followee
    on conflict do nothing`);
}

export async function seedReposts({ count }: { count: number }): Promise<void> {
  if (count <= 0) return;
  const db = await getDb();
  await db.execute(sql`
    with bounds as (select (select min(id) from users) as ulo, (select count(*) from users) as un,
      (select min(id) from peeps) as plo, (select max(id) - min(id) + 1 from peeps) as pn)
    insert into reposts (user_id, peep_id, created_at)
    select b.ulo + floor(random() * b.un)::bigint, p.id, p.created_at + (now() - p.created_at) * random()
    from bounds b cross join generate_series(1, ${count}::int) i
    join peeps p on p.id = b.plo + (i::bigint * 7919) % b.pn
    on conflict do nothing`);
}

export async function analyzeAll(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`analyze`);
}

export async function tableCounts(): Promise<Record<string, number>> {
  const db = await getDb();
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select (select count(*) from users)::int as users, (select count(*) from peeps)::int as peeps,
      (select count(*) from follows)::int as follows, (select count(*) from reposts)::int as reposts`),
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}
