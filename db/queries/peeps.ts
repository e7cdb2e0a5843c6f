import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Cursor } from '@/lib/cursor';
import { getDb } from '../index';
import { peeps, users } from '../schema';

export const PAGE_SIZE = 50;

export type PeepView = {
  id: number;
  body: string;
  createdAt: Date;
  author: { username: string; name: string };
};

export type TimelinePage = { peeps: PeepView[]; next: Cursor | null };

export async function createPeep({ authorId, body }: { authorId: number; body: string }) {
  const db = await getDb();
  const [row] = await db.insert(peeps).values({ authorId, body }).returning({ id: peeps.id, createdAt: peeps.createdAt });
  return row;
}

type PageArgs = { before?: Cursor | null; limit?: number };

/** The public stream, newest first. */
export function listPublicTimeline(args: PageArgs): Promise<TimelinePage> {
  return listPeeps(args);
}

/** One person's peeps, newest first. */
export function listUserPeeps({ userId, ...args }: PageArgs & { userId: number }): Promise<TimelinePage> {
  return listPeeps({ ...args, authorId: userId });
}

/** A keyset page of peeps (fetch one extra row to know if there is more). */
async function listPeeps({ before, limit = PAGE_SIZE, authorId }: PageArgs & { authorId?: number }): Promise<TimelinePage> {
  const db = await getDb();
  const rows = await db
    .select({
      id: peeps.id,
      body: peeps.body,
      createdAt: peeps.createdAt,
      username: users.username,
      name: users.name,
    })
    .from(peeps)
    .innerJoin(users, eq(users.id, peeps.authorId))
    .where(
      and(
        authorId === undefined ? undefined : eq(peeps.authorId, authorId),
        before ? sql`(${peeps.createdAt}, ${peeps.id}) < (${before.createdAt.toISOString()}::timestamptz, ${before.id})` : undefined,
      ),
    )
    .orderBy(desc(peeps.createdAt), desc(peeps.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(({ username, name, ...p }) => ({ ...p, author: { username, name } }));
  const last = page.at(-1);
  return { peeps: page, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}
