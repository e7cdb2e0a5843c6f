import { describe, expect, it } from 'vitest';
import type { NotificationRow } from '@/db/queries/notifications';
import { describeGroup, FOLLOW_GROUP_MS, groupNotifications } from '@/lib/notification-groups';

const HOUR = 60 * 60 * 1000;
const start = Date.UTC(2026, 11, 7, 12);
const actor = (name: string) => ({ username: name.toLowerCase(), name, avatarVersion: null });
const peep = (id: number) => ({ id }) as NotificationRow['peep'];

function row(id: number, kind: NotificationRow['kind'], name: string, hoursAgo: number, peepId?: number): NotificationRow {
  return { id, kind, at: new Date(start - hoursAgo * HOUR), actor: actor(name), peep: peepId === undefined ? null : peep(peepId) };
}

describe('grouping notifications', () => {
  it('puts likes of one peep together, apart from another peep’s and from reposts, at the newest one’s place', () => {
    const groups = groupNotifications([row(9, 'like', 'Ana', 0, 1), row(8, 'like', 'Bea', 1, 2), row(7, 'repost', 'Cal', 2, 1), row(6, 'like', 'Dan', 3, 1), row(5, 'like', 'Eve', 4, 1)], 0);
    expect(groups.map(describeGroup)).toEqual(['Ana and 2 others liked your peep', 'Bea liked your peep', 'Cal reposted your peep']);
  });

  it('says "A and B" for two people, and counts each person once', () => {
    const groups = groupNotifications([row(3, 'repost', 'Ana', 0, 1), row(2, 'repost', 'Bea', 1, 1), row(1, 'repost', 'Ana', 2, 1)], 0);
    expect(groups.map(describeGroup)).toEqual(['Ana and Bea reposted your peep']);
  });

  it('joins follows within a day of a group’s newest, and starts a new group past it', () => {
    const day = FOLLOW_GROUP_MS / HOUR;
    const groups = groupNotifications([row(4, 'follow', 'Ana', 0), row(3, 'follow', 'Bea', day - 1), row(2, 'follow', 'Cal', day + 1), row(1, 'follow', 'Dan', day + 2)], 0);
    expect(groups.map(describeGroup)).toEqual(['Ana and Bea followed you', 'Cal and Dan followed you']);
  });

  it('keeps each mention and reply on its own row, and marks a group unread if any of it is newer than the mark', () => {
    const groups = groupNotifications([row(5, 'mention', 'Ana', 0, 10), row(4, 'mention', 'Ana', 1, 11), row(3, 'reply', 'Bea', 2, 12), row(2, 'like', 'Cal', 3, 1), row(1, 'like', 'Dan', 4, 1)], 2);
    expect(groups.map((g) => [describeGroup(g), g.unread])).toEqual([
      ['Ana mentioned you', true],
      ['Ana mentioned you', true],
      ['Bea replied to you', true],
      ['Cal and Dan liked your peep', false],
    ]);
  });
});
