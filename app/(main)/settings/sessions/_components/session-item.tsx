import { SafeForm } from '@/app/_components/safe-form';
import { RelativeTime } from '@/app/_components/relative-time';
import type { SessionListing } from '@/db/queries/sessions';
import { deviceName } from '@/lib/device-name';
import { endSession } from '../actions';

/** One session in the list: the device, when it logged in and was last active, and a way to log it out unless it is this one. */
export function SessionItem({ session, current }: { session: SessionListing; current: boolean }) {
  const device = deviceName(session.userAgent);
  const timesId = `session-${session.key.slice(0, 16)}-times`;
  return (
    <li className="person session">
      <div className="person-names">
        <p className="session-device">
          <strong>{device}</strong>
          {current && <span className="this-device">This device</span>}
        </p>
        <p id={timesId} className="hint">
          Logged in <RelativeTime iso={session.createdAt.toISOString()} />
          {' · '}
          {current ? (
            'active now'
          ) : (
            <>
              last active <RelativeTime iso={session.lastActiveAt.toISOString()} />
            </>
          )}
        </p>
      </div>
      {!current && (
        <SafeForm action={endSession} className="session-form" compact>
          <input type="hidden" name="session" value={session.key} />
          <button type="submit" className="secondary" aria-describedby={timesId}>
            Log out<span className="visually-hidden"> of {device}</span>
          </button>
        </SafeForm>
      )}
    </li>
  );
}
