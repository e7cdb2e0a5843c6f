import Link from 'next/link';
import type { TimelinePage } from '@/db/queries/timelines';
import { encodeCursor } from '@/lib/cursor';
import type { CurrentUser } from '@/auth/current-user';
import { PeepItem } from './peep-item';

type Props = { page: TimelinePage; basePath: string; empty: React.ReactNode; viewer?: CurrentUser | null };

export function Timeline({ page, basePath, empty, viewer }: Props) {
  if (page.items.length === 0) return <div className="empty">{empty}</div>;
  return (
    <>
      <ol className="peeps" aria-label="Peeps">
        {page.items.map((item) => (
          <li key={`${item.kind}-${item.itemId}`}>
            <PeepItem peep={item.peep} repostedBy={item.repostedBy} viewer={viewer} returnTo={basePath} />
          </li>
        ))}
      </ol>
      {page.next && (
        <nav className="pager" aria-label="Pagination">
          <Link href={`${basePath}?before=${encodeCursor(page.next)}`} rel="next" prefetch={false}>
            Older peeps
          </Link>
        </nav>
      )}
    </>
  );
}
