import { randomUUID } from 'node:crypto';
import { getViewer } from '@/auth/current-user';
import { ComposeForm, type ReplyTarget } from './compose-form';

/**
 * The compose box, or with `replyTo` the box that answers one peep. Its idempotency key is made here, so a form posted without JavaScript carries one too; in the
 * browser, a kept draft brings back its own. `name` is left out when the session cannot be checked (a database
 * outage): the box still keeps what was typed.
 */
export async function ComposeBox({ name, returnTo, replyTo, autoFocus }: { name?: string; returnTo: string; replyTo?: ReplyTarget; autoFocus?: boolean }) {
  const viewer = await getViewer();
  return (
    <ComposeForm name={name} handle={viewer.kind === 'user' ? viewer.user.username : undefined} returnTo={returnTo} freshKey={randomUUID()} replyTo={replyTo} autoFocus={autoFocus} />
  );
}
