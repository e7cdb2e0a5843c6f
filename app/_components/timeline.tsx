import Link from 'next/link';
import type { TimelinePage } from '@/db/queries/timelines';
import { encodeCursor } from '@/lib/cursor';
import type { CurrentUser } from '@/auth/current-user';
import { PeepItem } from './peep-item';

/** About as many peeps as a tall screen shows before scrolling. */
const FIRST_SCREENFUL = 6;

type Props = { page: TimelinePage; basePath: string; empty: React.ReactNode; viewer?: CurrentUser | null };

/**
 * A page of a timeline. Past the first page, links lead back up: "Newer peeps" to the page just above this one, and
 * "Back to newest" to the top, above the list and again beside "Older peeps" below it; links that need no JavaScript.
 */
export function Timeline({ page, basePath, empty, viewer }: Props) {
  const newer = page.newer && `${basePath}?after=${encodeCursor(page.newer)}`;
  const up = newer && (
    <>
      <Link href={newer} rel="prev" prefetch={false}>
        Newer peeps
      </Link>
      <Link href={basePath} prefetch={false}>
        Back to newest
      </Link>
    </>
  );
  if (page.items.length === 0) {
    return (
      <>
        <div className="empty">{empty}</div>
        {up && (
          <nav className="pager" aria-label="Pagination">
            {up}
          </nav>
        )}
      </>
    );
  }
  return (
    <>
      {up && (
        <nav className="pager" aria-label="Newer pages">
          {up}
        </nav>
      )}
      <ol className="peeps" aria-label="Peeps">
        {page.items.map((item, i) => (
          <li key={`${item.kind}-${item.itemId}`}>
            <PeepItem
              peep={item.peep}
              repostedBy={item.repostedBy}
              alsoRepostedBy={item.alsoRepostedBy}
              reposterCount={item.reposterCount}
              viewer={viewer}
              returnTo={basePath}
              lazy={i >= FIRST_SCREENFUL}
            />
          </li>
        ))}
      </ol>
      {(page.next || up) && (
        <nav className="pager" aria-label="Pagination">
          {up}
          {page.next && (
            <Link href={`${basePath}?before=${encodeCursor(page.next)}`} rel="next" prefetch={false}>
              Older peeps
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
