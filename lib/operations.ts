import 'server-only';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { databaseConnections } from '@/db';
import { hasMigration, outboxFigures } from '@/db/queries/operations';
import type { AppFigures, Readiness } from '@/server/context';

let newestMigration: string | undefined;

/** Ready once the newest migration this code was built with is applied and the database answers. */
export async function checkReady(): Promise<Readiness> {
  newestMigration ??= readMigrationFiles({ migrationsFolder: path.resolve(process.cwd(), 'db/migrations') }).at(-1)?.hash ?? '';
  return (await hasMigration(newestMigration)) ? { ready: true } : { ready: false, reason: 'this release’s migrations are not applied' };
}

export async function collectMetrics(): Promise<AppFigures> {
  const [{ pending, sending, failed, oldestDueSeconds }, pool] = await Promise.all([outboxFigures(), databaseConnections()]);
  return { outbox: { pending, sending, failed }, oldestDueSeconds, pool };
}
