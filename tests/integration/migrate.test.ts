import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getTableName, is, sql, Table } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { closeDb, getDb, rowsOf } from '@/db';
import { runMigrations } from '@/db/migrate';
import * as schema from '@/db/schema';

const journal = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../db/migrations/meta/_journal.json'), 'utf8')) as {
  entries: { tag: string; when: number }[];
};
const schemaTables = Object.values(schema)
  .filter((value) => is(value, Table))
  .map((table) => getTableName(table as Table))
  .sort();

type Query = (text: string) => Promise<Record<string, unknown>[]>;

async function publicTables(query: Query) {
  const rows = await query(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  return rows.map((r) => String(r.table_name));
}

/** What a migrated database holds: drizzle's record of applied migrations (by journal time) and the public tables. */
async function describeDatabase(query: Query) {
  const applied = await query('select created_at from drizzle.__drizzle_migrations order by id');
  return { applied: applied.map((r) => Number(r.created_at)), tables: await publicTables(query) };
}

const expected = { applied: journal.entries.map((e) => e.when), tables: schemaTables };

describe('migrations', () => {
  if (process.env.DATABASE_URL) {
    it('bring a new PostgreSQL database to exactly the journal when several instances start at once, and later runs change nothing', async () => {
      const name = `chitter_migrate_${process.pid}_${Date.now()}`;
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      const target = postgres(url.href, { max: 1, onnotice: () => {} });
      const query: Query = (text) => target.unsafe(text) as unknown as Promise<Record<string, unknown>[]>;
      try {
        expect(await publicTables(query)).toEqual([]);
        // Without the advisory lock these race: the losers fail creating tables the winner already made.
        await Promise.all(Array.from({ length: 4 }, () => runMigrations({ databaseUrl: url.href })));
        expect(await describeDatabase(query)).toEqual(expected);
        await runMigrations({ databaseUrl: url.href });
        expect(await describeDatabase(query)).toEqual(expected);
      } finally {
        await target.end({ timeout: 5 });
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end({ timeout: 5 });
      }
    });
  } else {
    it('bring a new embedded database to exactly the journal, and a second run changes nothing', async () => {
      // The setup migrated this file's database; closing it makes the next getDb() open a new, empty one in memory.
      await closeDb();
      const db = await getDb();
      const query: Query = async (text) => rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text)));
      expect(await publicTables(query)).toEqual([]);
      await runMigrations();
      expect(await describeDatabase(query)).toEqual(expected);
      await runMigrations();
      expect(await describeDatabase(query)).toEqual(expected);
    });
  }
});
