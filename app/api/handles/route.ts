import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { findRenamedHandles } from '@/db/queries/handles';
import { findExistingHandles } from '@/db/queries/peeps';
import { HANDLE } from '@/lib/validation';

const query = z
  .string()
  .max(400)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.string().regex(HANDLE)).max(10));

/**
 * Which of up to 10 @handles are Chitter users: the compose box's hint for a mention that will stay plain text. A
 * handle someone gave up by changing it, still held for them, comes back in `renamed` with their handle now.
 */
export async function GET(request: NextRequest) {
  const parsed = query.safeParse(request.nextUrl.searchParams.get('names') ?? '');
  if (!parsed.success) return NextResponse.json({ error: 'Give up to 10 handles, comma-separated.' }, { status: 400 });
  const existing = await findExistingHandles({ handles: parsed.data });
  const found = new Set(existing.map((e) => e.toLowerCase()));
  const missing = parsed.data.filter((h) => !found.has(h.toLowerCase()));
  const renamed = await findRenamedHandles({ handles: missing });
  return NextResponse.json({ existing, renamed }, { headers: { 'Cache-Control': 'private, max-age=30' } });
}
