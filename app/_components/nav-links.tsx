'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { NAV_ICONS, type NavIcon } from './nav-icons';
import { notificationsLabel, UnreadBadge, useUnreadCount } from './unread-count';

/** `unread`: the notifications item's count, kept current by live updates. */
export type NavItem = { href: string; label: string; icon: NavIcon; unread?: number };

/** The app's destinations: a column beside the page on wide screens, a tab bar along the bottom on phones. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const unread = useUnreadCount(items.find((item) => item.unread !== undefined)?.unread ?? 0);
  return (
    <ul>
      {items.map(({ href, label, icon, unread: counted }) => {
        const current = href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link href={href} aria-current={current ? 'page' : undefined} aria-label={counted === undefined ? undefined : notificationsLabel(unread)}>
              <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                <path d={NAV_ICONS[icon]} />
              </svg>
              <span>{label}</span>
              {counted !== undefined && <UnreadBadge count={unread} />}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
