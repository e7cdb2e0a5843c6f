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
  const [row] = rowsOf<{ v: string | number }>(await db.execute(sql`select last_value::text as v from public_stream_version`));
  return String(row.v);
}
