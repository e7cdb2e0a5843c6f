import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import { styles } from './_shared/styles';

export type DigestPeep = { authorName: string; authorUsername: string; peepBody: string; peepTime: string; peepUrl: string };

export type MentionDigestEmailProps = { recipientName: string; peeps: DigestPeep[]; notListed: number; mentionsUrl: string; settingsUrl: string; unsubscribeUrl: string };

/** One mail a day listing the mentions that were held back by the mail caps. Every value is text; React escapes it. */
export default function MentionDigestEmail({ recipientName, peeps, notListed, mentionsUrl, settingsUrl, unsubscribeUrl }: MentionDigestEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`You were mentioned in ${peeps.length + notListed} peeps on Chitter`}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Chitter</Text>
          <Text style={styles.lead}>
            Hi {recipientName}, here are the mentions we didn’t email you about one by one, so your inbox stays yours:
          </Text>
          {peeps.map((peep) => (
            <Section key={peep.peepUrl} style={styles.peep}>
              <Text style={styles.peepAuthor}>
                {peep.authorName} <span style={styles.muted}>@{peep.authorUsername}</span>
              </Text>
              <Text style={styles.peepBody}>{peep.peepBody}</Text>
              <Text style={styles.muted}>
                {peep.peepTime} · <Link href={peep.peepUrl}>Open the peep</Link>
              </Text>
            </Section>
          ))}
          {notListed > 0 && <Text style={styles.lead}>…and {notListed} more on Chitter.</Text>}
          <Button href={mentionsUrl} style={styles.button}>
            Open Chitter
          </Button>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>
            You got this digest because mention emails are on in your <Link href={settingsUrl}>settings</Link>.{' '}
            <Link href={unsubscribeUrl}>Unsubscribe from mention emails</Link> with one click.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

MentionDigestEmail.PreviewProps = {
  recipientName: 'Bea Chen',
  peeps: [
    { authorName: 'Sam Morgan', authorUsername: 'sjmog', peepBody: 'Hey @bea, lunch on Friday?', peepTime: 'Nov 21, 2026, 12:03 PM UTC', peepUrl: 'http://localhost:3000/p/1' },
    { authorName: 'Kim Lee', authorUsername: 'kim', peepBody: '@bea @sam @al @jo @ty @mo the plan is on', peepTime: 'Nov 21, 2026, 1:10 PM UTC', peepUrl: 'http://localhost:3000/p/2' },
  ],
  notListed: 0,
  mentionsUrl: 'http://localhost:3000/',
  settingsUrl: 'http://localhost:3000/settings',
  unsubscribeUrl: 'http://localhost:3000/unsubscribe/preview-token',
} satisfies MentionDigestEmailProps;
