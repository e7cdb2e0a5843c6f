import { randomBytes } from 'node:crypto';

/** Calls /api/v1 on a running server: `body` goes as JSON, `token` as the bearer. Answers the response and its parsed JSON (null for none). */
export async function api(
  base: string,
  method: string,
  path: string,
  { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever the API answered
): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

/** A fresh account made through the API, with its token; `headers` e.g. to come from an address of its own behind TRUST_PROXY. */
export async function apiSignUp(base: string, prefix = 'api', headers: Record<string, string> = {}): Promise<{ username: string; password: string; token: string }> {
  const username = `${prefix}${randomBytes(4).toString('hex')}`.slice(0, 30);
  const password = 'correct horse battery staple';
  const res = await api(base, 'POST', '/signup', { body: { email: `${username}@example.test`, password, name: `Person ${username}`, username }, headers });
  if (res.status !== 201) throw new Error(`sign-up answered ${res.status}: ${JSON.stringify(res.json)}`);
  return { username, password, token: res.json.token as string };
}
