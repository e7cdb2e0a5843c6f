import 'server-only';
import type { z } from 'zod';
import type { PersonRow } from '@/db/queries/follows';
import type { NotificationRow } from '@/db/queries/notifications';
import type { Profile } from '@/db/queries/people';
import type { PeepView, TimelineItem } from '@/db/queries/timelines';
import { avatarUrl } from '@/lib/avatar-url';
import { encodeCursor, type Cursor } from '@/lib/cursor';
import { env } from '@/lib/env';
import { ONLINE_WINDOW_MS } from '@/lib/presence';
import type { authorShape, notificationShape, peepShape, personShape, profileShape, timelineItemShape } from './contracts/shapes';

// The query layer's rows as the API's shapes (lib/api/contracts/shapes.ts): absolute addresses, ISO times.

const absolute = (path: string) => new URL(path, env().APP_URL).toString();
const picture = (version: number | null) => (version === null ? null : absolute(avatarUrl(version, 96)));

export function presentAuthor(a: { username: string; name: string; avatarVersion: number | null }): z.infer<typeof authorShape> {
  return { username: a.username, name: a.name, avatarUrl: picture(a.avatarVersion) };
}

export function presentPeep(p: PeepView): z.infer<typeof peepShape> {
  return {
    id: p.id,
    body: p.body,
    createdAt: p.createdAt.toISOString(),
    url: absolute(`/p/${p.id}`),
    author: presentAuthor(p.author),
    mentions: p.mentions,
    replyTo: p.replyTo,
    replyCount: p.replyCount,
    repostCount: p.repostCount,
    likeCount: p.likeCount,
    reposted: p.reposted,
    liked: p.liked,
  };
}

export function presentItem(item: TimelineItem): z.infer<typeof timelineItemShape> {
  return {
    type: item.kind === 1 ? 'repost' : 'peep',
    at: item.sortAt.toISOString(),
    repostedBy: item.repostedBy,
    peep: presentPeep(item.peep),
  };
}

export function presentPerson(p: PersonRow): z.infer<typeof personShape> {
  return { username: p.username, name: p.name, avatarUrl: picture(p.avatarVersion), url: absolute(`/u/${p.username}`), followerCount: p.followerCount, followedByYou: p.followedByViewer };
}

export function presentProfile(p: Profile, withViewer: boolean): z.infer<typeof profileShape> {
  return {
    username: p.username,
    name: p.name,
    bio: p.bio,
    avatarUrl: picture(p.avatarVersion),
    url: absolute(`/u/${p.username}`),
    joinedAt: p.createdAt.toISOString(),
    peepCount: p.peepCount,
    followerCount: p.followerCount,
    followingCount: p.followingCount,
    online: p.hidesOnline ? null : p.lastSeenAt !== null && Date.now() - p.lastSeenAt.getTime() < ONLINE_WINDOW_MS,
    you: withViewer ? { following: p.followedByViewer, muting: p.mutedByViewer, blocking: p.blockedByViewer, blockedBy: p.blocksViewer } : null,
  };
}

export function presentNotification(n: NotificationRow, seenId: number): z.infer<typeof notificationShape> {
  return { id: n.id, kind: n.kind, at: n.at.toISOString(), unread: n.id > seenId, actor: presentAuthor(n.actor), peep: n.peep && presentPeep(n.peep) };
}

export const cursorText = (cursor: Cursor | null) => (cursor ? encodeCursor(cursor) : null);
