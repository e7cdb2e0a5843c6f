import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db';
import { addTagsAndLikeCounts, findBusiestThread, fixReplyCounts, hasConversations, seedLikes, seedPeeps, seedReplies, seedTags, seedUsers, SEED_TAGS } from '@/db/queries/seed';
import { seedUsername } from '@/db/seed-names';

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const db = await getDb();
  return rowsOf<T>(await db.execute(query))[0];
}

describe('seeded people', () => {
  it('are named as the bench expects to log in as them', async () => {
    await seedUsers({ count: 45, passwordHash: 'not-a-real-hash' });
    const db = await getDb();
    const rows = rowsOf<{ id: number; username: string }>(await db.execute(sql`select id, username from users order by id`));
    expect(rows).toHaveLength(45);
    expect(rows.map((row) => row.username)).toEqual(rows.map((row) => seedUsername(row.id)));
    expect(seedUsername(1)).toBe('alex_morgan1');
  });
});

/** What must hold of seeded conversations however they were seeded, and how much of each there is. */
async function checkConversations(thread: number) {
  expect(await findBusiestThread()).toMatchObject({ replies: thread });
  const counts = await one<Record<string, string | number>>(sql`select
    (select count(*) from peeps where is_reply) as replies,
    (select count(*) from peeps p where like_count <> (select count(*) from likes l where l.peep_id = p.id)) as wrong_likes,
    (select count(*) from peeps p where reply_count <> (select count(*) from peeps r where r.reply_to_id = p.id)) as wrong_replies,
    (select count(*) from peeps r join peeps p on p.id = r.reply_to_id where r.created_at < p.created_at) as replies_before_their_peep,
    (select count(*) from peeps r where is_reply and not exists (select 1 from mentions m where m.peep_id = r.id and m.user_id = r.reply_to_user_id)) as replies_not_mentioning,
    (select count(*) from peep_tags t join peeps p on p.id = t.peep_id where strpos(lower(p.body), '#' || t.tag) = 0 or t.created_at <> p.created_at) as tags_not_in_text,
    (select count(*) from peeps p where p.body ~ '#[a-z]' and not exists (select 1 from peep_tags t where t.peep_id = p.id)) as text_without_tags,
    (select count(*) from peep_tags where tag = ${SEED_TAGS[0]}) as popular_tag,
    (select count(*) from likes)::float / (select count(*) from peeps) as likes_per_peep,
    (select max(like_count) from peeps) as most_likes`);
  const n = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
  expect(n).toMatchObject({ wrong_likes: 0, wrong_replies: 0, replies_before_their_peep: 0, replies_not_mentioning: 0, tags_not_in_text: 0, text_without_tags: 0 });
  // A tag on one peep in a hundred; a few likes a peep on average, and some peeps with many.
  expect(n.popular_tag).toBeGreaterThanOrEqual(25);
  expect(n.likes_per_peep).toBeGreaterThan(1);
  expect(n.likes_per_peep).toBeLessThan(4);
  expect(n.most_likes).toBeGreaterThan(10 * n.likes_per_peep);
  return n;
}

describe('seeded conversations', () => {
  it('hold replies, one thread of a known size, likes and tags whose counts and text agree with their rows', async () => {
    await seedUsers({ count: 300, passwordHash: 'not-a-real-hash' });
    await seedPeeps({ count: 3000, tagPercent: 5, likesPerPeep: 2 });
    await seedReplies({ count: 300, thread: 40, likesPerPeep: 2 });
    await fixReplyCounts();
    await seedTags();
    await seedLikes();
    expect((await checkConversations(40)).replies).toBe(340);
  });

  it('are added the same way to a database seeded before them', async () => {
    await seedUsers({ count: 300, passwordHash: 'not-a-real-hash' });
    await seedPeeps({ count: 3000 });
    const db = await getDb();
    expect(await hasConversations()).toBe(false);
    await addTagsAndLikeCounts({ tagPercent: 5, likesPerPeep: 2 });
    await seedReplies({ count: 300, thread: 40, likesPerPeep: 2 });
    await fixReplyCounts();
    await seedTags();
    // Someone liked a peep meanwhile (the trigger counts it): the seed's likes then go in with the table's keys in place.
    await db.execute(sql`insert into likes (peep_id, user_id) select id, 1 from peeps where like_count = 0 order by id limit 1`);
    await seedLikes();
    expect((await checkConversations(40)).replies).toBe(340);
  });
});
