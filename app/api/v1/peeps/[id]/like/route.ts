import { writingContracts } from '@/lib/api/contracts/writing';
import { endpoint } from '@/lib/api/endpoint';
import { afterPeepWrite, afterWrite } from '@/lib/api/writing';
import { like, unlike } from '@/lib/interactions';

export const POST = endpoint(writingContracts.like, async ({ user, params: { id }, limit }) =>
  afterPeepWrite(await like({ userId: user.id, peepId: id }), { peepId: id, userId: user.id, limit }),
);

export const DELETE = endpoint(writingContracts.unlike, async ({ user, params: { id }, limit }) => afterWrite(await unlike({ userId: user.id, peepId: id }), limit));
