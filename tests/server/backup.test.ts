import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/db';
import { startAppServer } from '../support/app-server';
import { runDbCommand, seedForBackup } from '../support/backup-commands';

// The embedded database's data folder through `npm run db:backup` and `db:restore`, run as child processes; the
// data is written in this process through the app's own queries, on the same folder, then closed.
const AUTH_SECRET = 'backup-test-secret-that-is-long-enough-for-chitter';
const folder = mkdtempSync(path.join(os.tmpdir(), 'chitter-backup-embedded-'));
const source = path.join(folder, 'source');
const target = path.join(folder, 'target');
const archive = path.join(folder, 'chitter.tar.gz');

const command = (script: 'db:backup' | 'db:restore', args: string[], dataDir: string) =>
  runDbCommand(script, args, { DATABASE_URL: undefined, DATA_DIR: dataDir, AUTH_SECRET });

/** Opens a data folder directly, reads what the test compares, and closes it again. */
async function contents(dataDir: string) {
  const db = await PGlite.create(path.join(dataDir, 'pglite'));
  try {
    const tables = (await db.query<{ name: string }>(`select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`)).rows;
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = (await db.query<{ n: number }>(`select count(*)::int as n from ${name.replace(/(\w+)\.(\w+)/, '"$1"."$2"')}`)).rows[0].n;
    const rows = async (text: string) => (await db.query(text)).rows;
    return {
      counts,
      users: await rows('select id, username, email, password_hash, email_verified_at from users order by id'),
      peeps: await rows('select id, author_id, body, created_at from peeps order by id'),
      outbox: (await db.query<{ status: string }>('select id, kind, recipient_id, peep_id, status from email_outbox order by id')).rows,
      sequences: await rows(`select sequencename, last_value from pg_sequences where schemaname = 'public' order by 1`),
    };
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = source;
  process.env.AUTH_SECRET = AUTH_SECRET;
  await seedForBackup();
}, 120_000);

afterAll(async () => {
  await closeDb();
  rmSync(folder, { recursive: true, force: true });
});

describe('npm run db:backup and db:restore on the embedded database', () => {
  it('round-trips people, peeps, follows, reposts and queued mail into a new data folder', async () => {
    const backup = await command('db:backup', [archive], source);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const restore = await command('db:restore', [archive], target);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);

    const original = await contents(source);
    expect(original.counts).toMatchObject({ 'public.users': 3, 'public.peeps': 2, 'public.follows': 2, 'public.reposts': 1 });
    expect(original.outbox.filter((row) => row.status === 'pending')).toHaveLength(4);
    expect(await contents(target)).toEqual(original);
  });

  it('refuses a data folder that holds a database unless given --force, and a damaged file changes nothing', async () => {
    const before = await contents(target);
    const refused = await command('db:restore', [archive], target);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/already holds a database; pass --force/);

    const damaged = path.join(folder, 'damaged.tar.gz');
    writeFileSync(damaged, 'not a tar at all');
    const failed = await command('db:restore', [damaged, '--force'], target);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/not a Chitter embedded backup .*nothing was changed/);

    const forced = await command('db:restore', [archive, '--force'], target);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(await contents(target)).toEqual(before);
    // The failed attempt left nothing; the replaced database is kept aside, and the command says where.
    const kept = readdirSync(target).filter((name) => name !== 'pglite');
    expect(kept).toEqual([expect.stringMatching(/^pglite\.before-restore-\d+$/)]);
    expect(forced.stdout).toContain(path.join(target, kept[0]));
    expect(existsSync(path.join(target, kept[0], 'PG_VERSION'))).toBe(true);
  });

  it('refuses to back up or restore while a running server has the folder open', async () => {
    const app = await startAppServer({ env: { DATA_DIR: source, AUTH_SECRET, WORKER: 'off' } });
    try {
      const backup = await command('db:backup', [path.join(folder, 'while-running.tar.gz')], source);
      expect(backup.code).toBe(1);
      expect(backup.stderr.trim().split('\n')).toHaveLength(1);
      expect(backup.stderr).toMatch(/is in use: stop Chitter first/);
      const restore = await command('db:restore', [archive, '--force'], source);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(/is in use: stop Chitter first/);
      expect(existsSync(path.join(folder, 'while-running.tar.gz'))).toBe(false);
      expect((await fetch(`${app.url}/`)).status).toBe(200);
    } finally {
      await app.stop();
    }
    const after = await command('db:backup', [path.join(folder, 'after-stop.tar.gz')], source);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  });
});
