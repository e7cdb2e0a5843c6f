import { z } from 'zod';
import { markReadSchema, peepIdField, settingsSchema, usernameField } from '@/lib/interactions';
import { peepSchema } from '@/lib/validation';
import { contract, type ApiResponse } from '../contract';
import { peepShape } from './shapes';

const peepParams = z.object({ id: peepIdField.meta({ description: 'The peep’s id.' }) });
const personParams = z.object({ username: usernameField.meta({ description: 'Their handle, in any case.' }) });

export const postPeepBody = z.object({
  body: peepSchema.shape.body.meta({ description: 'Up to 280 characters; a web address counts 23. Leading and trailing space is trimmed.' }),
  replyToId: z
    .int({ error: 'That peep doesn’t exist, so there’s nothing to reply to' })
    .positive({ error: 'That peep doesn’t exist, so there’s nothing to reply to' })
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .meta({ description: 'The peep this answers, for a reply.' }),
});

export const postedPeepShape = peepShape
  .extend({ notice: z.string().optional().meta({ description: 'Set when the peep mentions more people than one peep may email.' }) })
  .meta({ id: 'PostedPeep' });

export const notificationSettingsBody = settingsSchema.pick({ mentionEmails: true, replyEmails: true });
export const notificationSettingsShape = notificationSettingsBody.required().meta({ id: 'NotificationSettings' });

const limitHeaders = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

/** One button's pair: doing it (POST) and undoing it (DELETE), both harmless to repeat. */
function toggle<P extends z.ZodObject>(
  name: string,
  what: { path: string; params: P; tag: string; summary: string; undo: string; description: string; undoDescription: string; done: z.ZodType | null },
) {
  const done: Record<number, ApiResponse> = what.done
    ? { 200: { description: 'Done; the peep as it is now.', schema: what.done, headers: limitHeaders } }
    : { 204: { description: 'Done.', headers: limitHeaders } };
  const base = { path: what.path, params: what.params, tag: what.tag, auth: 'required', rateLimit: 'interaction' } as const;
  return {
    do: contract({
      ...base,
      method: 'POST',
      operationId: name,
      summary: what.summary,
      description: `${what.description} Doing it again changes nothing. Counts against the interaction limit (100 per 5 minutes), as the web’s buttons do.`,
      responses: done,
    }),
    undo: contract({
      ...base,
      method: 'DELETE',
      operationId: `un${name}`,
      summary: what.undo,
      description: `${what.undoDescription} Undoing what was not done changes nothing.`,
      responses: { 204: { description: 'Undone (or there was nothing to undo).', headers: limitHeaders } },
    }),
  };
}

const repost = toggle('repost', {
  path: '/peeps/{id}/repost',
  params: peepParams,
  tag: 'Peeps',
  summary: 'Repost a peep',
  undo: 'Undo a repost',
  description: 'Shows the peep on your followers’ home timelines and on your profile. A peep whose author blocks you (or you them) is not found.',
  undoDescription: 'Takes the repost off timelines.',
  done: peepShape,
});
const like = toggle('like', {
  path: '/peeps/{id}/like',
  params: peepParams,
  tag: 'Peeps',
  summary: 'Like a peep',
  undo: 'Undo a like',
  description: 'Adds you to the peep’s likes; its author is notified. Refused (403) across a block.',
  undoDescription: 'Takes your like back.',
  done: peepShape,
});
const follow = toggle('follow', {
  path: '/users/{username}/follow',
  params: personParams,
  tag: 'People',
  summary: 'Follow someone',
  undo: 'Unfollow someone',
  description: 'Their peeps and reposts join your home timeline. Refused (403) across a block; yourself and unknown handles are not found.',
  undoDescription: 'Their peeps leave your home timeline.',
  done: null,
});
const mute = toggle('mute', {
  path: '/users/{username}/mute',
  params: personParams,
  tag: 'People',
  summary: 'Mute someone',
  undo: 'Unmute someone',
  description: 'Hides their peeps, reposts and notifications from you, silently: they are not told.',
  undoDescription: 'Shows them to you again.',
  done: null,
});
const block = toggle('block', {
  path: '/users/{username}/block',
  params: personParams,
  tag: 'People',
  summary: 'Block someone',
  undo: 'Unblock someone',
  description: 'Ends the follows between you both and stops either of you following, replying to, liking or reposting the other.',
  undoDescription: 'Follows the block ended stay ended.',
  done: null,
});

export const writingContracts = {
  postPeep: contract({
    method: 'POST',
    path: '/peeps',
    operationId: 'postPeep',
    summary: 'Post a peep, or a reply',
    description:
      'The same rules as the web’s compose box. Send an `Idempotency-Key: <uuid>` header to post safely again after a lost answer: a repeat with the same key and text answers the first peep (200) and writes nothing. Counts against the posting limits (30 per 5 minutes, 300 per 3 hours); a 429 says when to try again. Replying to a deleted peep is 404, across a block 403.',
    tag: 'Peeps',
    auth: 'required',
    selfLimited: true,
    headers: z.object({
      'idempotency-key': z
        .uuid({ error: 'Idempotency-Key must be a UUID, such as crypto.randomUUID() makes.' })
        .optional()
        .meta({ description: 'A UUID the client makes per peep: a repeat with the same key answers the first peep.' }),
    }),
    body: postPeepBody,
    responses: {
      201: { description: 'Posted.', schema: postedPeepShape, headers: limitHeaders },
      200: { description: 'Already posted with this Idempotency-Key: the first peep, nothing written.', schema: postedPeepShape },
    },
  }),
  repost: repost.do,
  unrepost: repost.undo,
  like: like.do,
  unlike: like.undo,
  follow: follow.do,
  unfollow: follow.undo,
  mute: mute.do,
  unmute: mute.undo,
  block: block.do,
  unblock: block.undo,
  getNotificationSettings: contract({
    method: 'GET',
    path: '/settings/notifications',
    operationId: 'getNotificationSettings',
    summary: 'Which emails you get',
    tag: 'Settings',
    auth: 'required',
    responses: { 200: { description: 'Your email settings.', schema: notificationSettingsShape } },
  }),
  changeNotificationSettings: contract({
    method: 'PATCH',
    path: '/settings/notifications',
    operationId: 'changeNotificationSettings',
    summary: 'Change which emails you get',
    description: 'Send any of the fields; those left out stay as they are. Counts against the settings limit (30 per 5 minutes).',
    tag: 'Settings',
    auth: 'required',
    body: notificationSettingsBody,
    rateLimit: 'settings',
    responses: { 200: { description: 'Your email settings now.', schema: notificationSettingsShape, headers: limitHeaders } },
  }),
  markNotificationsRead: contract({
    method: 'POST',
    path: '/notifications/read',
    operationId: 'markNotificationsRead',
    summary: 'Mark notifications read',
    description: 'Up to `upTo` (the newest id you showed), or all of them for `{}`. The mark only moves forward.',
    tag: 'Notifications',
    auth: 'required',
    body: markReadSchema,
    rateLimit: 'notificationsRead',
    responses: { 204: { description: 'Marked.', headers: limitHeaders } },
  }),
};
