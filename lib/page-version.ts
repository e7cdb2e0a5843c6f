import 'server-only';
import { bumpPageVersion, readPageVersion } from '@/db/queries/page-version';
import { serverHooks } from '@/server/context';

/**
 * After any write that changes what a page shows (a peep, a repost, a follow, someone coming online): drop this
 * instance's cached pages now and tell the others.
 */
export async function pagesChanged(): Promise<void> {
  serverHooks()?.invalidatePageCache();
  try {
    await bumpPageVersion();
  } catch (err) {
    // The write itself is done; the other instances' copies expire within the cache lifetime anyway.
    console.error('Could not publish the page version:', err instanceof Error ? err.message : err);
  }
}

/** Polls the page version so a write made through another instance empties this one's cache within `everyMs`. */
export function watchPageVersion(everyMs = 250): () => void {
  let stopped = false;
  const tick = async () => {
    try {
      serverHooks()?.observePageVersion(await readPageVersion());
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
