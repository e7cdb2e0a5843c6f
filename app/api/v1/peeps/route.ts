import { writingContracts } from '@/lib/api/contracts/writing';
import { endpoint } from '@/lib/api/endpoint';
import { postPeep } from '@/lib/api/writing';

export const POST = endpoint(writingContracts.postPeep, ({ user, body, request }) => postPeep({ userId: user.id, body, request }));
