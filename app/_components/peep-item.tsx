import Link from 'next/link';
import { deletePeep } from '@/app/(main)/actions';
import type { PeepView } from '@/db/queries/peeps';
import { PeepBody } from './peep-body';
import { RelativeTime } from './relative-time';

export function PeepItem({ peep, viewer }: { peep: PeepView; viewer?: string | null }) {
  const profile = `/u/${peep.author.username}`;
  return (
    <article className="peep" aria-label={`Peep by ${peep.author.name}`}>
      <header className="peep-meta">
        <Link href={profile} className="peep-name">
          {peep.author.name}
        </Link>{' '}
        <Link href={profile} className="peep-handle">
          @{peep.author.username}
        </Link>
        <span aria-hidden="true"> · </span>
        <Link href={`/p/${peep.id}`} className="peep-time">
          <RelativeTime iso={peep.createdAt.toISOString()} />
        </Link>
      </header>
      <PeepBody body={peep.body} mentions={peep.mentions} />
      {viewer === peep.author.username && (
        <form action={deletePeep} className="peep-actions">
          <input type="hidden" name="peepId" value={peep.id} />
          <button type="submit" className="link-button subtle">
            Delete<span className="visually-hidden"> this peep</span>
          </button>
        </form>
      )}
    </article>
  );
}
