/**
 * Forms posted the way a browser without JavaScript posts them: the page's hidden fields (the server action's
 * `$ACTION_…` ids among them) plus what the person typed, as multipart/form-data, without following the redirect.
 */

/** The hidden fields of the form on `html` that contains `marker` (e.g. `name="body"`). */
export function hiddenFields(html: string, marker: string): Record<string, string> {
  const at = html.indexOf(marker);
  if (at < 0) throw new Error(`no form with ${marker} on the page`);
  const form = html.slice(html.lastIndexOf('<form', at), html.indexOf('</form>', at));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    fields[m[1]] = (m[2] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  }
  return fields;
}

export async function postForm(url: string, fields: Record<string, string>, { cookie, timeoutMs = 60_000 }: { cookie?: string; timeoutMs?: number } = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  // A browser sends Origin with a form post; Next checks it against the host for server actions.
  const headers: Record<string, string> = { origin: new URL(url).origin, ...(cookie && { cookie }) };
  return fetch(url, { method: 'POST', body, redirect: 'manual', headers, signal: AbortSignal.timeout(timeoutMs) });
}

export function sessionCookie(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c.includes('session-token'))
    .join('; ');
}

/** Signs a person up through the form and returns their session cookie. */
export async function signUp(base: string, person: { username: string; password?: string }): Promise<string> {
  const page = await (await fetch(`${base}/signup`)).text();
  const res = await postForm(`${base}/signup`, {
    ...hiddenFields(page, 'name="username"'),
    name: `${person.username} Tester`,
    username: person.username,
    email: `${person.username}@example.com`,
    password: person.password ?? 'a long enough passphrase',
  });
  const cookie = sessionCookie(res);
  if (res.status !== 303 || !cookie) throw new Error(`could not sign up ${person.username}: ${res.status}`);
  return cookie;
}

/** The hidden fields of the compose box on `path`, as the logged-in person behind `cookie` sees it. */
export async function composeFields(base: string, cookie: string, path = '/following'): Promise<Record<string, string>> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return hiddenFields(await res.text(), 'name="body"');
}

/** The text inside the compose box's textarea on a rendered page, or null when the page has none. */
export function composeText(html: string): string | null {
  const m = /<textarea[^>]*name="body"[^>]*>([^<]*)<\/textarea>/.exec(html);
  return m ? decodeEntities(m[1]) : null;
}

function decodeEntities(text: string): string {
  return text.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
