import Link from 'next/link';
import type { PersonRow } from '@/db/queries/follows';
import type { CurrentUser } from '@/auth/current-user';
import { Avatar } from './avatar';
import { FollowButton } from './follow-button';

export function PersonList({ people, viewer, returnTo, label }: { people: PersonRow[]; viewer?: CurrentUser | null; returnTo: string; label: string }) {
  return (
    <ul className="people" aria-label={label}>
      {people.map((person) => (
        <li key={person.id} className="person">
          <Avatar name={person.name} username={person.username} />
          <div className="person-names">
            <Link href={`/u/${person.username}`} className="peep-name">
              <bdi>{person.name}</bdi>
            </Link>{' '}
            <span className="peep-handle">@{person.username}</span>
            <div className="muted small">
              {person.followerCount} {person.followerCount === 1 ? 'follower' : 'followers'}
            </div>
          </div>
          {viewer && viewer.id !== person.id && (
            <FollowButton username={person.username} name={person.name} following={person.followedByViewer} returnTo={returnTo} />
          )}
        </li>
      ))}
    </ul>
  );
}
