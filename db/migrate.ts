import path from 'node:path';
import { env } from '@/lib/env';
import { getDb } from './index';

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/migrations');
// Any constant works; it only has to be the same in every instance that might migrate at once.
const MIGRATION_LOCK = 727_070_001;
const LOCK_WAIT_MS = 50;
const LOCK_ATTEMPTS = 200;

/** lock_not_available: a lock not granted within lock_timeout; Drizzle may wrap the driver's error in its own. */
function isLockTimeout(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if ((e as { code?: unknown }).code === '55P03') return true;
  return false;
}

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
    // Drizzle applies every pending migration in one transaction, so a migration that alters two tables holds the
    // first while it waits for the second, and a running instance's query may hold the second while it waits for the
    // first: a deadlock, which PostgreSQL may settle by failing the instance's request. Waiting only briefly for each
    // lock makes the migration the one that gives way (it rolls back, and tries again a moment later): an instance's
    // deadlock check runs a full second after it starts waiting, long after the migration has stopped waiting.
    await client.unsafe(`set lock_timeout = '${LOCK_WAIT_MS}ms'`);
    for (let attempt = 1; ; attempt++) {
      try {
        await migrate(drizzle(client), { migrationsFolder });
        break;
      } catch (err) {
        if (!isLockTimeout(err) || attempt === LOCK_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250));
      }
    }
    await client`reset lock_timeout`;
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
