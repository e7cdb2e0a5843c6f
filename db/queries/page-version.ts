import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '../index';
import { LIVE_CHANNEL } from './live';

// A fresh sequence reports last_value 1 both before and after its first nextval; is_called tells them apart.
export const PAGE_VERSION = sql`(select (case when is_called then last_value else 0 end)::text from public_stream_version)`;

/**
 * Marks every cached page stale, for every instance: the version kept pages are checked against, and a message on
 * the live channel for the instances' caches of logged-out pages (`presence`: someone came online, which open pages
 * show too). Called after the write has committed.
 */
export async function bumpPageVersion(kind: 'pages' | 'presence' = 'pages'): Promise<void> {
  const db = await getDb();
  await db.execute(sql`select nextval('public_stream_version'), pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ kind })})`);
}

export async function readPageVersion(): Promise<string> {
  const db = await getDb();
  const [row] = rowsOf<{ v: string }>(await db.execute(sql`select ${PAGE_VERSION} as v`));
  return String(row.v);
}
