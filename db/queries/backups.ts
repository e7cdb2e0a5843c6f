import 'server-only';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { getDb, rowsOf } from '../index';
import * as schema from '../schema';

const CHITTER_TABLES = Object.values(schema as Record<string, unknown>)
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table));

/** Which of Chitter's tables this database has, and which of those hold rows: what a restore would replace. */
export async function chitterTablesInUse(): Promise<{ present: string[]; withRows: string[] }> {
  const db = await getDb();
  const present = rowsOf<{ name: string }>(
    await db.execute(sql`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_name in (${sql.join(CHITTER_TABLES.map((t) => sql`${t}`), sql`, `)})
      order by table_name`),
  ).map((row) => row.name);
  if (present.length === 0) return { present, withRows: [] };
  const checks = present.map((name) => sql`select ${name}::text as name where exists (select 1 from ${sql.identifier(name)})`);
  const withRows = rowsOf<{ name: string }>(await db.execute(sql.join(checks, sql` union all `))).map((row) => row.name);
  return { present, withRows };
}
