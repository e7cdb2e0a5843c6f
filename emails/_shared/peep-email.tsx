import { Body, Button, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import { styles } from './styles';

type Props = { preview: string; lead: ReactNode; authorName: string; authorUsername: string; peepBody: string; peepTime: string; peepUrl: string; button: string; footer: ReactNode };

/** The layout of an email about one peep (a mention, a reply): a line saying why, the peep, a button to it, a footer. */
export function PeepEmail({ preview, lead, authorName, authorUsername, peepBody, peepTime, peepUrl, button, footer }: Props) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Chitter</Text>
          <Text style={styles.lead}>{lead}</Text>
          <Section style={styles.peep}>
            <Text style={styles.peepAuthor}>
              {authorName} <span style={styles.muted}>@{authorUsername}</span>
            </Text>
            <Text style={styles.peepBody}>{peepBody}</Text>
            <Text style={styles.muted}>{peepTime}</Text>
          </Section>
          <Button href={peepUrl} style={styles.button}>
            {button}
          </Button>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}
