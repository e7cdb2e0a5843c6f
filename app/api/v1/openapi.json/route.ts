import { streamContracts } from '@/lib/api/contracts/stream';
import { endpoint, json } from '@/lib/api/endpoint';
import { openApiDocument } from '@/lib/api/openapi';

export const GET = endpoint(streamContracts.openApi, async () => json(200, openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } }));
