import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import { styles } from './_shared/styles';

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
    <Html lang="en">
      <Head />
      <Preview>{`${authorName} mentioned you: ${peepBody.slice(0, 90)}`}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Chitter</Text>
          <Text style={styles.lead}>
            Hi {recipientName}, <strong>{authorName}</strong> (@{authorUsername}) mentioned you in a peep:
          </Text>
          <Section style={styles.peep}>
            <Text style={styles.peepAuthor}>
              {authorName} <span style={styles.muted}>@{authorUsername}</span>
            </Text>
            <Text style={styles.peepBody}>{peepBody}</Text>
            <Text style={styles.muted}>{peepTime}</Text>
          </Section>
          <Button href={peepUrl} style={styles.button}>
            Open the peep
          </Button>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>
            You got this email because someone mentioned you on Chitter and mention emails are on in your{' '}
            <Link href={settingsUrl}>settings</Link>. <Link href={unsubscribeUrl}>Unsubscribe from mention emails</Link> with one click.
          </Text>
        </Container>
      </Body>
    </Html>
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
