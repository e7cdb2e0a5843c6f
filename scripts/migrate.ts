// `npm run db:migrate`: applies pending migrations without starting the app (the app also does this at start).
import { closeDb, databaseKind } from '../db';
import { runMigrations } from '../db/migrate';

async function main() {
  try {
    await runMigrations();
    console.log(`Migrations applied to the ${await databaseKind()} database.`);
  } catch (err) {
    console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await closeDb();
  }
}

void main();
