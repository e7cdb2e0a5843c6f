import { getViewer } from '@/auth/current-user';
import { NavLinks, type NavItem } from './nav-links';
import { readUnreadCount } from './unread-notifications';

export async function SideNav() {
  const viewer = await getViewer();
  const user = viewer.kind === 'user' ? viewer.user : null;
  const items: NavItem[] = user
    ? [
        { href: '/following', label: 'Home', icon: 'home' },
        { href: '/', label: 'Everyone', icon: 'everyone' },
        { href: '/search', label: 'Search', icon: 'search' },
        { href: '/notifications', label: 'Notifications', icon: 'notifications', unread: await readUnreadCount(user.id) },
        { href: `/u/${user.username}`, label: 'Profile', icon: 'profile' },
        { href: '/settings', label: 'Settings', icon: 'settings' },
      ]
    : [
        { href: '/', label: 'Everyone', icon: 'everyone' },
        { href: '/search', label: 'Search', icon: 'search' },
        // While the session cannot be checked (a database outage), as in the header: neither account links nor log-in.
        ...(viewer.kind === 'unknown'
          ? []
          : ([
              { href: '/login', label: 'Log in', icon: 'logIn' },
              { href: '/signup', label: 'Sign up', icon: 'signUp' },
            ] as const)),
      ];
  return (
    <nav className="side-nav" aria-label="Main">
      <NavLinks items={items} />
    </nav>
  );
}
