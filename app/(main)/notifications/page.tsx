import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Avatar } from '@/app/_components/avatar';
import { PeepItem } from '@/app/_components/peep-item';
import { RelativeTime } from '@/app/_components/relative-time';
import { SafeForm } from '@/app/_components/safe-form';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { listNotifications } from '@/db/queries/notifications';
import { getViewer, type CurrentUser } from '@/auth/current-user';
import { decodeIdCursor } from '@/lib/cursor';
import { groupNotifications, namesOf, verbOf, type NotificationGroup } from '@/lib/notification-groups';
import { setResponseStatus } from '@/server/context';
import { BadPageLink } from '../before-param';
import { markAllNotificationsRead } from './actions';
import { MarkRead } from './mark-read';

export const metadata: Metadata = { title: 'Notifications' };

// Faces shown for a group; the sentence names the count.
const FACES = 6;

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'anonymous') redirect('/login?next=/notifications');
  if (viewer.kind === 'unknown') return unavailablePage();
  const { before } = await searchParams;
  const cursor = typeof before === 'string' ? decodeIdCursor(before) : null;
  if (before !== undefined && cursor === null) {
    setResponseStatus(400);
    return <BadPageLink back="/notifications" />;
  }
  const read = await readOrUnavailable(() => listNotifications({ userId: viewer.user.id, before: cursor }));
  if (!read.ok) return read.page;
  const { rows, seenId, next } = read.value;
  const groups = groupNotifications(rows, seenId);
  const newestShown = rows[0]?.id ?? 0;
  const unread = groups.some((g) => g.unread);
  return (
    <>
      <div className="notifications-head">
        <h1>Notifications</h1>
        {unread && (
          <SafeForm action={markAllNotificationsRead} compact>
            <input type="hidden" name="upTo" value={newestShown} />
            <button type="submit" className="secondary">
              Mark all as read
            </button>
          </SafeForm>
        )}
      </div>
      {unread && <MarkRead upTo={newestShown} />}
      {before && (
        <nav className="pager" aria-label="Newer pages">
          <Link href="/notifications" prefetch={false}>
            Back to newest
          </Link>
        </nav>
      )}
      {groups.length === 0 ? (
        <div className="empty">{before ? 'No older notifications.' : 'Nothing yet. When someone likes, reposts, replies to or mentions your peeps, or follows you, you’ll see it here.'}</div>
      ) : (
        <ol className="notifications" aria-label="Notifications">
          {groups.map((group) => (
            <li key={group.key} className={group.unread ? 'notification unread' : 'notification'}>
              <Notification group={group} viewer={viewer.user} />
            </li>
          ))}
        </ol>
      )}
      {next && (
        <nav className="pager" aria-label="Pagination">
          <Link href={`/notifications?before=${next}`} rel="next" prefetch={false}>
            Older notifications
          </Link>
        </nav>
      )}
    </>
  );
}

function Notification({ group, viewer }: { group: NotificationGroup; viewer: CurrentUser }) {
  const { first, second, others } = namesOf(group.actors);
  const person = (p: typeof first) => (
    <a href={`/u/${p.username}`}>
      <bdi>{p.name}</bdi>
    </a>
  );
  const iso = group.at.toISOString();
  return (
    <>
      {group.actors.length > 1 && (
        <div className="notification-actors">
          {group.actors.slice(0, FACES).map((a) => (
            <Avatar key={a.username} name={a.name} username={a.username} version={a.avatarVersion} size="small" />
          ))}
        </div>
      )}
      <p className="notification-line">
        {group.unread && <span className="visually-hidden">Unread: </span>}
        {group.actors.length === 1 && <Avatar name={first.name} username={first.username} version={first.avatarVersion} size="small" />}
        <span>
          {person(first)}
          {second && <> and {person(second)}</>}
          {others > 0 && ` and ${others} ${others === 1 ? 'other' : 'others'}`} {verbOf(group.kind)}
        </span>
        <RelativeTime iso={iso} />
      </p>
      {(group.kind === 'like' || group.kind === 'repost') && group.peep && (
        <p className="notification-quote" dir="auto">
          <a href={`/p/${group.peep.id}`}>{group.peep.body}</a>
        </p>
      )}
      {(group.kind === 'mention' || group.kind === 'reply') && group.peep && <PeepItem peep={group.peep} viewer={viewer} returnTo="/notifications" />}
    </>
  );
}
