'use client';

import Link from 'next/link';
import { NAV_ICONS } from './nav-icons';
import { notificationsLabel, UnreadBadge, useUnreadCount } from './unread-count';

/** The header's bell (shown on phones, where the side nav's tab bar has no room for it), with the unread count. */
export function NotificationsLink({ unread }: { unread: number }) {
  const count = useUnreadCount(unread);
  return (
    <Link href="/notifications" className="header-notifications" aria-label={notificationsLabel(count)}>
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path d={NAV_ICONS.notifications} />
      </svg>
      <UnreadBadge count={count} />
    </Link>
  );
}
