import { NextResponse } from 'next/server';
import { getViewer } from '@/auth/current-user';
import { isDatabaseUnavailable } from '@/db/errors';
import { exportAccount, takeExportAttempt } from '@/lib/account-export';
import { waitMessage } from '@/lib/rate-limit';
import { errorText, log } from '@/lib/log';

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new NextResponse(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });

/** "Download my data": the logged-in person's own data as one JSON file, streamed as it is read. */
export async function GET() {
  try {
    const viewer = await getViewer();
    if (viewer.kind === 'unknown') return text('Chitter can’t reach its database just now; please try again in a few seconds.', 503);
    if (viewer.kind === 'anonymous') return new NextResponse(null, { status: 303, headers: { location: '/login?next=/settings/leave', 'cache-control': 'no-store' } });
    const limit = await takeExportAttempt(viewer.user.id);
    if (limit.limited) return text(`You’ve downloaded your data a lot lately. ${waitMessage(limit.retryAfterSeconds)}`, 429, { 'retry-after': String(limit.retryAfterSeconds) });
    const exported = await exportAccount({ userId: viewer.user.id });
    if (!exported) return text('There is no account here any more.', 404);
    const encoder = new TextEncoder();
    const { chunks } = exported;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          // Headers are gone by now: all that can be done is end the file short, which the browser reports as failed.
          log.error({ error: errorText(err) }, 'Data export failed');
          controller.error(err);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new NextResponse(body, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="chitter-${exported.username}.json"`,
        'cache-control': 'no-store',
      },
    });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return text('Chitter can’t reach its database just now; please try again in a few seconds.', 503);
    throw err;
  }
}
