import { Link } from '@react-email/components';
import { PeepEmail } from './_shared/peep-email';

export type MentionEmailProps = {
  recipientName: string;
  authorName: string;
  authorUsername: string;
  peepBody: string;
  peepTime: string;
  peepUrl: string;
  settingsUrl: string;
  unsubscribeUrl: string;
};

/** The email a person gets when a peep @mentions them. Every value is text; React escapes it. */
export default function MentionEmail({ recipientName, authorName, authorUsername, peepBody, peepTime, peepUrl, settingsUrl, unsubscribeUrl }: MentionEmailProps) {
  return (
    <PeepEmail
      preview={`${authorName} mentioned you: ${peepBody.slice(0, 90)}`}
      lead={
        <>
          Hi {recipientName}, <strong>{authorName}</strong> (@{authorUsername}) mentioned you in a peep:
        </>
      }
      {...{ authorName, authorUsername, peepBody, peepTime, peepUrl }}
      button="Open the peep"
      footer={
        <>
          You got this email because someone mentioned you on Chitter and mention emails are on in your <Link href={settingsUrl}>settings</Link>.{' '}
          <Link href={unsubscribeUrl}>Unsubscribe from mention emails</Link> with one click.
        </>
      }
    />
  );
}

MentionEmail.PreviewProps = {
  recipientName: 'Bea Chen',
  authorName: 'Sam Morgan',
  authorUsername: 'sjmog',
  peepBody: 'Hey @bea, lunch on Friday? <b>bring</b> the "good" snacks & stories\nSecond line.',
  peepTime: 'Nov 21, 2026, 12:03 PM UTC',
  peepUrl: 'http://localhost:3000/p/1',
  settingsUrl: 'http://localhost:3000/settings',
  unsubscribeUrl: 'http://localhost:3000/unsubscribe/preview-token',
} satisfies MentionEmailProps;
