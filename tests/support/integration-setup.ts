import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { closeDb, getDb } from '@/db';
import { runMigrations } from '@/db/migrate';

// An in-memory embedded database per test file, unless DATABASE_URL points at a real PostgreSQL.
process.env.AUTH_SECRET ??= 'integration-test-secret-that-is-long-enough';
if (!process.env.DATABASE_URL) process.env.DATA_DIR = 'memory://';

beforeAll(async () => {
  await runMigrations();
});

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await closeDb();
});

export async function resetDatabase() {
  const db = await getDb();
  await db.execute(sql`truncate table users, sessions, peeps, rate_limits restart identity cascade`);
}
