import { z } from 'zod';
import type { NotificationKind } from '@/db/schema';
import { PEEP_ID } from '@/lib/peep-id';
import { HANDLE } from '@/lib/validation';

// The shapes the API answers with, shared by every endpoint and named in the OpenAPI document's components.

export const errorShape = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable, machine-readable: bad_request, unauthorized, forbidden, not_found, moved (a renamed handle: follow Location), method_not_allowed, conflict, length_required, payload_too_large, unsupported_media_type, invalid, rate_limited, unavailable, internal.' }),
      message: z.string().meta({ description: 'A sentence for a person.' }),
      fields: z.record(z.string(), z.string()).optional().meta({ description: 'Per input field, what is wrong with it.' }),
    }),
  })
  .meta({ id: 'Error' });

export const authorShape = z
  .object({
    username: z.string(),
    name: z.string(),
    avatarUrl: z.string().nullable().meta({ description: 'A 96 px WebP picture, or null for none (show initials).' }),
  })
  .meta({ id: 'Author' });

export const peepShape = z
  .object({
    id: z.number().int(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    url: z.string().meta({ description: 'The peep’s page on the web.' }),
    author: authorShape,
    mentions: z.array(z.string()).meta({ description: 'Handles (as they are now) of the people it mentions.' }),
    replyTo: z
      .object({ peepId: z.number().int().nullable(), username: z.string().nullable() })
      .nullable()
      .meta({ description: 'Null unless a reply; its fields are null once the answered peep is deleted.' }),
    replyCount: z.number().int(),
    repostCount: z.number().int(),
    likeCount: z.number().int(),
    reposted: z.boolean().meta({ description: 'Whether the token’s owner reposted it (false without a token).' }),
    liked: z.boolean().meta({ description: 'Whether the token’s owner liked it (false without a token).' }),
  })
  .meta({ id: 'Peep' });

export const timelineItemShape = z
  .object({
    type: z.enum(['peep', 'repost']),
    at: z.iso.datetime().meta({ description: 'When it appeared here: posted, or reposted.' }),
    repostedBy: z.object({ username: z.string(), name: z.string() }).nullable(),
    peep: peepShape,
  })
  .meta({ id: 'TimelineItem' });

export const personShape = z
  .object({
    username: z.string(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
    url: z.string(),
    followerCount: z.number().int(),
    followedByYou: z.boolean(),
  })
  .meta({ id: 'Person' });

export const profileShape = z
  .object({
    username: z.string(),
    name: z.string(),
    bio: z.string(),
    avatarUrl: z.string().nullable(),
    url: z.string(),
    joinedAt: z.iso.datetime(),
    peepCount: z.number().int(),
    followerCount: z.number().int(),
    followingCount: z.number().int(),
    online: z.boolean().nullable().meta({ description: 'Null when the person hides it.' }),
    you: z
      .object({ following: z.boolean(), muting: z.boolean(), blocking: z.boolean(), blockedBy: z.boolean() })
      .nullable()
      .meta({ description: 'How the token’s owner stands with them; null without a token.' }),
  })
  .meta({ id: 'Profile' });

/** A keyset page: `next` is the cursor for older items (also sent as a `Link: rel="next"` header), null at the end. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), next: z.string().nullable() }).meta({ id });
}

/** Cursors are opaque; a page size from 1 to 100 (default 20, as Mastodon's). */
export const pageQuery = z.object({
  before: z.string().max(64).optional().meta({ description: 'The `next` cursor of the page before.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const NOTIFICATION_KINDS: Record<NotificationKind, string> = {
  mention: 'a peep of the actor’s mentions you',
  reply: 'the actor replied to your peep',
  repost: 'the actor reposted your peep',
  like: 'the actor liked your peep',
  follow: 'the actor followed you',
};

export const notificationShape = z
  .object({
    id: z.number().int().meta({ description: 'Also the cursor: notifications are paged by id.' }),
    kind: z.enum(Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]]).meta({
      description: Object.entries(NOTIFICATION_KINDS)
        .map(([kind, text]) => `\`${kind}\`: ${text}`)
        .join('; '),
    }),
    at: z.iso.datetime(),
    unread: z.boolean(),
    actor: authorShape,
    peep: peepShape.nullable().meta({ description: 'The actor’s peep (mention, reply) or yours (like, repost); null for a follow or once deleted.' }),
  })
  .meta({ id: 'Notification' });

export const onlineShape = z
  .object({
    count: z.number().int().meta({ description: 'Everyone online who shows it.' }),
    people: z.array(authorShape).meta({ description: 'The 20 seen most recently.' }),
  })
  .meta({ id: 'Online' });

/** The path parameters that name a person or a peep, as the web's addresses take them. */
export const usernameParams = z.object({ username: z.string().regex(HANDLE).meta({ description: 'A handle, in any case.' }) });
export const peepIdParams = z.object({ id: z.string().regex(PEEP_ID).meta({ description: 'A peep’s id.' }) });
