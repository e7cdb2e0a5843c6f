import { RelativeTime } from '@/app/_components/relative-time';
import { SafeForm } from '@/app/_components/safe-form';
import type { TokenListing } from '@/db/queries/sessions';
import { deviceName } from '@/lib/device-name';
import { revokeToken } from '../actions';

// A date a year ahead: RelativeTime speaks of the past.
const EXPIRY_DATE = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** One token: its name, the client that logged in for it (if any), when it was made, last used and expires, and Revoke. */
export function TokenItem({ token }: { token: TokenListing }) {
  const timesId = `token-${token.key.slice(0, 16)}-times`;
  return (
    <li className="person session">
      <div className="person-names">
        <p className="session-device">
          <strong className="token-name">{token.name}</strong>
        </p>
        <p id={timesId} className="hint">
          {token.userAgent && <>{deviceName(token.userAgent)} · </>}
          Made <RelativeTime iso={token.createdAt.toISOString()} />
          {' · '}
          {token.lastUsedAt ? (
            <>
              last used <RelativeTime iso={token.lastUsedAt.toISOString()} />
            </>
          ) : (
            'not used yet'
          )}
          {' · '}
          expires <time dateTime={token.expiresAt.toISOString()}>{EXPIRY_DATE.format(token.expiresAt)}</time>
        </p>
      </div>
      <SafeForm action={revokeToken} className="session-form" compact>
        <input type="hidden" name="token" value={token.key} />
        <button type="submit" className="secondary" aria-describedby={timesId}>
          Revoke<span className="visually-hidden"> {token.name}</span>
        </button>
      </SafeForm>
    </li>
  );
}
