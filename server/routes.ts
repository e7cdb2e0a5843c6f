import { readFileSync } from 'node:fs';
import path from 'node:path';

type Manifest = { staticRoutes: { page: string }[]; dynamicRoutes: { page: string; regex: string }[] };

/** Fixed prefixes the server answers itself or that name many files; a log line or a metric names the prefix. */
const PREFIXES = ['/_next/static', '/_next/image', '/_next', '/api/live', '/api/v1/stream', '/healthz', '/readyz', '/metrics'];

/**
 * The route a path belongs to (`/u/[username]`, not `/u/ana`), from the build's own route list, so logs and metrics
 * never hold a token from a link and their labels stay few. Paths no route takes are `unmatched`.
 */
export function createRouteNamer(dir = process.cwd()): (url: string) => string {
  let manifest: Manifest = { staticRoutes: [], dynamicRoutes: [] };
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, '.next', 'routes-manifest.json'), 'utf8')) as Manifest;
  } catch {
    // Development before the first compile: every page is `unmatched` until the server restarts.
  }
  const exact = new Set(manifest.staticRoutes.map((r) => r.page));
  const dynamic = manifest.dynamicRoutes.map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
  return (url) => {
    let pathname = url.split('?', 1)[0] || '/';
    if (pathname.startsWith('/@')) pathname = `/u/${pathname.slice(2)}`;
    if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.slice(0, -1);
    if (exact.has(pathname)) return pathname;
    for (const prefix of PREFIXES) if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return prefix;
    return dynamic.find((r) => r.regex.test(pathname))?.page ?? 'unmatched';
  };
}
