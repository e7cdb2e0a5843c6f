import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { MentionEmailProps } from './mention-email';
import { styles } from './_shared/styles';

export type ReplyEmailProps = MentionEmailProps;

/** The email a person gets when someone replies to their peep. Every value is text; React escapes it. */
export default function ReplyEmail({ recipientName, authorName, authorUsername, peepBody, peepTime, peepUrl, settingsUrl, unsubscribeUrl }: ReplyEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${authorName} replied: ${peepBody.slice(0, 90)}`}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Chitter</Text>
          <Text style={styles.lead}>
            Hi {recipientName}, <strong>{authorName}</strong> (@{authorUsername}) replied to your peep:
          </Text>
          <Section style={styles.peep}>
            <Text style={styles.peepAuthor}>
              {authorName} <span style={styles.muted}>@{authorUsername}</span>
            </Text>
            <Text style={styles.peepBody}>{peepBody}</Text>
            <Text style={styles.muted}>{peepTime}</Text>
          </Section>
          <Button href={peepUrl} style={styles.button}>
            Open the conversation
          </Button>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>
            You got this email because someone replied to your peep and reply emails are on in your <Link href={settingsUrl}>settings</Link>.{' '}
            <Link href={unsubscribeUrl}>Unsubscribe from reply emails</Link> with one click.
          </Text>
        </Container>
      </Body>
    </Html>
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
