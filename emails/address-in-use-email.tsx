import { Body, Container, Head, Hr, Html, Link, Preview, Text } from '@react-email/components';
import { styles } from './_shared/styles';

export type AddressInUseEmailProps = { recipientName: string; username: string; logInUrl: string };

/** Sent instead of a verification link when someone signs up with an address another account has already proven. */
export default function AddressInUseEmail({ recipientName, username, logInUrl }: AddressInUseEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Someone tried to sign up to Chitter with your address</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Chitter</Text>
          <Text style={styles.lead}>Hi {recipientName}, someone just tried to sign up to Chitter with this email address, which already belongs to your account @{username}.</Text>
          <Text style={styles.lead}>
            If it was you, you already have an account: <Link href={logInUrl}>log in</Link> with this address or with @{username}.
          </Text>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>If it wasn’t you, you don’t need to do anything: the new account can’t use your address, and we send it nothing.</Text>
        </Container>
      </Body>
    </Html>
  );
}

AddressInUseEmail.PreviewProps = { recipientName: 'Bea Chen', username: 'bea', logInUrl: 'http://localhost:3000/login' } satisfies AddressInUseEmailProps;
