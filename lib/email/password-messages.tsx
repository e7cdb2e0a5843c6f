import 'server-only';
import { render } from '@react-email/render';
import PasswordChangedEmail from '@/emails/password-changed-email';
import PasswordResetEmail from '@/emails/password-reset-email';
import { env } from '../env';
import { RESET_TTL_MINUTES, resetUrl } from '../password-reset-token';
import { envelope } from './account-messages';

type Recipient = { id: number; email: string; name: string; username: string };

/** The reset link for one outbox row, written from the row's seed at send time. */
export async function buildPasswordResetMessage({ outboxId, recipient, seed }: { outboxId: number; recipient: Recipient; seed: string }) {
  const html = await render(<PasswordResetEmail recipientName={recipient.name} username={recipient.username} resetUrl={resetUrl(env().APP_URL, seed)} minutesValid={RESET_TTL_MINUTES} />);
  return envelope('password-reset', outboxId, recipient.email, 'Reset your Chitter password', html);
}

export async function buildPasswordChangedMessage({ outboxId, recipient }: { outboxId: number; recipient: Recipient }) {
  const base = env().APP_URL.replace(/\/+$/, '');
  const html = await render(<PasswordChangedEmail recipientName={recipient.name} username={recipient.username} forgotUrl={`${base}/forgot`} />);
  return envelope('password-changed', outboxId, recipient.email, 'Your Chitter password was changed', html);
}
