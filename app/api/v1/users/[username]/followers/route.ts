import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint } from '@/lib/api/endpoint';
import { readFollowList } from '@/lib/api/lookups';

export const GET = endpoint(readingContracts.listFollowers, readFollowList('followers'));
