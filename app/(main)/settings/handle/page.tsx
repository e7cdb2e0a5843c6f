import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { getViewer } from '@/auth/current-user';
import { findHandleStatus } from '@/db/queries/handles';
import { formatDay } from './format-day';
import { HandleForm } from './handle-form';

export const metadata: Metadata = { title: 'Handle' };

export default async function HandlePage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return unavailablePage();
  if (viewer.kind === 'anonymous') redirect('/login?next=/settings/handle');
  const read = await readOrUnavailable(() => findHandleStatus({ userId: viewer.user.id }));
  if (!read.ok) return read.page;
  const status = read.value;
  if (!status) redirect('/login?next=/settings/handle');
  const { changed } = await searchParams;
  return (
    <section className="card settings">
      <h1>Handle</h1>
      <p>
        Your handle is <strong>@{status.username}</strong>; your profile is at <a href={`/u/${status.username}`}>/u/{status.username}</a>.
      </p>
      {changed === status.username && (
        <p className="success" role="status">
          Your handle is now @{status.username}.
        </p>
      )}
      {status.held.length > 0 && (
        <ul className="hint" aria-label="Your old handles">
          {status.held.map((old) => (
            <li key={old.handle}>
              @{old.handle} still leads to your profile, and nobody else can take it, until {formatDay(old.until)}. You can take it back until then.
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        You can change your handle once a month. Your old handle then leads to your profile for 30 days and nobody else can take it; after that
        anyone can. Mentions of you in peeps already posted keep linking to you. Changing only the case of letters is free at any time.
      </p>
      {status.nextChangeAt && (
        <p role="status">You changed your handle recently: you can change it again on {formatDay(status.nextChangeAt)}.</p>
      )}
      <HandleForm current={status.username} />
    </section>
  );
}
