import 'server-only';
import { z } from 'zod';
import { followUser, unfollowUser } from '@/db/queries/follows';
import { likePeep, unlikePeep } from '@/db/queries/likes';
import { blockPerson, mutePerson, unblockPerson, unmutePerson } from '@/db/queries/mutes-and-blocks';
import { markNotificationsSeen } from '@/db/queries/notifications';
import { deletePeep } from '@/db/queries/peeps';
import { repostPeep, undoRepost } from '@/db/queries/reposts';
import { saveUserSettings } from '@/db/queries/users';
import { livePagesChanged, ownPagesChanged, pagesChanged } from './page-version';
import { HANDLE } from './validation';

// The small writes the web's buttons and the API both make: each does the write, tells the pages that change, and
// answers a refusal (which case, and the sentence a person is shown) or nothing when done. Repeating one is harmless.

export const peepIdField = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const usernameField = z.string().regex(HANDLE);

/** No such peep or person (or oneself, for a person), or a block between the two people. */
export type Refusal = { refused: 'missing' | 'blocked'; message: string };

const PEEP_GONE: Refusal = { refused: 'missing', message: 'This peep has been deleted.' };
const nobodyCalled = (username: string): Refusal => ({ refused: 'missing', message: `There is no one else called @${username} on Chitter.` });
const blockedBetween = (what: string): Refusal => ({ refused: 'blocked', message: `You can’t ${what}: one of you has blocked the other.` });

type OnPeep = { userId: number; peepId: number };
type OnPerson = { userId: number; username: string };

/** Deletes the person's own peep; anyone else's, or none, is missing. */
export async function removePeep({ userId, peepId }: OnPeep): Promise<Refusal | null> {
  if (!(await deletePeep({ peepId, authorId: userId }))) return PEEP_GONE;
  livePagesChanged();
  return null;
}

/** A peep whose author blocks the person (or is blocked) is as hidden from them as a deleted one. */
export async function repost({ userId, peepId }: OnPeep): Promise<Refusal | null> {
  if (!(await repostPeep({ userId, peepId }))) return PEEP_GONE;
  livePagesChanged();
  return null;
}

export async function unrepost({ userId, peepId }: OnPeep): Promise<null> {
  await undoRepost({ userId, peepId });
  livePagesChanged();
  return null;
}

export async function like({ userId, peepId }: OnPeep): Promise<Refusal | null> {
  const outcome = await likePeep({ userId, peepId });
  if (outcome === 'missing') return PEEP_GONE;
  if (outcome === 'blocked') return blockedBetween('like this peep');
  // Only the liker's kept pages must change at once; see 0019_likes_live.
  ownPagesChanged(userId);
  return null;
}

export async function unlike({ userId, peepId }: OnPeep): Promise<null> {
  await unlikePeep({ userId, peepId });
  ownPagesChanged(userId);
  return null;
}

export async function follow({ userId, username }: OnPerson): Promise<Refusal | null> {
  const outcome = await followUser({ followerId: userId, username });
  if (outcome === 'unknown') return nobodyCalled(username);
  if (outcome === 'blocked') return blockedBetween(`follow @${username}`);
  livePagesChanged();
  return null;
}

export async function unfollow({ userId, username }: OnPerson): Promise<null> {
  await unfollowUser({ followerId: userId, username });
  livePagesChanged();
  return null;
}

/** Mutes and blocks have no live trigger to tell the other instances that pages changed, so these do. */
function silencing(write: (choice: OnPerson) => Promise<boolean | void>) {
  return async (choice: OnPerson): Promise<Refusal | null> => {
    // Only adding one answers false: for nobody, or oneself.
    if ((await write(choice)) === false) return nobodyCalled(choice.username);
    await pagesChanged();
    return null;
  };
}

export const mute = silencing(mutePerson);
export const unmute = silencing(unmutePerson);
export const block = silencing(blockPerson);
export const unblock = silencing(unblockPerson);

/** Up to which notification a person has read: the newest they were shown; without one, all of them. */
export const markReadSchema = z.object({
  upTo: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().meta({ description: 'The newest notification id read; default all.' }),
});

/** The mark only moves forward; its trigger tells the person's other open pages. */
export async function markNotificationsRead({ userId, upTo = Number.MAX_SAFE_INTEGER }: { userId: number; upTo?: number }): Promise<void> {
  if (await markNotificationsSeen({ userId, upTo })) livePagesChanged();
}

/** The settings a person may change, each optional: what is left out stays as it is. */
export const settingsSchema = z.object({
  mentionEmails: z.boolean().optional().meta({ description: 'Email me when someone mentions me.' }),
  replyEmails: z.boolean().optional().meta({ description: 'Email me when someone replies to my peep.' }),
  hideOnline: z.boolean().optional().meta({ description: 'Leave me out of “Who’s online”.' }),
});

export async function changeSettings({ userId, ...settings }: { userId: number } & z.infer<typeof settingsSchema>): Promise<void> {
  await saveUserSettings({ userId, ...settings });
  // Showing or hiding one’s online status changes the “Who’s online” panel on every page that has it.
  if (settings.hideOnline !== undefined) await pagesChanged();
}
