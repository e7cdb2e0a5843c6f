import { writingContracts } from '@/lib/api/contracts/writing';
import { endpoint } from '@/lib/api/endpoint';
import { afterWrite } from '@/lib/api/writing';
import { follow, unfollow } from '@/lib/interactions';

export const POST = endpoint(writingContracts.follow, async ({ user, params: { username }, limit }) => afterWrite(await follow({ userId: user.id, username }), limit));

export const DELETE = endpoint(writingContracts.unfollow, async ({ user, params: { username }, limit }) => afterWrite(await unfollow({ userId: user.id, username }), limit));
