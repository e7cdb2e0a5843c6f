import 'server-only';
import { render, toPlainText } from '@react-email/render';
import AddressInUseEmail from '@/emails/address-in-use-email';
import EmailChangedEmail from '@/emails/email-changed-email';
import VerifyEmail from '@/emails/verify-email';
import VerifyNewEmail from '@/emails/verify-new-email';
import { undoUrl, verificationUrl } from '../email-verification';
import { env } from '../env';
import { UNDO_TTL_HOURS, VERIFICATION_TTL_HOURS } from '../verification-token';

type Recipient = { id: number; email: string; name: string; username: string };

export function envelope(kind: string, outboxId: number, to: string, subject: string, html: string) {
  const { APP_URL, MAIL_FROM } = env();
  return {
    from: MAIL_FROM,
    to,
    subject,
    html,
    text: toPlainText(html),
    messageId: `<${kind}-${outboxId}@${new URL(APP_URL).hostname}>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** The verification link for one outbox row; its Message-ID comes from the row, so a retry is recognisable. */
export async function buildVerifyMessage({ outboxId, recipient, seed }: { outboxId: number; recipient: Recipient; seed: string }) {
  const html = await render(
    <VerifyEmail recipientName={recipient.name} username={recipient.username} verifyUrl={verificationUrl(env().APP_URL, seed)} hoursValid={VERIFICATION_TTL_HOURS} />,
  );
  return envelope('verify', outboxId, recipient.email, 'Confirm your email address for Chitter', html);
}

/** The notice an address's proven owner gets when someone else signs up with it: never a link. */
export async function buildAddressInUseMessage({ outboxId, recipient }: { outboxId: number; recipient: Recipient }) {
  const base = env().APP_URL.replace(/\/+$/, '');
  const html = await render(<AddressInUseEmail recipientName={recipient.name} username={recipient.username} logInUrl={`${base}/login`} />);
  return envelope('address-in-use', outboxId, recipient.email, 'Someone tried to sign up to Chitter with your address', html);
}

/** The link for an address a person asked to change to; `recipient.email` is that new address. */
export async function buildNewAddressMessage({ outboxId, recipient, seed }: { outboxId: number; recipient: Recipient; seed: string }) {
  const html = await render(
    <VerifyNewEmail recipientName={recipient.name} username={recipient.username} verifyUrl={verificationUrl(env().APP_URL, seed)} hoursValid={VERIFICATION_TTL_HOURS} />,
  );
  return envelope('verify-new', outboxId, recipient.email, 'Confirm your new email address for Chitter', html);
}

/** The notice to the address a change replaced (`recipient.email`), with its undo link. */
export async function buildEmailChangedMessage({ outboxId, recipient, seed, newEmail }: { outboxId: number; recipient: Recipient; seed: string; newEmail: string }) {
  const html = await render(
    <EmailChangedEmail recipientName={recipient.name} username={recipient.username} newEmail={newEmail} undoUrl={undoUrl(env().APP_URL, seed)} daysValid={UNDO_TTL_HOURS / 24} />,
  );
  return envelope('email-changed', outboxId, recipient.email, 'Your Chitter email address was changed', html);
}
