import { ApiError, errorResponse } from '@/lib/api/endpoint';

// Any address under /api/v1 that no endpoint takes, in any method: a JSON 404 rather than the web's page.
const missing = async () => errorResponse(new ApiError(404, 'not_found', 'There is no such endpoint. The list is at /api/v1/openapi.json.'));

export const GET = missing;
export const HEAD = missing;
export const POST = missing;
export const PUT = missing;
export const PATCH = missing;
export const DELETE = missing;
