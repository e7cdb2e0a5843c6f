import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/db';
import { runMigrations } from '@/db/migrate';
import { createPeep } from '@/db/queries/peeps';
import { runDbCommand, seedForBackup } from '../support/backup-commands';

// `npm run db:backup` and `db:restore` run as child processes against databases of their own on TEST_POSTGRES_URL's
// server; the data is written in this process through the app's own queries.
const ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const AUTH_SECRET = 'backup-test-secret-that-is-long-enough-for-chitter';
const stamp = `${process.pid}_${Date.now()}`;
const names = { source: `chitter_backup_src_${stamp}`, target: `chitter_backup_dst_${stamp}`, empty: `chitter_backup_new_${stamp}` };
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const clients: postgres.Sql[] = [];
const folder = mkdtempSync(path.join(os.tmpdir(), 'chitter-backup-'));
const dump = path.join(folder, 'chitter.dump');

function urlOf(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

function connect(database: string): postgres.Sql {
  const client = postgres(urlOf(database), { max: 1, onnotice: () => {} });
  clients.push(client);
  return client;
}

const command = (script: 'db:backup' | 'db:restore', args: string[], database: string) => runDbCommand(script, args, { DATABASE_URL: urlOf(database), AUTH_SECRET });

/** Rows in every table of Chitter's, and in drizzle's record of applied migrations. */
async function tableCounts(db: postgres.Sql): Promise<Record<string, number>> {
  const tables = await db<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`;
  const counts: Record<string, number> = {};
  for (const { schema, name } of tables) {
    const [{ n }] = await db.unsafe<{ n: number }[]>(`select count(*)::int as n from "${schema}"."${name}"`);
    counts[`${schema}.${name}`] = n;
  }
  return counts;
}

async function sample(db: postgres.Sql) {
  return {
    users: await db`select id, username, email, name, password_hash, email_verified_at from users order by id`,
    peeps: await db`select id, author_id, body, created_at from peeps order by id`,
    follows: await db`select follower_id, followee_id from follows order by 1, 2`,
    reposts: await db`select user_id, peep_id from reposts order by 1, 2`,
    outbox: await db`select id, kind, recipient_id, peep_id, status, run_after from email_outbox order by id`,
    sequences: await db`select sequencename, last_value from pg_sequences where schemaname = 'public' order by 1`,
  };
}

beforeAll(async () => {
  for (const name of Object.values(names)) await admin.unsafe(`create database ${name}`);
  process.env.DATABASE_URL = urlOf(names.source);
  process.env.AUTH_SECRET = AUTH_SECRET;
  await seedForBackup(async ({ cy }) => {
    await createPeep({ authorId: cy.id, body: 'not yet confirmed' });
  });
}, 120_000);

afterAll(async () => {
  await closeDb();
  await Promise.all(clients.map((c) => c.end()));
  for (const name of Object.values(names)) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  rmSync(folder, { recursive: true, force: true });
});

describe('npm run db:backup and db:restore on PostgreSQL', () => {
  it('round-trips people, peeps, follows, reposts and queued mail into a new database', async () => {
    const backup = await command('db:backup', [dump], names.source);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    // It holds every email and password hash: its owner's alone.
    expect(statSync(dump).mode & 0o077).toBe(0);

    const restore = await command('db:restore', [dump], names.target);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);

    const [source, target] = [connect(names.source), connect(names.target)];
    const counts = await tableCounts(source);
    expect(counts).toMatchObject({ 'public.users': 3, 'public.peeps': 3, 'public.follows': 2, 'public.reposts': 1, 'drizzle.__drizzle_migrations': expect.any(Number) });
    // Queued mail: each sign-up's verification link and the mention.
    const [{ queued }] = await source<{ queued: number }[]>`select count(*)::int as queued from email_outbox where status = 'pending'`;
    expect(queued).toBe(4);
    expect(await tableCounts(target)).toEqual(counts);
    expect(await sample(target)).toEqual(await sample(source));
  });

  it('refuses a database that already holds Chitter data unless given --force', async () => {
    const target = connect(names.target);
    const before = await tableCounts(target);
    const refused = await command('db:restore', [dump], names.target);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/already holds Chitter data \(rows in .*users.*\); pass --force/);

    const forced = await command('db:restore', [dump, '--force'], names.target);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(await tableCounts(target)).toEqual(before);
  });

  it('fails in one line on a missing, foreign or damaged file and leaves the database as it was', async () => {
    const target = connect(names.target);
    const before = await sample(target);
    const foreign = path.join(folder, 'foreign.dump');
    writeFileSync(foreign, 'this is not a pg_dump archive\n');
    // Cut short near the end: its table of contents reads, and pg_restore fails part-way through the data.
    const damaged = path.join(folder, 'damaged.dump');
    const whole = readFileSync(dump);
    writeFileSync(damaged, whole.subarray(0, whole.length - 200));

    for (const [file, message] of [
      [path.join(folder, 'missing.dump'), /no such file/],
      [foreign, /not a readable pg_dump custom-format archive/],
      [damaged, /nothing was changed/],
    ] as const) {
      const failed = await command('db:restore', [file, '--force'], names.target);
      expect(failed.code, failed.stderr).toBe(1);
      expect(failed.stderr.trim().split('\n')).toHaveLength(1);
      expect(failed.stderr).toMatch(message);
      expect(failed.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await sample(target)).toEqual(before);
  });

  it('restores into a database where the app has already created its empty tables', async () => {
    await runMigrations({ databaseUrl: urlOf(names.empty) });
    const restore = await command('db:restore', [dump], names.empty);
    expect(restore.stderr).toBe('');
    expect(await tableCounts(connect(names.empty))).toEqual(await tableCounts(connect(names.source)));
  });

  it('says in one line when the database cannot be reached', async () => {
    const unreachable = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/chitter', AUTH_SECRET };
    for (const result of [await runDbCommand('db:backup', [path.join(folder, 'never.dump')], unreachable), await runDbCommand('db:restore', [dump], unreachable)]) {
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/refused|ECONNREFUSED/i);
    }
    // A failed backup leaves no file, whole-looking or partial.
    expect(readdirSync(folder).filter((name) => name.startsWith('never'))).toEqual([]);
  });
});
