import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, json, noContent, notFound } from '@/lib/api/endpoint';
import { findVisiblePeep } from '@/lib/api/lookups';
import { presentPeep } from '@/lib/api/present';
import { removePeep } from '@/lib/interactions';

export const GET = endpoint(readingContracts.getPeep, async ({ user, params }) => json(200, presentPeep(await findVisiblePeep({ id: params.id, viewer: user }))));

export const DELETE = endpoint(readingContracts.deletePeep, async ({ user, params, limit }) => {
  if (await removePeep({ userId: user.id, peepId: Number(params.id) })) throw notFound('You have no peep with that id.');
  return noContent(limit);
});
