import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * Chitter's log: one JSON line per event for a log collector, or readable lines on an interactive terminal (`npm start`
 * on a laptop). LOG_LEVEL picks how much (default info); LOG_FORMAT=json|pretty overrides the choice.
 */
export const log: Logger = createLog();

function createLog(): Logger {
  const level = process.env.LOG_LEVEL || 'info';
  const format = process.env.LOG_FORMAT || (process.stdout.isTTY ? 'pretty' : 'json');
  // Never a cookie, a password, a token or a mail body: nothing here logs them, and these paths stay hidden if one ever does.
  const options = { level, base: { pid: process.pid }, redact: { paths: ['cookie', 'authorization', 'password', 'token', '*.cookie', '*.authorization', '*.password', '*.token'], censor: '[hidden]' } };
  // A request's line says its method, route, status and time in its message; on a terminal that is enough.
  if (format === 'pretty') return pino(options, pretty({ sync: true, colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,req_id,method,route,status,ms' }));
  // Written in the background: under load the lines of many requests go out in one write instead of one write each,
  // and pino flushes what is left when the process exits.
  return pino(options, pino.destination({ fd: 1, sync: false }));
}

/** An error as a log field: its message only, since a stack in a production log says more than it helps. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
