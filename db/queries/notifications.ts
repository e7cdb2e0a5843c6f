import 'server-only';
import { sql } from 'drizzle-orm';
import type { NotificationKind } from '../schema';
import { getDb, rowsOf } from '../index';
import { hiddenFrom } from './mutes-and-blocks';
import { peepViewColumns, peepViewOf, type PeepView, type PeepViewRow } from './timelines';

/** The header shows "20+" past this: counting further costs more and tells nobody anything. */
export const UNREAD_SHOWN_MAX = 20;
export const NOTIFICATIONS_PAGE_SIZE = 40;

export type NotificationRow = {
  id: number;
  kind: NotificationKind;
  at: Date;
  actor: { username: string; name: string; avatarVersion: number | null };
  /** The actor's peep (a mention or a reply) or the recipient's (a like or a repost); null for a follow. */
  peep: PeepView | null;
};

export type NotificationsPage = { rows: NotificationRow[]; seenId: number; next: number | null };

// Whose notifications the viewer hides is decided when they are read, so unmuting brings them back.
const shown = (userId: number) => sql`not ${hiddenFrom(userId, sql`n.actor_id`)}`;

/** Unread notifications from people the viewer does not hide, counted up to UNREAD_SHOWN_MAX + 1. */
export async function countUnreadNotifications({ userId }: { userId: number }): Promise<number> {
  const db = await getDb();
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from (select 1 from notifications n
      where n.recipient_id = ${userId} and n.id > (select u.notifications_seen_id from users u where u.id = ${userId}) and ${shown(userId)}
      order by n.id desc limit ${UNREAD_SHOWN_MAX + 1}) unread`),
  );
  return Number(row?.n ?? 0);
}

/** A page of the person's notifications, newest first, before notification `before` (keyset by id). */
export async function listNotifications({ userId, before, limit = NOTIFICATIONS_PAGE_SIZE }: { userId: number; before?: number | null; limit?: number }): Promise<NotificationsPage> {
  const db = await getDb();
  type Row = Omit<PeepViewRow, 'peep_id'> & {
    peep_id: string | null;
    id: string;
    kind: NotificationKind;
    notified_at: Date;
    actor_username: string;
    actor_name: string;
    actor_avatar_version: string | null;
    seen_id: string;
  };
  const rows = rowsOf<Row>(
    await db.execute(sql`select n.id::text as id, n.kind, n.created_at as notified_at,
        act.username as actor_username, act.name as actor_name, act.avatar_version::text as actor_avatar_version,
        (select u.notifications_seen_id::text from users u where u.id = ${userId}) as seen_id,
        ${peepViewColumns(userId)}
      from notifications n
      join users act on act.id = n.actor_id
      left join peeps p on p.id = n.peep_id
      left join users a on a.id = p.author_id
      where n.recipient_id = ${userId} ${before ? sql`and n.id < ${before}` : sql``} and ${shown(userId)}
      order by n.id desc limit ${limit + 1}`),
  );
  const page = rows.slice(0, limit);
  return {
    rows: page.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      at: new Date(r.notified_at),
      actor: { username: r.actor_username, name: r.actor_name, avatarVersion: r.actor_avatar_version === null ? null : Number(r.actor_avatar_version) },
      peep: r.peep_id === null ? null : peepViewOf(r as PeepViewRow),
    })),
    seenId: rows.length > 0 ? Number(rows[0].seen_id) : await seenIdOf(userId),
    next: rows.length > limit ? Number(page[page.length - 1].id) : null,
  };
}

async function seenIdOf(userId: number): Promise<number> {
  const db = await getDb();
  const [row] = rowsOf<{ seen: string }>(await db.execute(sql`select notifications_seen_id::text as seen from users where id = ${userId}`));
  return Number(row?.seen ?? 0);
}

/**
 * Marks the person's notifications up to `upTo` read. The mark only moves forward, and never past their newest
 * notification, so a made-up id cannot mark future ones read. True when it moved.
 */
export async function markNotificationsSeen({ userId, upTo }: { userId: number; upTo: number }): Promise<boolean> {
  const db = await getDb();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`with newest as (select coalesce(max(n.id), 0) as id from notifications n where n.recipient_id = ${userId})
      update users set notifications_seen_id = greatest(users.notifications_seen_id, least(${upTo}::bigint, newest.id)) from newest
      where users.id = ${userId} and users.notifications_seen_id < least(${upTo}::bigint, newest.id)
      returning users.id::text as id`),
  );
  return rows.length > 0;
}
