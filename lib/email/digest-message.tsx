import 'server-only';
import { render, toPlainText } from '@react-email/render';
import MentionDigestEmail from '@/emails/mention-digest-email';
import { env } from '../env';
import { formatFullTime } from '../time';
import { signUnsubscribeToken } from '../unsubscribe-token';

type Input = {
  outboxId: number;
  recipient: { id: number; email: string; name: string };
  peeps: { id: number; body: string; createdAt: Date; authorName: string; authorUsername: string }[];
  notListed: number;
};

/** The day's digest of held-back mentions; the subject names the senders by handle (ASCII), as a mention mail does. */
export async function buildDigestMessage({ outboxId, recipient, peeps, notListed }: Input) {
  const { APP_URL, MAIL_FROM } = env();
  const base = APP_URL.replace(/\/+$/, '');
  const token = signUnsubscribeToken(recipient.id, 'mention');
  const html = await render(
    <MentionDigestEmail
      recipientName={recipient.name}
      peeps={peeps.map((p) => ({
        authorName: p.authorName,
        authorUsername: p.authorUsername,
        peepBody: p.body,
        peepTime: formatFullTime(p.createdAt, 'UTC'),
        peepUrl: `${base}/p/${p.id}`,
      }))}
      notListed={notListed}
      mentionsUrl={`${base}/`}
      settingsUrl={`${base}/settings`}
      unsubscribeUrl={`${base}/unsubscribe/${token}`}
    />,
  );
  const handles = [...new Set(peeps.map((p) => `@${p.authorUsername}`))];
  const total = peeps.length + notListed;
  const from = handles.length <= 3 ? handles.join(', ') : `${handles.slice(0, 3).join(', ')} and others`;
  return {
    from: MAIL_FROM,
    to: recipient.email,
    subject: `You were mentioned in ${total} peep${total === 1 ? '' : 's'} on Chitter, by ${from}`,
    html,
    text: toPlainText(html),
    messageId: `<mention-digest-${outboxId}@${new URL(base).hostname}>`,
    headers: {
      'List-Unsubscribe': `<${base}/api/unsubscribe/${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
  };
}
