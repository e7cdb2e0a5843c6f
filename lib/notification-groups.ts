import type { NotificationRow } from '@/db/queries/notifications';
import type { NotificationKind } from '@/db/schema';

type Actor = NotificationRow['actor'];

/** One row of the notifications page: a mention or a reply alone, or the likes or reposts of one peep, or follows close together. */
export type NotificationGroup = {
  key: string;
  kind: NotificationKind;
  /** The newest notification's id and time: where the group sits in the list. */
  newestId: number;
  at: Date;
  /** Each person once, newest first. */
  actors: Actor[];
  peep: NotificationRow['peep'];
  unread: boolean;
};

// Follows this close to the newest of a group join it, as Twitter and Mastodon put "Ana and 2 others followed you".
export const FOLLOW_GROUP_MS = 24 * 60 * 60 * 1000;

/** Groups a page of notifications (newest first) as the page shows them; `seenId` is the newest the person has read. */
export function groupNotifications(rows: NotificationRow[], seenId: number): NotificationGroup[] {
  const groups: NotificationGroup[] = [];
  const byPeep = new Map<string, NotificationGroup>();
  let follows: NotificationGroup | null = null;
  for (const row of rows) {
    let group: NotificationGroup | undefined;
    if ((row.kind === 'like' || row.kind === 'repost') && row.peep) group = byPeep.get(`${row.kind}:${row.peep.id}`);
    if (row.kind === 'follow' && follows && follows.at.getTime() - row.at.getTime() <= FOLLOW_GROUP_MS) group = follows;
    if (!group) {
      group = { key: `${row.kind}:${row.id}`, kind: row.kind, newestId: row.id, at: row.at, actors: [], peep: row.peep, unread: false };
      groups.push(group);
      if ((row.kind === 'like' || row.kind === 'repost') && row.peep) byPeep.set(`${row.kind}:${row.peep.id}`, group);
      if (row.kind === 'follow') follows = group;
    }
    if (!group.actors.some((a) => a.username === row.actor.username)) group.actors.push(row.actor);
    if (row.id > seenId) group.unread = true;
  }
  return groups;
}

const VERBS: Record<NotificationKind, string> = {
  like: 'liked your peep',
  repost: 'reposted your peep',
  follow: 'followed you',
  mention: 'mentioned you',
  reply: 'replied to you',
};

/** Who did it, as Twitter says it: "Ana", "Ana and Bea", or "Ana and 3 others". */
export function namesOf(actors: Actor[]): { first: Actor; second: Actor | null; others: number } {
  const [first, second] = actors;
  if (actors.length === 2) return { first, second, others: 0 };
  return { first, second: null, others: Math.max(0, actors.length - 1) };
}

/** The sentence a group says, in plain text: "Ana and 3 others liked your peep". */
export function describeGroup(group: NotificationGroup): string {
  const { first, second, others } = namesOf(group.actors);
  const who = second ? `${first.name} and ${second.name}` : others > 0 ? `${first.name} and ${others} ${others === 1 ? 'other' : 'others'}` : first.name;
  return `${who} ${VERBS[group.kind]}`;
}

export const verbOf = (kind: NotificationKind) => VERBS[kind];
