import 'server-only';
import { bumpStreamVersion, readStreamVersion } from '@/db/queries/stream-version';
import { serverHooks } from '@/server/context';

/** After a peep, a deletion or a repost: drop this instance's cached page now and tell the others. */
export async function publicStreamChanged(): Promise<void> {
  serverHooks()?.invalidatePageCache();
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
      serverHooks()?.observeStreamVersion(await readStreamVersion());
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
