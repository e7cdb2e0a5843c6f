import { prepareForNonces } from './nonce-stamp.mjs';

// A rendered-page cache in front of Next.js for the one page most visitors read: the public stream, logged out,
// first page. A write (peep, delete, repost) invalidates it at once in this instance; other instances learn of it
// from a version number the app polls in PostgreSQL. A short lifetime bounds what no write changes (who is online).

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;
const STORED_HEADERS = ['content-type', 'vary', 'link', 'x-content-type-options', 'referrer-policy', 'x-frame-options'];

export function createPageCache({ ttlMs = 10_000 } = {}) {
  let entry = null;
  let generation = 0;
  let pending = null;
  let remoteVersion = null;

  return {
    /** Only a full HTML document for `/` with no session, no query and no client-router request is shared. */
    cacheable(req) {
      return (
        (req.method === 'GET' || req.method === 'HEAD') &&
        req.url === '/' &&
        !SESSION_COOKIE.test(req.headers.cookie ?? '') &&
        !req.headers.rsc &&
        !req.headers['next-router-prefetch'] &&
        !req.headers['next-action']
      );
    },
    fresh() {
      return entry && Date.now() - entry.at < ttlMs ? entry : null;
    },
    /** Resolves when a render that is under way finishes, so a burst of misses renders once. */
    pending() {
      return pending;
    },
    begin() {
      const started = generation;
      let done;
      const mine = new Promise((resolve) => (done = resolve));
      pending = mine;
      let finished = false;
      return {
        /** Called once the response is complete (or abandoned, with status 0); only a whole 200 is kept. */
        store(status, headers, body) {
          if (finished) return;
          finished = true;
          // A write that landed while this page was rendering makes it stale before it is stored.
          if (status === 200 && !headers['set-cookie'] && started === generation) {
            const kept = Object.fromEntries(STORED_HEADERS.filter((h) => headers[h] !== undefined).map((h) => [h, headers[h]]));
            entry = { headers: kept, parts: prepareForNonces(body), at: Date.now() };
          }
          if (pending === mine) pending = null;
          done();
        },
      };
    },
    invalidate() {
      generation++;
      entry = null;
    },
    /** The app reports the stream's version from the database; a change made by another instance empties the cache. */
    observeVersion(version) {
      if (remoteVersion !== null && version !== remoteVersion) this.invalidate();
      remoteVersion = version;
    },
  };
}
