import { writingContracts } from '@/lib/api/contracts/writing';
import { endpoint } from '@/lib/api/endpoint';
import { postPeep } from '@/lib/api/writing';

export const POST = endpoint(writingContracts.postPeep, ({ user, body, headers }) => postPeep({ userId: user.id, body, clientKey: headers['idempotency-key'] }));
