import { writingContracts } from '@/lib/api/contracts/writing';
import { endpoint } from '@/lib/api/endpoint';
import { afterPeepWrite, afterWrite } from '@/lib/api/writing';
import { repost, unrepost } from '@/lib/interactions';

export const POST = endpoint(writingContracts.repost, async ({ user, params: { id }, limit }) =>
  afterPeepWrite(await repost({ userId: user.id, peepId: id }), { peepId: id, userId: user.id, limit }),
);

export const DELETE = endpoint(writingContracts.unrepost, async ({ user, params: { id }, limit }) => afterWrite(await unrepost({ userId: user.id, peepId: id }), limit));
