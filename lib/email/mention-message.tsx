import 'server-only';
import { render, toPlainText } from '@react-email/render';
import MentionEmail from '@/emails/mention-email';
import ReplyEmail from '@/emails/reply-email';
import { env } from '../env';
import { formatFullTime } from '../time';
import { signUnsubscribeToken, type EmailKind } from '../unsubscribe-token';

type Input = {
  outboxId: number;
  recipient: { id: number; email: string; name: string };
  peep: { id: number; body: string; createdAt: Date; authorName: string; authorUsername: string };
};

const TEMPLATES = { mention: MentionEmail, reply: ReplyEmail };
const SUBJECTS = { mention: 'mentioned you on Chitter', reply: 'replied to your peep on Chitter' };

/**
 * The whole message about one peep (a mention, or a reply to the recipient's peep) for one outbox row; the same row
 * always yields the same Message-ID, so a retry is recognisable. Its unsubscribe link turns off that kind only.
 */
async function buildPeepMessage(kind: EmailKind, { outboxId, recipient, peep }: Input) {
  const { APP_URL, MAIL_FROM } = env();
  const base = APP_URL.replace(/\/+$/, '');
  const token = signUnsubscribeToken(recipient.id, kind);
  const unsubscribeUrl = `${base}/unsubscribe/${token}`;
  const Template = TEMPLATES[kind];
  const html = await render(
    <Template
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
    subject: `${peep.authorName} (@${peep.authorUsername}) ${SUBJECTS[kind]}`,
    html,
    text: toPlainText(html),
    messageId: `<${kind}-${outboxId}@${new URL(base).hostname}>`,
    headers: {
      'List-Unsubscribe': `<${base}/api/unsubscribe/${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
  };
}

export const buildMentionMessage = (input: Input) => buildPeepMessage('mention', input);
export const buildReplyMessage = (input: Input) => buildPeepMessage('reply', input);
