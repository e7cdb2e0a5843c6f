import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '../index';

/** Whether this database has applied the migration with this drizzle-kit hash (a newer release may have applied more). */
export async function hasMigration(hash: string): Promise<boolean> {
  const db = await getDb();
  return rowsOf(await db.execute(sql`select 1 from drizzle.__drizzle_migrations where hash = ${hash}`)).length > 0;
}

export type OutboxFigures = { pending: number; sending: number; failed: number; oldestDueSeconds: number };

/** The mail queue at a glance, from its partial indexes: waiting, being sent, given up on, and how late the oldest due is. */
export async function outboxFigures(): Promise<OutboxFigures> {
  const db = await getDb();
  const [row] = rowsOf<OutboxFigures>(
    await db.execute(sql`
      select
        (count(*) filter (where status = 'pending'))::int as pending,
        (count(*) filter (where status = 'sending'))::int as sending,
        (select count(*) from email_outbox where status = 'failed')::int as failed,
        coalesce(extract(epoch from now() - min(run_after) filter (where status = 'pending' and run_after <= now())), 0)::float8 as "oldestDueSeconds"
      from email_outbox
      where status in ('pending', 'sending')`),
  );
  return row;
}
