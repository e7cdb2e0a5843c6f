import 'server-only';
import { cache } from 'react';
import { auth } from '@/auth';

export type CurrentUser = { id: number; username: string; name: string };

/** The logged-in person for this request, checked against the sessions table once per render. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const user = session?.user as Partial<CurrentUser> | undefined;
  if (!user || typeof user.id !== 'number' || !user.username || !user.name) return null;
  return { id: user.id, username: user.username, name: user.name };
});
