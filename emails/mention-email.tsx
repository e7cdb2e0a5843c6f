import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';

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

const styles = {
  body: { backgroundColor: '#f6f7f9', fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', border: '1px solid #dfe3e8', borderRadius: '12px', maxWidth: '520px', padding: '24px' },
  brand: { color: '#1d6fd6', fontSize: '22px', fontWeight: 800, margin: '0 0 12px' },
  lead: { color: '#14171a', fontSize: '16px', lineHeight: '24px' },
  peep: { border: '1px solid #dfe3e8', borderRadius: '10px', padding: '4px 16px', margin: '8px 0 20px' },
  peepAuthor: { color: '#14171a', fontWeight: 700, margin: '12px 0 0' },
  peepBody: { color: '#14171a', fontSize: '16px', lineHeight: '24px', whiteSpace: 'pre-wrap' as const, margin: '4px 0' },
  muted: { color: '#536471', fontSize: '14px', fontWeight: 400 },
  button: { backgroundColor: '#1d6fd6', borderRadius: '999px', color: '#ffffff', fontWeight: 700, padding: '10px 20px', textDecoration: 'none' },
  hr: { borderColor: '#dfe3e8', margin: '24px 0 12px' },
  footer: { color: '#536471', fontSize: '13px', lineHeight: '20px' },
};
