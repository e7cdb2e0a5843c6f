// `npm run worker`: the mention-email delivery worker (and the housekeeping sweep) as its own process, for deployments that run it apart from
// the app (set WORKER=off on the app instances). Any number can run at once against one PostgreSQL.
import { closeDb } from '../db';
import { runMigrations } from '../db/migrate';
import { env } from '../lib/env';
import { startEmailWorker } from '../lib/email/worker';
import { startHousekeeping } from '../lib/housekeeping';

async function main() {
  const settings = env();
  if (!settings.DATABASE_URL) {
    console.error('npm run worker needs DATABASE_URL: the embedded database belongs to the app process, whose own worker sends the mail.');
    process.exit(1);
  }
  await runMigrations();
  const worker = startEmailWorker();
  const housekeeping = startHousekeeping();
  console.log(`Email worker running${settings.SMTP_URL ? '' : ' (no SMTP_URL: writing .eml files to .data/mail/)'}.`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      await Promise.all([worker.stop(), housekeeping.stop()]);
      await closeDb();
      process.exit(0);
    });
  }
}

main().catch((err) => {
  console.error(`The email worker stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
