import Link from 'next/link';
import { PeepList } from '@/app/_components/peep-list';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { listPublicTimeline } from '@/db/queries/peeps';
import { decodeCursor } from '@/lib/cursor';
import { setResponseStatus } from '@/lib/request-context';
import { getCurrentUser } from '@/lib/session';
import { ComposeBox } from './compose-box';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const { before } = await searchParams;
  const cursor = typeof before === 'string' ? decodeCursor(before) : undefined;
  if (cursor === null || Array.isArray(before)) {
    setResponseStatus(400);
    return <BadPageLink />;
  }
  const read = await readOrUnavailable(() => Promise.all([getCurrentUser(), listPublicTimeline({ before: cursor })]));
  if (!read.ok) return read.page;
  const [user, page] = read.value;
  return (
    <>
      <h1 className="visually-hidden">Everyone’s peeps</h1>
      {!cursor &&
        (user ? (
          <ComposeBox name={user.name} />
        ) : (
          <p className="prompt">
            <Link href="/login">Log in</Link> or <Link href="/signup">sign up</Link> to peep.
          </p>
        ))}
      <PeepList page={page} viewer={user?.username} basePath="/" empty={cursor ? 'No older peeps.' : 'No peeps yet. Be the first!'} />
    </>
  );
}

function BadPageLink() {
  return (
    <section className="notice">
      <h1>That page link doesn’t work</h1>
      <p>
        The link to older peeps was damaged or made up. <Link href="/">Back to the newest peeps</Link>
      </p>
    </section>
  );
}
