import { Body, Button, Container, Head, Hr, Html, Link, Preview, Text } from '@react-email/components';
import { styles } from './_shared/styles';

export type PasswordResetEmailProps = { recipientName: string; username: string; resetUrl: string; minutesValid: number };

/** The link that sets a new password, sent only to a proven address. */
export default function PasswordResetEmail({ recipientName, username, resetUrl, minutesValid }: PasswordResetEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Reset your Chitter password</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Chitter</Text>
          <Text style={styles.lead}>Hi {recipientName}, someone asked to reset the password of your Chitter account @{username}. If it was you, choose a new password here:</Text>
          <Button href={resetUrl} style={styles.button}>
            Choose a new password
          </Button>
          <Text style={styles.muted}>
            Or open this link: <Link href={resetUrl}>{resetUrl}</Link>
          </Text>
          <Text style={styles.muted}>The link works once, for {minutesValid} minutes. Setting a new password logs you out everywhere.</Text>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>If you didn’t ask, ignore this email: your password stays as it is, and the link expires on its own.</Text>
        </Container>
      </Body>
    </Html>
  );
}

PasswordResetEmail.PreviewProps = {
  recipientName: 'Bea Chen',
  username: 'bea',
  resetUrl: 'http://localhost:3000/reset/preview-token',
  minutesValid: 30,
} satisfies PasswordResetEmailProps;
