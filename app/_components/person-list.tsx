import Link from 'next/link';
import type { ReactNode } from 'react';
import type { PersonRow } from '@/db/queries/follows';
import type { CurrentUser } from '@/auth/current-user';
import { Avatar } from './avatar';
import { FollowButton } from './follow-button';

export function PersonList({ people, viewer, returnTo, label }: { people: PersonRow[]; viewer?: CurrentUser | null; returnTo: string; label: string }) {
  return (
    <ul className="people" aria-label={label}>
      {people.map((person, i) => (
        <li key={person.id} className="person">
          <PersonNames name={person.name} username={person.username} avatarVersion={person.avatarVersion} lazy={i >= 8}>
            <div className="muted small">
              {person.followerCount} {person.followerCount === 1 ? 'follower' : 'followers'}
            </div>
          </PersonNames>
          {viewer && viewer.id !== person.id && (
            <FollowButton username={person.username} name={person.name} following={person.followedByViewer} returnTo={returnTo} />
          )}
        </li>
      ))}
    </ul>
  );
}

/** A person's avatar, name (linking to their profile) and handle, as a row of a list of people shows them. */
export function PersonNames({
  name,
  username,
  avatarVersion = null,
  lazy = false,
  children,
}: {
  name: string;
  username: string;
  avatarVersion?: number | null;
  lazy?: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      <Avatar name={name} username={username} version={avatarVersion} lazy={lazy} />
      <div className="person-names">
        <Link href={`/u/${username}`} className="peep-name">
          <bdi>{name}</bdi>
        </Link>{' '}
        <span className="peep-handle">@{username}</span>
        {children}
      </div>
    </>
  );
}
