import 'server-only';
import { createPeep } from '@/db/queries/peeps';
import { env } from './env';
import { mentionedHandles } from './mentions';

/** Posts a checked peep body, with its mentions and their emails queued in the same transaction. */
export function publishPeep({ authorId, body }: { authorId: number; body: string }) {
  const { MENTION_EMAIL_DELAY, MENTION_EMAILS_PER_SENDER_PER_HOUR } = env();
  return createPeep({
    authorId,
    body,
    mentionHandles: mentionedHandles(body),
    mail: { delaySeconds: MENTION_EMAIL_DELAY, perSenderPerHour: MENTION_EMAILS_PER_SENDER_PER_HOUR },
  });
}
