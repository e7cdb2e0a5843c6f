import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '../index';

/** Marks the public stream changed, for every instance; called after the write has committed. */
export async function bumpStreamVersion(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`select nextval('public_stream_version')`);
}

export async function readStreamVersion(): Promise<string> {
  const db = await getDb();
  // A fresh sequence reports last_value 1 both before and after its first nextval; is_called tells them apart.
  const [row] = rowsOf<{ v: string | number }>(
    await db.execute(sql`select (case when is_called then last_value else 0 end)::text as v from public_stream_version`),
  );
  return String(row.v);
}
