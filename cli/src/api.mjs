// @ts-check
import { CliError, EXIT, exitCodeOf } from './errors.mjs';

const TIMEOUT_MS = 30_000;

/**
 * Calls Chitter's /api/v1 and answers its parsed JSON (null for an empty answer); any answer but 2xx becomes a
 * CliError carrying the API's message and field messages, and the exit code for its status.
 * @param {{ server: string, token?: string }} session
 * @param {string} method
 * @param {string} apiPath under /api/v1, e.g. `/peeps/12`
 * @param {{ body?: unknown, headers?: Record<string, string>, signal?: AbortSignal }} [options]
 * @returns {Promise<any>}
 */
export async function callApi(session, method, apiPath, { body, headers = {}, signal } = {}) {
  const url = apiUrl(session.server, apiPath);
  /** @type {Response} */
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(session.token && { authorization: `Bearer ${session.token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ?? AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw unreachable(session.server, e);
  }
  const text = await res.text().catch((e) => {
    throw unreachable(session.server, e);
  });
  if (res.ok) return text ? parseJson(text, res.status) : null;
  throw apiFailure(res, text, Boolean(session.token));
}

/** @param {string} server @param {string} apiPath */
export function apiUrl(server, apiPath) {
  return `${server}/api/v1${apiPath}`;
}

/** @param {string} server @param {unknown} e */
export function unreachable(server, e) {
  const err = /** @type {Error & { cause?: { code?: string, message?: string } }} */ (e);
  if (err?.name === 'TimeoutError') return new CliError(EXIT.unreachable, `${server} did not answer in time.`);
  const why = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
  return new CliError(EXIT.unreachable, `Could not reach ${server} (${why}). Is the address right? Set it with --server or CHITTER_SERVER.`);
}

/**
 * The error to show for an answer that is not 2xx: the API's own `{ error: { message, fields } }` when it sent one.
 * @param {Response} res
 * @param {string} text its body
 * @param {boolean} sentToken whether a 401 means the saved token is no good
 */
export function apiFailure(res, text, sentToken) {
  /** @type {{ error?: { code?: string, message?: string, fields?: Record<string, string> } } | null} */
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  const exitCode = exitCodeOf(res.status);
  let message = json?.error?.message ?? `The server answered ${res.status} ${res.statusText}${res.status === 404 ? ' (is this a Chitter server with the API?)' : ''}.`;
  if (res.status === 429) {
    const wait = Number(res.headers.get('retry-after'));
    if (Number.isFinite(wait) && wait > 0) message = `${message.replace(/\.?$/, '.')} Try again in ${wait} second${wait === 1 ? '' : 's'}.`;
  }
  if (res.status === 401 && sentToken) message = `${message.replace(/\.?$/, '.')} Log in again: chitter login`;
  return new CliError(exitCode, message, json?.error?.fields);
}

/** @param {string} text @param {number} status */
function parseJson(text, status) {
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(EXIT.unreachable, `The server answered ${status} with something that is not JSON (is this a Chitter server?).`);
  }
}
