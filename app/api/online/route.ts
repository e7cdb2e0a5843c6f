import { NextResponse } from 'next/server';
import { isDatabaseUnavailable } from '@/db/errors';
import { listOnline } from '@/db/queries/people';

/** Who's online, for the panel that live updates refresh when someone comes online. */
export async function GET() {
  try {
    return NextResponse.json(await listOnline(), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return NextResponse.json({ error: { message: 'Chitter can’t reach its database just now.' } }, { status: 503 });
    throw err;
  }
}
