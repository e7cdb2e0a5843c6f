import 'server-only';
import { isDatabaseUnavailable } from '@/db/errors';
import { setResponseStatus } from '@/server/context';
import { errorText, log } from '@/lib/log';

/**
 * Runs a page's reads; if the database is unreachable, answers with a 503 page rendered on the server (readable
 * without JavaScript) instead of an error shell. Other errors go on to the error boundary.
 */
export async function readOrUnavailable<T>(read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; page: React.ReactNode }> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    log.warn({ error: errorText(err) }, 'Database unavailable');
    return { ok: false, page: unavailablePage() };
  }
}

/** The 503 notice, with its status, for a request that cannot be served while the database is unavailable. */
export function unavailablePage(): React.ReactNode {
  setResponseStatus(503);
  return <DatabaseUnavailable />;
}

export function DatabaseUnavailable() {
  return (
    <section className="notice" role="alert">
      <h1>Chitter is having a moment</h1>
      <p>We can’t reach our database just now. Nothing you wrote is lost; please try again in a few seconds.</p>
      <p>
        <a href="">Try again</a>
      </p>
    </section>
  );
}
