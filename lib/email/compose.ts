import 'server-only';
import { loadVerificationEmail } from '@/db/queries/email-verifications';
import { loadDigestItems, loadPeepEmail, loadRecipient, type ClaimedEmail } from '@/db/queries/outbox';
import { buildAddressInUseMessage, buildEmailChangedMessage, buildNewAddressMessage, buildVerifyMessage } from './account-messages';
import { buildDigestMessage } from './digest-message';
import { buildMentionMessage, buildReplyMessage } from './mention-message';
import { loadResetEmail } from '@/db/queries/passwords';
import { buildPasswordChangedMessage, buildPasswordResetMessage } from './password-messages';
import type { SendMail } from './transport';

export type Composed = { cancel: string; items?: number[] } | { message: Parameters<SendMail>[0]; items?: number[] };

const DIGEST_LISTS_AT_MOST = 50;

/**
 * Reads what one claimed outbox row needs at send time and writes the message, or says why nothing should go:
 * everything is checked again here, since the person may have unsubscribed, lost or never proven their address,
 * or the peep or link may be gone.
 */
export async function composeEmail(row: ClaimedEmail): Promise<Composed> {
  switch (row.kind) {
    case 'mention':
    case 'reply': {
      const { recipient, peep } = await loadPeepEmail(row);
      if (!recipient || !peep) return { cancel: 'peep deleted' };
      if (!(row.kind === 'mention' ? recipient.mentionEmails : recipient.replyEmails)) return { cancel: 'unsubscribed' };
      if (!recipient.verified) return { cancel: 'address not verified' };
      if (peep.authorHidden) return { cancel: 'author muted or blocked' };
      const build = row.kind === 'mention' ? buildMentionMessage : buildReplyMessage;
      return { message: await build({ outboxId: row.id, recipient, peep }) };
    }
    case 'mention_digest': {
      const recipient = await loadRecipient(row);
      const { heldIds, peeps, notListed } = await loadDigestItems({ recipientId: row.recipientId, limit: DIGEST_LISTS_AT_MOST });
      if (!recipient?.mentionEmails) return { cancel: 'unsubscribed', items: heldIds };
      if (!recipient.verified) return { cancel: 'address not verified', items: heldIds };
      if (peeps.length === 0) return { cancel: 'nothing to send', items: heldIds };
      return { message: await buildDigestMessage({ outboxId: row.id, recipient, peeps, notListed }), items: heldIds };
    }
    case 'verify_email': {
      const link = row.verificationId === null ? null : await loadVerificationEmail({ verificationId: row.verificationId });
      if (!link) return { cancel: 'verification gone' };
      // An address proven meanwhile (by this account or another) gets no further link.
      if (link.state !== 'ready') return { cancel: `link ${link.state}` };
      return { message: await buildVerifyMessage({ outboxId: row.id, recipient: link.recipient, seed: link.seed }) };
    }
    case 'address_in_use': {
      const recipient = await loadRecipient(row);
      if (!recipient?.verified) return { cancel: 'address not verified' };
      return { message: await buildAddressInUseMessage({ outboxId: row.id, recipient }) };
    }
    case 'password_reset': {
      const link = row.passwordResetId === null ? null : await loadResetEmail({ passwordResetId: row.passwordResetId });
      if (!link) return { cancel: 'reset link gone' };
      if (!link.verified) return { cancel: 'address not verified' };
      // A link used up (by a change of password) or expired before it could go is not worth sending.
      if (link.state !== 'ready') return { cancel: `link ${link.state}` };
      return { message: await buildPasswordResetMessage({ outboxId: row.id, recipient: link.recipient, seed: link.seed }) };
    }
    case 'password_changed': {
      const recipient = await loadRecipient(row);
      if (!recipient?.verified) return { cancel: 'address not verified' };
      return { message: await buildPasswordChangedMessage({ outboxId: row.id, recipient }) };
    }
    // Both go to the address their link names, not the account's: the new address being proven, or the one replaced.
    case 'verify_new_email':
    case 'email_changed': {
      const link = row.verificationId === null ? null : await loadVerificationEmail({ verificationId: row.verificationId });
      if (!link) return { cancel: 'verification gone' };
      if (link.state !== 'ready') return { cancel: `link ${link.state}` };
      return row.kind === 'verify_new_email'
        ? { message: await buildNewAddressMessage({ outboxId: row.id, recipient: link.recipient, seed: link.seed }) }
        : { message: await buildEmailChangedMessage({ outboxId: row.id, recipient: link.recipient, seed: link.seed, newEmail: link.currentEmail }) };
    }
  }
}
