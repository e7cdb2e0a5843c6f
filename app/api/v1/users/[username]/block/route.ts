import { writingContracts } from '@/lib/api/contracts/writing';
import { endpoint } from '@/lib/api/endpoint';
import { afterWrite } from '@/lib/api/writing';
import { block, unblock } from '@/lib/interactions';

export const POST = endpoint(writingContracts.block, async ({ user, params: { username }, limit }) => afterWrite(await block({ userId: user.id, username }), limit));

export const DELETE = endpoint(writingContracts.unblock, async ({ user, params: { username }, limit }) => afterWrite(await unblock({ userId: user.id, username }), limit));
