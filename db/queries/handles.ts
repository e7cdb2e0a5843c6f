import 'server-only';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { getDb, rowsOf, type Tx } from '../index';
import { uniqueViolation } from '../errors';
import { retiredHandles, users } from '../schema';

/** How long a handle given up stays reserved for its last holder (and redirects to them), and how often one may change. */
export const HANDLE_HOLD_DAYS = 30;

/** Reserves a handle for HANDLE_HOLD_DAYS from now, for `userId` (a change of handle) or for nobody (a deletion). */
export async function retireHandle(tx: Tx, { handle, userId }: { handle: string; userId: number | null }): Promise<void> {
  const until = sql`now() + make_interval(days => ${HANDLE_HOLD_DAYS})`;
  await tx
    .insert(retiredHandles)
    .values({ handle: handle.toLowerCase(), userId, until })
    .onConflictDoUpdate({ target: retiredHandles.handle, set: { userId, until, createdAt: sql`now()` } });
}

export type HandleChange =
  | { ok: true; username: string; previous: string }
  | { ok: false; reason: 'same' | 'taken' | 'gone' }
  | { ok: false; reason: 'too_soon'; nextChangeAt: Date };

/**
 * Changes a person's handle, in one transaction under the person's row lock: at most once per
 * HANDLE_HOLD_DAYS; a change of case only, and taking back one's own old handle while it is held, are free. The old
 * handle is held for the person (it redirects to them) for HANDLE_HOLD_DAYS. A handle that is anyone else's, now or
 * held, is refused by the unique index or the users trigger, whatever raced this.
 */
export async function changeUsername({ userId, username }: { userId: number; username: string }): Promise<HandleChange> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx): Promise<HandleChange> => {
      const [me] = rowsOf<{ username: string; changed_at: Date | string | null; next_at: Date | string | null; recent: boolean }>(
        await tx.execute(sql`select username, username_changed_at as changed_at,
            username_changed_at + make_interval(days => ${HANDLE_HOLD_DAYS}) as next_at,
            coalesce(username_changed_at > now() - make_interval(days => ${HANDLE_HOLD_DAYS}), false) as recent
          from users where id = ${userId} for no key update`),
      );
      if (!me) return { ok: false, reason: 'gone' };
      if (me.username === username) return { ok: false, reason: 'same' };
      const previous = me.username;
      if (previous.toLowerCase() === username.toLowerCase()) {
        await tx.update(users).set({ username }).where(eq(users.id, userId));
        return { ok: true, username, previous };
      }
      const [reclaimed] = await tx
        .delete(retiredHandles)
        .where(and(eq(retiredHandles.handle, username.toLowerCase()), eq(retiredHandles.userId, userId), gt(retiredHandles.until, sql`now()`)))
        .returning({ handle: retiredHandles.handle });
      if (!reclaimed && me.recent) return { ok: false, reason: 'too_soon', nextChangeAt: new Date(me.next_at!) };
      await retireHandle(tx, { handle: previous, userId });
      // Taking one's old handle back undoes a change; it does not start the month again.
      await tx
        .update(users)
        .set(reclaimed ? { username } : { username, usernameChangedAt: sql`now()` })
        .where(eq(users.id, userId));
      return { ok: true, username, previous };
    });
  } catch (err) {
    if (uniqueViolation(err) === 'users_username_lower_key') return { ok: false, reason: 'taken' };
    throw err;
  }
}

/** Who a handle given up by a change still points to: their handle now, or null (not held, held for nobody, expired). */
export async function findRenamedHandle({ handle }: { handle: string }): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({ username: users.username })
    .from(retiredHandles)
    .innerJoin(users, eq(users.id, retiredHandles.userId))
    .where(and(eq(retiredHandles.handle, handle.toLowerCase()), gt(retiredHandles.until, sql`now()`)));
  return row?.username ?? null;
}

export type HandleStatus = { username: string; nextChangeAt: Date | null; held: { handle: string; until: Date }[] };

/** A person's handle, when they may next change it (null: now), and their old handles still held for them. */
export async function findHandleStatus({ userId }: { userId: number }): Promise<HandleStatus | null> {
  const db = await getDb();
  const [me] = await db
    .select({
      username: users.username,
      nextChangeAt: sql<Date | string | null>`case when ${users.usernameChangedAt} > now() - make_interval(days => ${HANDLE_HOLD_DAYS})
        then ${users.usernameChangedAt} + make_interval(days => ${HANDLE_HOLD_DAYS}) end`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!me) return null;
  const held = await db
    .select({ handle: retiredHandles.handle, until: retiredHandles.until })
    .from(retiredHandles)
    .where(and(eq(retiredHandles.userId, userId), gt(retiredHandles.until, sql`now()`)))
    .orderBy(retiredHandles.until);
  return { username: me.username, nextChangeAt: me.nextChangeAt ? new Date(me.nextChangeAt) : null, held };
}

/** Of `handles`, those given up by a change of handle and still held, with their holder's handle now. */
export async function findRenamedHandles({ handles }: { handles: string[] }): Promise<{ handle: string; username: string }[]> {
  if (handles.length === 0) return [];
  const db = await getDb();
  return db
    .select({ handle: retiredHandles.handle, username: users.username })
    .from(retiredHandles)
    .innerJoin(users, eq(users.id, retiredHandles.userId))
    .where(and(inArray(retiredHandles.handle, handles.map((h) => h.toLowerCase())), gt(retiredHandles.until, sql`now()`)));
}
