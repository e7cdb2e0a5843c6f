import { Body, Button, Container, Head, Hr, Html, Link, Preview, Text } from '@react-email/components';
import { styles } from './_shared/styles';

export type VerifyNewEmailProps = { recipientName: string; username: string; verifyUrl: string; hoursValid: number };

/** Sent to the address a person asked to change to: it takes over only once this link is followed. */
export default function VerifyNewEmail({ recipientName, username, verifyUrl, hoursValid }: VerifyNewEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Confirm your new email address for Chitter</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Chitter</Text>
          <Text style={styles.lead}>
            Hi {recipientName}, you asked to use this email address for @{username} on Chitter. Confirm it, and it replaces your old address; until you
            do, we keep using the old one.
          </Text>
          <Button href={verifyUrl} style={styles.button}>
            Confirm my new address
          </Button>
          <Text style={styles.muted}>
            Or open this link: <Link href={verifyUrl}>{verifyUrl}</Link>
          </Text>
          <Text style={styles.muted}>The link works once, for {hoursValid} hours.</Text>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>If you didn’t ask for this, ignore this email: without the link nothing changes.</Text>
        </Container>
      </Body>
    </Html>
  );
}

VerifyNewEmail.PreviewProps = {
  recipientName: 'Bea Chen',
  username: 'bea',
  verifyUrl: 'http://localhost:3000/verify/preview-token',
  hoursValid: 24,
} satisfies VerifyNewEmailProps;
