// npm run db:restore FILE [--force]: a db:backup file into the configured database. It refuses a database (or an
// embedded data folder) that already holds Chitter's data unless given --force, and changes nothing when it fails.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb, embeddedDataDir, loadEmbeddedDatabase } from '../db';
import { chitterTablesInUse } from '../db/queries/backups';
import { env } from '../lib/env';
import { assertEmbeddedNotInUse, BackupError, callerPath, oneLine, runTool, toolConnection, toolError } from './backup-tools';

async function restorePostgres(url: string, file: string, force: boolean) {
  // Reading the archive's table of contents first turns a wrong or damaged file into one clear line before the
  // database is touched; damage further in is caught by the single transaction below.
  const listed = await runTool('pg_restore', ['--list', file]);
  if (listed.code !== 0) throw new BackupError(`${file} is not a readable pg_dump custom-format archive (${toolError(listed.stderr)})`);
  const { present, withRows } = await chitterTablesInUse();
  await closeDb();
  if (withRows.length > 0 && !force) {
    throw new BackupError(`The database already holds Chitter data (rows in ${withRows.join(', ')}); pass --force to replace it`);
  }
  // Tables already there (empty from a first start, or replaced by --force) are dropped inside the same transaction.
  const clean = present.length > 0 ? ['--clean', '--if-exists'] : [];
  const { dbname, env: toolEnv } = toolConnection(url);
  const { code, stderr } = await runTool('pg_restore', ['--single-transaction', '--exit-on-error', '--no-owner', ...clean, `--dbname=${dbname}`, file], toolEnv);
  if (code !== 0) throw new BackupError(`${toolError(stderr)} (nothing was changed)`);
}

/** Returns where the replaced database was kept, if there was one. */
async function restoreEmbedded(file: string, force: boolean): Promise<string | null> {
  const dataDir = embeddedDataDir();
  if (!dataDir) throw new BackupError('DATA_DIR is memory://: there is no data folder to restore into');
  assertEmbeddedNotInUse(dataDir);
  const occupied = existsSync(dataDir) && readdirSync(dataDir).length > 0;
  if (occupied && !force) throw new BackupError(`${dataDir} already holds a database; pass --force to replace it`);
  const stamp = Date.now();
  const incoming = `${dataDir}.restoring-${stamp}`;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const aside = `${dataDir}.before-restore-${stamp}`;
  try {
    await loadEmbeddedDatabase({ dataDir: incoming, archive: new Blob([readFileSync(file)]) });
  } catch {
    rmSync(incoming, { recursive: true, force: true });
    throw new BackupError(`${file} is not a Chitter embedded backup PGlite can open (nothing was changed)`);
  }
  // The old folder stays aside until the new one is in place, and comes back if the swap fails.
  if (existsSync(dataDir)) renameSync(dataDir, aside);
  try {
    renameSync(incoming, dataDir);
  } catch (err) {
    if (existsSync(aside)) renameSync(aside, dataDir);
    throw err;
  }
  // What --force replaced is kept for the operator to delete once the restore is known good.
  if (occupied) return aside;
  rmSync(aside, { recursive: true, force: true });
  return null;
}

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new BackupError('Usage: npm run db:restore FILE [--force]');
  const file = callerPath(positionals[0]);
  if (!existsSync(file)) throw new BackupError(`${file}: no such file`);
  const url = env().DATABASE_URL;
  if (url) await restorePostgres(url, file, values.force);
  const kept = url ? null : await restoreEmbedded(file, values.force);
  console.log(`Restored ${file} into the ${url ? 'PostgreSQL' : 'embedded'} database`);
  if (kept) console.log(`The database it replaced is in ${kept}; delete that folder once you no longer need it`);
}

main()
  .catch((err: unknown) => {
    console.error(`Restore failed: ${oneLine(err)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
