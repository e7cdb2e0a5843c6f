import { Body, Button, Container, Head, Hr, Html, Link, Preview, Text } from '@react-email/components';
import { styles } from './_shared/styles';

export type VerifyEmailProps = { recipientName: string; username: string; verifyUrl: string; hoursValid: number };

/** The link that proves an address belongs to the account that gave it; until it is followed Chitter mails nothing else. */
export default function VerifyEmail({ recipientName, username, verifyUrl, hoursValid }: VerifyEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Confirm your email address for Chitter</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Chitter</Text>
          <Text style={styles.lead}>
            Hi {recipientName}, please confirm that this is your email address for @{username} on Chitter. Until you do, we won’t email you about
            anything else, such as mentions.
          </Text>
          <Button href={verifyUrl} style={styles.button}>
            Confirm my address
          </Button>
          <Text style={styles.muted}>
            Or open this link: <Link href={verifyUrl}>{verifyUrl}</Link>
          </Text>
          <Text style={styles.muted}>The link works once, for {hoursValid} hours.</Text>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>If you didn’t sign up for Chitter, ignore this email: without the link nobody can use your address with us.</Text>
        </Container>
      </Body>
    </Html>
  );
}

VerifyEmail.PreviewProps = {
  recipientName: 'Bea Chen',
  username: 'bea',
  verifyUrl: 'http://localhost:3000/verify/preview-token',
  hoursValid: 24,
} satisfies VerifyEmailProps;
