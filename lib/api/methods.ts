import { API_PREFIX } from './contract';
import { CONTRACTS } from './contracts';

// Each contract's path as a pattern: `/peeps/{id}` takes any one segment where the parameter is.
const routes = CONTRACTS.map((c) => ({ method: c.method, pattern: new RegExp(`^${API_PREFIX}${c.path.replace(/\{\w+\}/g, '[^/]+')}$`) }));

/**
 * The methods an /api/v1 path takes (HEAD wherever GET is), or null when no endpoint is there: the server answers
 * another method with a JSON 405 naming these, where Next.js would answer an empty one.
 */
export function apiMethodsAt(pathname: string): readonly string[] | null {
  const methods = routes.filter((r) => r.pattern.test(pathname)).map((r) => r.method as string);
  if (methods.length === 0) return null;
  if (methods.includes('GET')) methods.push('HEAD');
  return methods;
}
