import Link from 'next/link';
import { decodeCursor, type Cursor } from '@/lib/cursor';
import { setResponseStatus } from '@/server/context';

/** Which page of a paged list: the first (no cursor), older items (`?before=`) or the newer page above (`?after=`). */
export type PageRange = { before?: Cursor; after?: Cursor };

type Param = string | string[] | undefined;

/** The `?before=` of a paged list: undefined for the first page, null (and a 400) for a cursor we did not make. */
export function parseBefore(before: Param): Cursor | undefined | null {
  if (before === undefined) return undefined;
  const cursor = typeof before === 'string' ? decodeCursor(before) : null;
  if (!cursor) setResponseStatus(400);
  return cursor;
}

/** A timeline's `?before=` or `?after=` (not both); null, and a 400, for anything this app did not make. */
export function parsePageRange({ before, after }: { before?: Param; after?: Param }): PageRange | null {
  if (before !== undefined && after !== undefined) {
    setResponseStatus(400);
    return null;
  }
  if (after !== undefined) {
    const cursor = parseBefore(after);
    return cursor ? { after: cursor } : null;
  }
  const cursor = parseBefore(before);
  return cursor === null ? null : cursor ? { before: cursor } : {};
}

export const isFirstPage = (range: PageRange) => !range.before && !range.after;

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
