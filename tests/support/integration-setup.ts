import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { closeDb, getDb } from '@/db';
import { runMigrations } from '@/db/migrate';

// An in-memory embedded database per test file, unless DATABASE_URL points at a real PostgreSQL.
process.env.AUTH_SECRET ??= 'integration-test-secret-that-is-long-enough';
if (!process.env.DATABASE_URL) process.env.DATA_DIR = 'memory://';
// Mention emails become due at once in tests; the delay itself is tested by passing it explicitly.
process.env.MENTION_EMAIL_DELAY = '0';
process.env.APP_URL = 'https://chitter.test';
process.env.MAIL_FROM = 'Chitter <no-reply@chitter.test>';

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
  await db.execute(sql`truncate table users, sessions, peeps, mentions, follows, reposts, mutes, blocks, email_outbox, email_verifications, rate_limits, password_resets, avatars, retired_handles restart identity cascade`);
}
