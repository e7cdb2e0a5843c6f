import { Link } from '@react-email/components';
import type { MentionEmailProps } from './mention-email';
import { PeepEmail } from './_shared/peep-email';

export type ReplyEmailProps = MentionEmailProps;

/** The email a person gets when someone replies to their peep. Every value is text; React escapes it. */
export default function ReplyEmail({ recipientName, authorName, authorUsername, peepBody, peepTime, peepUrl, settingsUrl, unsubscribeUrl }: ReplyEmailProps) {
  return (
    <PeepEmail
      preview={`${authorName} replied: ${peepBody.slice(0, 90)}`}
      lead={
        <>
          Hi {recipientName}, <strong>{authorName}</strong> (@{authorUsername}) replied to your peep:
        </>
      }
      {...{ authorName, authorUsername, peepBody, peepTime, peepUrl }}
      button="Open the conversation"
      footer={
        <>
          You got this email because someone replied to your peep and reply emails are on in your <Link href={settingsUrl}>settings</Link>.{' '}
          <Link href={unsubscribeUrl}>Unsubscribe from reply emails</Link> with one click.
        </>
      }
    />
  );
}

ReplyEmail.PreviewProps = {
  recipientName: 'Bea Chen',
  authorName: 'Sam Morgan',
  authorUsername: 'sjmog',
  peepBody: '@bea Friday works! <b>I’ll</b> bring the "good" snacks & stories',
  peepTime: 'Nov 21, 2026, 12:05 PM UTC',
  peepUrl: 'http://localhost:3000/p/2',
  settingsUrl: 'http://localhost:3000/settings',
  unsubscribeUrl: 'http://localhost:3000/unsubscribe/preview-token',
} satisfies ReplyEmailProps;
