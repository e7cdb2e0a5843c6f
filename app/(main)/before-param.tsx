import Link from 'next/link';
import { decodeCursor, type Cursor } from '@/lib/cursor';
import { setResponseStatus } from '@/server/context';

/** The `?before=` of a paged list: undefined for the first page, null (and a 400) for a cursor we did not make. */
export function parseBefore(before: string | string[] | undefined): Cursor | undefined | null {
  if (before === undefined) return undefined;
  const cursor = typeof before === 'string' ? decodeCursor(before) : null;
  if (!cursor) setResponseStatus(400);
  return cursor;
}

export function BadPageLink({ back }: { back: string }) {
  return (
    <section className="notice">
      <h1>That page link doesn’t work</h1>
      <p>
        The link to older items was damaged or made up. <Link href={back}>Back to the newest</Link>
      </p>
    </section>
  );
}
