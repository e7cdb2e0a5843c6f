import { listAncestors, listReplies } from '@/db/queries/threads';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, pageResponse } from '@/lib/api/endpoint';
import { findVisiblePeep, readCursor } from '@/lib/api/lookups';
import { cursorText, presentPeep } from '@/lib/api/present';
import { decodeCursor } from '@/lib/cursor';

export const GET = endpoint(readingContracts.listReplies, async ({ user, params, query, request }) => {
  const after = readCursor(query.before, decodeCursor);
  const peep = await findVisiblePeep({ id: params.id, viewer: user });
  const [above, { replies, next }] = await Promise.all([
    listAncestors({ peepId: peep.id, viewerId: user?.id }),
    listReplies({ peepId: peep.id, viewerId: user?.id, after, limit: query.limit }),
  ]);
  const ancestors = above.ancestors.map((a) => ({ id: a.id, peep: a.peep && presentPeep(a.peep) }));
  const page = { items: replies.map(presentPeep), next: cursorText(next), ancestors, deletedAbove: above.deletedAbove, moreAbove: above.moreAbove };
  return pageResponse(request, page);
});
