import Link from 'next/link';
import { logOut } from '@/app/(auth)/actions';
import { getViewer } from '@/auth/current-user';
import { SEARCH_MAX } from '@/lib/search-query';
import { NotificationsLink } from './notifications-link';
import { SafeForm } from './safe-form';
import { readUnreadCount } from './unread-notifications';
import { VerifyBanner } from './verify-banner';

export async function SiteHeader() {
  const viewer = await getViewer();
  const user = viewer.kind === 'user' ? viewer.user : null;
  return (
    <>
    <header className="site-header">
      <div className="container header-row">
        <Link href="/" className="brand">
          Chitter
        </Link>
        <form action="/search" role="search" className="header-search">
          <label htmlFor="header-search" className="visually-hidden">
            Search people and peeps
          </label>
          <input id="header-search" name="q" type="search" placeholder="Search" maxLength={SEARCH_MAX} />
        </form>
        {/* While the session cannot be checked (a database outage) the header offers neither account links nor log-in. */}
        {viewer.kind !== 'unknown' && (
          <nav aria-label="Account" className="account">
            {user ? (
              <>
                <Link href={`/u/${user.username}`} className="me">
                  @{user.username}
                </Link>
                <NotificationsLink unread={await readUnreadCount(user.id)} />
                <Link href="/settings">Settings</Link>
                <SafeForm action={logOut} compact>
                  <button type="submit" className="link-button">
                    Log out
                  </button>
                </SafeForm>
              </>
            ) : (
              <>
                <Link href="/login">Log in</Link>
                <Link href="/signup" className="button">
                  Sign up
                </Link>
              </>
            )}
          </nav>
        )}
      </div>
    </header>
    {user && <VerifyBanner userId={user.id} />}
    </>
  );
}
