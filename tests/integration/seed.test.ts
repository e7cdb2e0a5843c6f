import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db';
import { seedUsers } from '@/db/queries/seed';
import { seedUsername } from '@/db/seed-names';

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
