import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { runMigrations } from '@/db/migrate';

describe('migrations', () => {
  it('can be run by several instances at once and again later without harm', async () => {
    await Promise.all([runMigrations(), runMigrations(), runMigrations()]);
    await runMigrations();
    const db = await getDb();
    const result = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });
});
