import { writingContracts } from '@/lib/api/contracts/writing';
import { endpoint } from '@/lib/api/endpoint';
import { afterWrite } from '@/lib/api/writing';
import { mute, unmute } from '@/lib/interactions';

export const POST = endpoint(writingContracts.mute, async ({ user, params: { username }, limit }) => afterWrite(await mute({ userId: user.id, username }), limit));

export const DELETE = endpoint(writingContracts.unmute, async ({ user, params: { username }, limit }) => afterWrite(await unmute({ userId: user.id, username }), limit));
