import { closeDb } from '@/db';
import { runMigrations } from '@/db/migrate';
import { env } from './env';

/** Runs once when the server starts (never during `next build`): check settings, migrate. */
export async function bootServer(): Promise<void> {
  try {
    env();
    await runMigrations();
  } catch (err) {
    console.error(`\nChitter cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  (globalThis as { __chitterShutdown?: () => Promise<void> }).__chitterShutdown = closeDb;
}
