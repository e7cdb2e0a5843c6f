import { findEmailSettings } from '@/db/queries/users';
import { writingContracts } from '@/lib/api/contracts/writing';
import { endpoint, json, notFound } from '@/lib/api/endpoint';
import { changeSettings } from '@/lib/interactions';
import type { LimitState } from '@/lib/rate-limit';

async function answer(userId: number, limit: LimitState | null = null): Promise<Response> {
  const settings = await findEmailSettings({ userId });
  // The account was deleted while the token was in use.
  if (!settings) throw notFound('There is no such account.');
  return json(200, { mentionEmails: settings.mentionEmails, replyEmails: settings.replyEmails }, { limit });
}

export const GET = endpoint(writingContracts.getNotificationSettings, ({ user }) => answer(user.id));

export const PATCH = endpoint(writingContracts.changeNotificationSettings, async ({ user, body, limit }) => {
  await changeSettings({ userId: user.id, ...body });
  return answer(user.id, limit);
});
