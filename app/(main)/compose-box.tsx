import { randomUUID } from 'node:crypto';
import { getViewer } from '@/auth/current-user';
import { ComposeForm } from './compose-form';

/**
 * The compose box. Its idempotency key is made here, so a form posted without JavaScript carries one too; in the
 * browser, a kept draft brings back its own. `name` is left out when the session cannot be checked (a database
 * outage): the box still keeps what was typed.
 */
export async function ComposeBox({ name, returnTo }: { name?: string; returnTo: string }) {
  const viewer = await getViewer();
  return <ComposeForm name={name} handle={viewer.kind === 'user' ? viewer.user.username : undefined} returnTo={returnTo} freshKey={randomUUID()} />;
}
