import { Body, Button, Container, Head, Hr, Html, Link, Preview, Text } from '@react-email/components';
import { styles } from './_shared/styles';

export type EmailChangedEmailProps = { recipientName: string; username: string; newEmail: string; undoUrl: string; daysValid: number };

/** Sent to the address a change replaced, with the one way to take it back if the change was not the owner's. */
export default function EmailChangedEmail({ recipientName, username, newEmail, undoUrl, daysValid }: EmailChangedEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Your Chitter email address was changed</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Chitter</Text>
          <Text style={styles.lead}>
            Hi {recipientName}, the email address of @{username} on Chitter was just changed from this address to {newEmail}. We won’t email you here
            any more.
          </Text>
          <Text style={styles.lead}>If it was you, there is nothing to do. If it wasn’t, put this address back: that also logs out everyone using the account.</Text>
          <Button href={undoUrl} style={styles.button}>
            Put my address back
          </Button>
          <Text style={styles.muted}>
            Or open this link: <Link href={undoUrl}>{undoUrl}</Link>
          </Text>
          <Text style={styles.muted}>The link works once, for {daysValid} days.</Text>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>After putting it back, choose a new password: whoever changed your address may know the old one.</Text>
        </Container>
      </Body>
    </Html>
  );
}

EmailChangedEmail.PreviewProps = {
  recipientName: 'Bea Chen',
  username: 'bea',
  newEmail: 'bea.new@example.com',
  undoUrl: 'http://localhost:3000/undo-email/preview-token',
  daysValid: 7,
} satisfies EmailChangedEmailProps;
