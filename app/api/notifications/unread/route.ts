import { NextResponse } from 'next/server';
import { isDatabaseUnavailable } from '@/db/errors';
import { countUnreadNotifications } from '@/db/queries/notifications';
import { getViewer } from '@/auth/current-user';

/** The viewer's unread count, for the header once a live event says it changed. */
export async function GET() {
  try {
    const viewer = await getViewer();
    if (viewer.kind === 'unknown') return NextResponse.json({ error: { message: 'Chitter can’t reach its database just now.' } }, { status: 503 });
    if (viewer.kind === 'anonymous') return NextResponse.json({ error: { message: 'Log in to read your notifications.' } }, { status: 401 });
    return NextResponse.json({ count: await countUnreadNotifications({ userId: viewer.user.id }) }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return NextResponse.json({ error: { message: 'Chitter can’t reach its database just now.' } }, { status: 503 });
    throw err;
  }
}
