import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PeepList } from '@/app/_components/peep-list';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { listUserPeeps } from '@/db/queries/peeps';
import { findUserByUsername } from '@/db/queries/users';
import { decodeCursor } from '@/lib/cursor';
import { setResponseStatus } from '@/lib/request-context';
import { getCurrentUser } from '@/lib/session';

type Props = { params: Promise<{ username: string }>; searchParams: Promise<{ before?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { username } = await params;
  const read = await readOrUnavailable(async () => (/^[A-Za-z0-9_]{1,30}$/.test(username) ? findUserByUsername({ username }) : null));
  const user = read.ok ? read.value : null;
  return { title: user ? `${user.name} (@${user.username})` : 'Not found' };
}

export default async function ProfilePage({ params, searchParams }: Props) {
  const [{ username }, { before }] = await Promise.all([params, searchParams]);
  if (!/^[A-Za-z0-9_]{1,30}$/.test(username)) notFound();
  const read = await readOrUnavailable(() => findUserByUsername({ username }));
  if (!read.ok) return read.page;
  const user = read.value;
  if (!user) notFound();
  const cursor = typeof before === 'string' ? decodeCursor(before) : undefined;
  if (cursor === null || Array.isArray(before)) {
    setResponseStatus(400);
    return (
      <p className="notice">
        That page link doesn’t work. <Link href={`/u/${user.username}`}>Back to @{user.username}</Link>
      </p>
    );
  }
  const peeps = await readOrUnavailable(() => Promise.all([listUserPeeps({ userId: user.id, before: cursor }), getCurrentUser()]));
  if (!peeps.ok) return peeps.page;
  const [page, viewer] = peeps.value;
  const joined = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(user.createdAt);
  return (
    <>
      <section className="profile card">
        <h1>{user.name}</h1>
        <p className="handle">@{user.username}</p>
        <p className="joined">Joined {joined}</p>
      </section>
      <h2 className="section-title">Peeps</h2>
      <PeepList page={page} viewer={viewer?.username} basePath={`/u/${user.username}`} empty={`@${user.username} hasn’t peeped yet.`} />
    </>
  );
}
