import { Body, Container, Head, Hr, Html, Link, Preview, Text } from '@react-email/components';
import { styles } from './_shared/styles';

export type PasswordChangedEmailProps = { recipientName: string; username: string; forgotUrl: string };

/** The notice after any change of password, by reset link or in settings, so a change someone else made is noticed. */
export default function PasswordChangedEmail({ recipientName, username, forgotUrl }: PasswordChangedEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Your Chitter password was changed</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Chitter</Text>
          <Text style={styles.lead}>Hi {recipientName}, the password of your Chitter account @{username} was just changed, and its other sessions were logged out.</Text>
          <Text style={styles.lead}>If you changed it, there is nothing more to do.</Text>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>
            If you didn’t, someone else may know your password: <Link href={forgotUrl}>reset it now</Link>, which logs everyone out.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

PasswordChangedEmail.PreviewProps = { recipientName: 'Bea Chen', username: 'bea', forgotUrl: 'http://localhost:3000/forgot' } satisfies PasswordChangedEmailProps;
