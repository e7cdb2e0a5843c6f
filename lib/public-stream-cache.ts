import 'server-only';
import { bumpStreamVersion, readStreamVersion } from '@/db/queries/stream-version';

type PageCache = { invalidate: () => void; observeVersion: (version: string) => void };

// scripts/server.mjs keeps the rendered public stream; it lives in this process, outside the Next bundle.
const pageCache = () => (globalThis as { __chitterPageCache?: PageCache }).__chitterPageCache;

/** After a peep, a deletion or a repost: drop this instance's cached page now and tell the others. */
export async function publicStreamChanged(): Promise<void> {
  pageCache()?.invalidate();
  try {
    await bumpStreamVersion();
  } catch (err) {
    // The write itself is done; the other instances' copies expire within the cache lifetime anyway.
    console.error('Could not publish the stream version:', err instanceof Error ? err.message : err);
  }
}

/** Polls the stream version so a write made through another instance empties this one's cache within `everyMs`. */
export function watchStreamVersion(everyMs = 250): () => void {
  let stopped = false;
  const tick = async () => {
    try {
      pageCache()?.observeVersion(await readStreamVersion());
    } catch {
      // A database blip only delays invalidation; the next tick tries again.
    }
    if (!stopped) timer = setTimeout(tick, everyMs);
  };
  let timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
