import { sql, type SQL } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db';
import { peopleQueriesForExplain } from '@/db/queries/people';
import { timelineQueriesForExplain } from '@/db/queries/timelines';

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Cond'?: string; Plans?: PlanNode[] };

function seqScans(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

/** Table scans that read a whole table or index instead of seeking: a Seq Scan, or an Index Scan with no Index Cond. */
function unboundedScans(node: PlanNode): string[] {
  const type = node['Node Type'];
  const own = node['Relation Name'] && (type === 'Seq Scan' || (/Index/.test(type) && !node['Index Cond'])) ? [`${type} on ${node['Relation Name']}`] : [];
  return [...own, ...(node.Plans ?? []).flatMap(unboundedScans)];
}

async function explain(query: SQL): Promise<PlanNode> {
  const db = await getDb();
  const [row] = rowsOf<Record<string, unknown>>(await db.execute(sql`explain (format json) ${query}`));
  const plan = Object.values(row)[0];
  return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan;
}

// Enough rows that a sequential scan would be the planner's choice if no index served the query.
beforeEach(async () => {
  const db = await getDb();
  await db.execute(sql`insert into users (username, email, name, password_hash, last_seen_at)
    select 'user' || i, 'user' || i || '@example.com', 'Person ' || i, 'x', now() - (i || ' seconds')::interval
    from generate_series(1, 3000) i`);
  await db.execute(sql`insert into peeps (author_id, body, created_at)
    select 1 + (i % 3000), 'peep ' || i, now() - (i || ' minutes')::interval from generate_series(1, 30000) i`);
  await db.execute(sql`insert into follows (follower_id, followee_id)
    select 1 + (i % 3000), 1 + ((i * 7 + i / 3000) % 3000) from generate_series(1, 60000) i
    where 1 + (i % 3000) <> 1 + ((i * 7 + i / 3000) % 3000) on conflict do nothing`);
  await db.execute(sql`insert into reposts (user_id, peep_id, created_at)
    select 1 + (i % 3000), 1 + (i * 13 % 30000), now() - (i || ' minutes')::interval from generate_series(1, 5000) i on conflict do nothing`);
  await db.execute(sql`analyze`);
});

describe('query plans', () => {
  it('serve every timeline page from indexes, with no sequential scan over peeps, follows or reposts', async () => {
    const before = { createdAt: new Date(Date.now() - 600 * 60_000), kind: 0 as const, id: 600 };
    for (const query of timelineQueriesForExplain(42, before)) {
      const plan = await explain(query);
      expect(seqScans(plan).filter((t) => ['peeps', 'follows', 'reposts', 'users'].includes(t))).toEqual([]);
    }
  });

  it('serve people search, profile counts and who-is-online from indexes', async () => {
    for (const query of peopleQueriesForExplain('user42', 'user4')) {
      const plan = await explain(query);
      expect(unboundedScans(plan)).toEqual([]);
    }
  });
});
