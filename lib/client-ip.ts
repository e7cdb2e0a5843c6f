import { env } from './env';

/**
 * The address a request came from. Chitter's server writes the socket's peer into x-chitter-peer (replacing any sent);
 * X-Forwarded-For is believed only behind a trusted proxy, and then only its last hop, the one that proxy added.
 */
export function clientIpFrom(headers: Pick<Headers, 'get'>): string {
  if (env().TRUST_PROXY) {
    const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const last = hops.at(-1);
    if (last) return last;
  }
  return headers.get('x-chitter-peer') || 'unknown';
}
