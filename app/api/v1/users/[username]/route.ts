import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, json } from '@/lib/api/endpoint';
import { findProfileOrMove } from '@/lib/api/lookups';
import { presentProfile } from '@/lib/api/present';

export const GET = endpoint(readingContracts.getUser, async ({ user, params, request }) => {
  const profile = await findProfileOrMove({ username: params.username, viewer: user, request });
  return profile instanceof Response ? profile : json(200, presentProfile(profile, user !== null));
});
