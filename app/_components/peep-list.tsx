import Link from 'next/link';
import type { TimelinePage } from '@/db/queries/peeps';
import { encodeCursor } from '@/lib/cursor';
import { PeepItem } from './peep-item';

export function PeepList({ page, basePath, empty, viewer }: { page: TimelinePage; basePath: string; empty: React.ReactNode; viewer?: string | null }) {
  if (page.peeps.length === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      <ol className="peeps" aria-label="Peeps">
        {page.peeps.map((peep) => (
          <li key={peep.id}>
            <PeepItem peep={peep} viewer={viewer} />
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
