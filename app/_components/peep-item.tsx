import Link from 'next/link';
import type { PeepView } from '@/db/queries/peeps';
import { RelativeTime } from './relative-time';

export function PeepItem({ peep }: { peep: PeepView }) {
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
        <RelativeTime iso={peep.createdAt.toISOString()} />
      </header>
      <p className="peep-body">{peep.body}</p>
    </article>
  );
}
