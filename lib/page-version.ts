import 'server-only';
import { bumpPageVersion } from '@/db/queries/page-version';
import { serverHooks } from '@/server/context';
import { errorText, log } from '@/lib/log';

/**
 * After a write that changes what a page shows and has no live trigger (a sign-up, a confirmed address, a settings
 * change, someone coming online): drop this instance's cached pages now and tell the others.
 */
export async function pagesChanged(kind: 'pages' | 'presence' = 'pages'): Promise<void> {
  serverHooks()?.invalidatePageCache();
  try {
    await bumpPageVersion(kind);
  } catch (err) {
    // The write itself is done; the other instances' copies expire within the cache lifetime anyway.
    log.error({ error: errorText(err) }, 'Could not publish the page version');
  }
}

/**
 * After a peep, a repost or a follow, or their undoing: their trigger bumped the version and told the other instances
 * in the write's own transaction, so only this instance's copies are left to drop, before its notification arrives.
 */
export function livePagesChanged(): void {
  serverHooks()?.invalidatePageCache();
}

/**
 * After a like or its undoing, which changes a count on other people's pages (kept up to the cache lifetime, as who
 * is online is) and the button on the liker's own: drop only the liker's pages here; the like's NOTIFY does the same
 * on every other instance (lib/boot.ts).
 */
export function ownPagesChanged(userId: number): void {
  serverHooks()?.invalidatePersonPages(userId);
}
