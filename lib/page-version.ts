import 'server-only';
import { bumpPageVersion } from '@/db/queries/page-version';
import { serverHooks } from '@/server/context';

/**
 * After any write that changes what a page shows (a peep, a repost, a follow, someone coming online): drop this
 * instance's cached pages now and tell the others.
 */
export async function pagesChanged(kind: 'pages' | 'presence' = 'pages'): Promise<void> {
  serverHooks()?.invalidatePageCache();
  try {
    await bumpPageVersion(kind);
  } catch (err) {
    // The write itself is done; the other instances' copies expire within the cache lifetime anyway.
    console.error('Could not publish the page version:', err instanceof Error ? err.message : err);
  }
}
