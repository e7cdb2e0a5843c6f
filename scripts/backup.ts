// npm run db:backup [FILE]: the configured database to FILE. With DATABASE_URL, pg_dump's custom format
// (restore with pg_restore or npm run db:restore); on the embedded database, its data folder as PGlite dumps it.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closeDb, dumpEmbeddedDatabase, embeddedDataDir } from '../db';
import { env } from '../lib/env';
import { assertEmbeddedNotInUse, BackupError, callerPath, oneLine, runTool, timestampedName, toolConnection, toolError } from './backup-tools';

async function main() {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new BackupError('Usage: npm run db:backup [FILE]');
  const url = env().DATABASE_URL;
  const file = callerPath(positionals[0] ?? timestampedName(url ? '.dump' : '.tar.gz'));
  if (existsSync(file)) throw new BackupError(`${file} already exists; name another file`);
  // Written beside the target and renamed at the end, so a failed backup never leaves a file that looks whole.
  const partial = `${file}.partial`;
  // A backup holds every account's email and password hash: readable by its owner only, from its first byte.
  process.umask(0o077);
  try {
    if (url) {
      const { dbname, env: toolEnv } = toolConnection(url);
      const { code, stderr } = await runTool('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], toolEnv);
      if (code !== 0) throw new BackupError(toolError(stderr));
    } else {
      const dataDir = embeddedDataDir();
      if (!dataDir) throw new BackupError('DATA_DIR is memory://: there is nothing on disk to back up');
      if (!existsSync(`${dataDir}/PG_VERSION`)) throw new BackupError(`There is no embedded database in ${dataDir}`);
      assertEmbeddedNotInUse(dataDir);
      const archive = await dumpEmbeddedDatabase();
      writeFileSync(partial, Buffer.from(await archive.arrayBuffer()));
    }
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  console.log(`Backed up the ${url ? 'PostgreSQL' : 'embedded'} database to ${file}`);
}

main()
  .catch((err: unknown) => {
    console.error(`Backup failed: ${oneLine(err)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
