import { isDatabaseUnavailable } from './db/errors';
import { setResponseStatus } from './server/context';

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { bootServer } = await import('./lib/boot');
  await bootServer();
}

// Runs while the failed render is still in this request's context, before the error page's status goes out.
export function onRequestError(error: unknown) {
  if (isDatabaseUnavailable(error)) setResponseStatus(503);
}
