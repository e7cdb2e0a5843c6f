'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { NAV_ICONS, type NavIcon } from './nav-icons';

export type NavItem = { href: string; label: string; icon: NavIcon };

/** The app's destinations: a column beside the page on wide screens, a tab bar along the bottom on phones. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul>
      {items.map(({ href, label, icon }) => {
        const current = href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link href={href} aria-current={current ? 'page' : undefined}>
              <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                <path d={NAV_ICONS[icon]} />
              </svg>
              <span>{label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
