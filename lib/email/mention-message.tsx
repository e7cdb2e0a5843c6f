import 'server-only';
import { render, toPlainText } from '@react-email/render';
import MentionEmail from '@/emails/mention-email';
import { env } from '../env';
import { formatFullTime } from '../time';
import { signUnsubscribeToken } from '../unsubscribe-token';

type Input = {
  outboxId: number;
  recipient: { id: number; email: string; name: string };
  peep: { id: number; body: string; createdAt: Date; authorName: string; authorUsername: string };
};

/** The whole message for one outbox row; the same row always yields the same Message-ID, so a retry is recognisable. */
export async function buildMentionMessage({ outboxId, recipient, peep }: Input) {
  const { APP_URL, MAIL_FROM } = env();
  const base = APP_URL.replace(/\/+$/, '');
  const token = signUnsubscribeToken(recipient.id, 'mention');
  const unsubscribeUrl = `${base}/unsubscribe/${token}`;
  const html = await render(
    <MentionEmail
      recipientName={recipient.name}
      authorName={peep.authorName}
      authorUsername={peep.authorUsername}
      peepBody={peep.body}
      peepTime={formatFullTime(peep.createdAt, 'UTC')}
      peepUrl={`${base}/p/${peep.id}`}
      settingsUrl={`${base}/settings`}
      unsubscribeUrl={unsubscribeUrl}
    />,
  );
  return {
    from: MAIL_FROM,
    to: recipient.email,
    subject: `${peep.authorName} (@${peep.authorUsername}) mentioned you on Chitter`,
    html,
    text: toPlainText(html),
    messageId: `<mention-${outboxId}@${new URL(base).hostname}>`,
    headers: {
      'List-Unsubscribe': `<${base}/api/unsubscribe/${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
  };
}
