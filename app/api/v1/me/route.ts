import { accountContracts } from '@/lib/api/contracts/account';
import { endpoint, json } from '@/lib/api/endpoint';

export const GET = endpoint(accountContracts.me, async ({ user }) => json(200, { username: user.username, name: user.name }));
