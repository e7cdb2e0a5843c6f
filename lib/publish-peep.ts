import 'server-only';
import { createPeepWithinLimits, type ReplyRefusal } from '@/db/queries/peeps';
import { env } from './env';
import { mentionedHandles } from './mentions';
import { livePagesChanged } from './page-version';
import { waitMessage, writeState, writeVerdict, writeWindows, type LimitState } from './rate-limit';

/**
 * Posts a checked peep body, counted against its author's posting limits in the same write, with its mentions and
 * their emails queued in the same transaction. Over a limit nothing is written and the answer says how long to wait.
 * `mailNotice` tells the author when the peep mentions more people than one peep may email (it never says who gets
 * mail or why). With a `clientKey` (the compose form's), posting again with it answers as the first post did and
 * writes nothing: `repeated` says so.
 */
export async function publishPeep(peep: { authorId: number; body: string; clientKey?: string }): Promise<OverLimit | Published> {
  const published = await publish(peep);
  // Only a reply can be refused.
  if ('refused' in published) throw new Error('a peep that answers none was refused');
  return published;
}

/**
 * publishPeep for a reply to `replyToId`: `refused` when that peep is gone (or never was) or when its author and the
 * replier block one another, and then nothing is written. The answered peep's author gets a reply mail, within the same
 * caps as mention mail.
 */
export function publishReply(reply: { authorId: number; body: string; clientKey?: string; replyToId: number }) {
  return publish(reply);
}

/** Posted (or found posted under the same key); `limit` is where the author stands after a post that was counted. */
type Published = { limited: false; id: number; repeated: boolean; mailNotice?: string; limit: LimitState | null };
type OverLimit = { limited: true; retryAfterSeconds: number; limit: LimitState };

/** Why a reply was refused, as a status and what the person is told. */
export const REPLY_REFUSED = {
  missing: [404, 'The peep you’re replying to was deleted, so your reply wasn’t posted.'],
  blocked: [403, 'You can’t reply to this peep: one of you has blocked the other.'],
} as const;

export const peepLimitMessage = (retryAfterSeconds: number) => `You’ve peeped a lot lately. ${waitMessage(retryAfterSeconds)}`;

async function publish({ authorId, body, clientKey, replyToId }: { authorId: number; body: string; clientKey?: string; replyToId?: number }): Promise<
  OverLimit | { limited: false; refused: ReplyRefusal } | Published
> {
  const settings = env();
  const write = await createPeepWithinLimits({
    authorId,
    body,
    clientKey,
    replyToId,
    mentionHandles: mentionedHandles(body),
    mail: {
      delaySeconds: settings.MENTION_EMAIL_DELAY,
      perSenderPerHour: settings.MENTION_EMAILS_PER_SENDER_PER_HOUR,
      perRecipientPerDay: settings.MENTION_EMAILS_PER_RECIPIENT_PER_DAY,
      perPeep: settings.MENTION_EMAILS_PER_PEEP,
    },
    limits: writeWindows('peep', authorId),
  });
  if (write.outcome === 'limited') {
    const verdict = writeVerdict('peep', write.counted);
    const limit = writeState('peep', write.counted);
    // Not written, so some window is over; should the clock have turned a window over meanwhile, ask for a second.
    return { limited: true, retryAfterSeconds: verdict.limited ? verdict.retryAfterSeconds : 1, limit: { ...limit, remaining: 0 } };
  }
  if (write.outcome === 'refused') return { limited: false, refused: write.reason };
  const { peep } = write;
  livePagesChanged();
  return {
    limited: false,
    id: peep.id,
    repeated: write.outcome === 'repeated',
    mailNotice: mailCapNotice(peep.mentioned, settings.MENTION_EMAILS_PER_PEEP),
    limit: write.outcome === 'written' ? writeState('peep', write.counted) : null,
  };
}

export function mailCapNotice(mentioned: number, perPeep: number): string | undefined {
  if (mentioned <= perPeep) return undefined;
  return `Only the first ${perPeep} of the ${mentioned} people you mentioned can get an email about this peep; the others will see it on Chitter.`;
}
