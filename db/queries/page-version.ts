import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '../index';

// A fresh sequence reports last_value 1 both before and after its first nextval; is_called tells them apart.
export const PAGE_VERSION = sql`(select (case when is_called then last_value else 0 end)::text from public_stream_version)`;

/** Marks every cached page stale, for every instance; called after the write has committed. */
export async function bumpPageVersion(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`select nextval('public_stream_version')`);
}

export async function readPageVersion(): Promise<string> {
  const db = await getDb();
  const [row] = rowsOf<{ v: string }>(await db.execute(sql`select ${PAGE_VERSION} as v`));
  return String(row.v);
}
