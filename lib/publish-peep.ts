import 'server-only';
import { createPeep } from '@/db/queries/peeps';
import { env } from './env';
import { mentionedHandles } from './mentions';

/**
 * Posts a checked peep body, with its mentions and their emails queued in the same transaction. `mailNotice` tells
 * the author when the peep mentions more people than one peep may email (it never says who gets mail or why).
 */
export async function publishPeep({ authorId, body }: { authorId: number; body: string }) {
  const settings = env();
  const peep = await createPeep({
    authorId,
    body,
    mentionHandles: mentionedHandles(body),
    mail: {
      delaySeconds: settings.MENTION_EMAIL_DELAY,
      perSenderPerHour: settings.MENTION_EMAILS_PER_SENDER_PER_HOUR,
      perRecipientPerDay: settings.MENTION_EMAILS_PER_RECIPIENT_PER_DAY,
      perPeep: settings.MENTION_EMAILS_PER_PEEP,
    },
  });
  return { ...peep, mailNotice: mailCapNotice(peep.mentioned, settings.MENTION_EMAILS_PER_PEEP) };
}

export function mailCapNotice(mentioned: number, perPeep: number): string | undefined {
  if (mentioned <= perPeep) return undefined;
  return `Only the first ${perPeep} of the ${mentioned} people you mentioned can get an email about this peep; the others will see it on Chitter.`;
}
