'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const SECTIONS = [
  { href: '/settings', label: 'General' },
  { href: '/settings/profile', label: 'Profile' },
  { href: '/settings/password', label: 'Password' },
  { href: '/settings/email', label: 'Email' },
  { href: '/settings/sessions', label: 'Sessions' },
  { href: '/settings/tokens', label: 'API tokens' },
  { href: '/settings/handle', label: 'Handle' },
  { href: '/settings/leave', label: 'Your data' },
] as const;

/** The parts of settings, one page each, so every form is short and each change says what it did on its own page. */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav className="settings-nav" aria-label="Settings">
      <ul>
        {SECTIONS.map(({ href, label }) => (
          <li key={href}>
            <Link href={href} aria-current={pathname === href ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
