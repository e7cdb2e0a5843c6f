import path from 'node:path';
import { env } from '@/lib/env';
import { getDb } from './index';

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/migrations');
// Any constant works; it only has to be the same in every instance that might migrate at once.
const MIGRATION_LOCK = 727_070_001;

/**
 * Applies pending drizzle-kit migrations; safe when several instances start together. `databaseUrl` defaults to the
 * configured one; a test passes another to migrate a database of its own, and `migrationsFolder` to stop at an older
 * release's migrations.
 */
export async function runMigrations({ databaseUrl = env().DATABASE_URL, migrationsFolder = MIGRATIONS_FOLDER }: { databaseUrl?: string; migrationsFolder?: string } = {}): Promise<void> {
  if (!databaseUrl) {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // The embedded database belongs to this one process, so there is nobody to race.
    await migrate((await getDb()) as never, { migrationsFolder });
    return;
  }
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  // One connection, so the session-level advisory lock covers the migration that runs on it.
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
