import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { issueApiToken, readBearer, tokenSessionId, TOKENS_AT_MOST } from '@/auth/api-token';
import { attemptLogIn } from '@/auth/log-in';
import { getDb } from '@/db';
import { endOtherSessions, listLiveSessions, listTokens, revokeToken, sessionKeyOf } from '@/db/queries/sessions';
import { sessions } from '@/db/schema';
import { exportAccount } from '@/lib/account-export';
import { changeOwnPassword, requestPasswordReset, resetPassword } from '@/lib/password-reset';
import { makeUser } from '../support/factories';
import { mailPerTest } from '../support/mail-per-test';

const { drain, to } = mailPerTest();
const CLI = 'Chitter-CLI/1.0 (linux)';
let addresses = 0;
// An address of its own each time, so the per-address log-in limit never stands in the way.
const freshIp = () => `203.0.113.${++addresses % 250}`;

type Person = Awaited<ReturnType<typeof makeUser>>;

async function browser(person: Person): Promise<string> {
  const result = await attemptLogIn({ identifier: person.username, password: person.password, ip: freshIp(), userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' });
  if (!result.ok) throw new Error(`log-in failed: ${result.reason}`);
  return result.sessionId;
}

async function token(person: Person, name = 'laptop'): Promise<string> {
  const made = await issueApiToken({ userId: person.id, name, userAgent: CLI });
  if (!made) throw new Error('no token');
  return made;
}

const works = async (t: string) => (await readBearer(`Bearer ${t}`)).kind === 'user';

describe('API tokens', () => {
  it('are stored only as their hash: no column of the table holds the token', async () => {
    const ann = await makeUser();
    const made = await token(ann);
    expect(made).toMatch(/^chitter_[A-Za-z0-9_-]{43}$/);
    const db = await getDb();
    const rows = await db.execute(sql`select row_to_json(s)::text as row from sessions s where user_id = ${ann.id}`);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(made);
    expect(text).not.toContain(made.slice('chitter_'.length));
    expect(text).toContain(tokenSessionId(made));
    expect(await readBearer(`Bearer ${made}`)).toMatchObject({ kind: 'user', user: { id: ann.id } });
  });

  it('are listed apart from browsers: the sessions list leaves them out, the tokens list leaves browsers out', async () => {
    const ann = await makeUser();
    const here = await browser(ann);
    await token(ann, 'first');
    await token(ann, 'second');
    expect((await listLiveSessions({ userId: ann.id })).sessions.map((s) => s.key)).toEqual([sessionKeyOf(here)]);
    const { tokens } = await listTokens({ userId: ann.id });
    expect(tokens.map((t) => t.name).sort()).toEqual(['first', 'second']);
    expect(tokens.map((t) => t.key)).not.toContain(sessionKeyOf(here));
    expect(tokens[0]).toMatchObject({ userAgent: CLI });
  });

  it('say when they were last used: not until their first request, then that one', async () => {
    const ann = await makeUser();
    const made = await token(ann);
    const [before] = (await listTokens({ userId: ann.id })).tokens;
    expect(before.lastUsedAt).toBeNull();
    expect(Math.abs(before.expiresAt.getTime() - before.createdAt.getTime() - 365 * 24 * 3600_000)).toBeLessThan(5000);
    const asked = Date.now();
    expect(await works(made)).toBe(true);
    const [after] = (await listTokens({ userId: ann.id })).tokens;
    expect(after.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(asked - 1000);
  });

  it('survive the sessions page’s “log out everywhere else”, which ends the other browsers', async () => {
    const ann = await makeUser();
    const here = await browser(ann);
    const there = await browser(ann);
    const made = await token(ann);
    expect(await endOtherSessions({ userId: ann.id, keepSessionId: here })).toBe(1);
    expect(await works(made)).toBe(true);
    const db = await getDb();
    expect(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, there))).toEqual([]);
  });

  it('are all revoked by a password change, which keeps only the browser that asked', async () => {
    const ann = await makeUser();
    const here = await browser(ann);
    const made = await token(ann);
    expect(await changeOwnPassword({ userId: ann.id, username: ann.username, sessionId: here, currentPassword: ann.password, newPassword: 'an entirely new passphrase' })).toEqual({ ok: true });
    expect(await works(made)).toBe(false);
    expect((await listTokens({ userId: ann.id })).tokens).toEqual([]);
    expect((await listLiveSessions({ userId: ann.id })).sessions.map((s) => s.key)).toEqual([sessionKeyOf(here)]);
  });

  it('are all revoked by a password reset', async () => {
    const ann = await makeUser();
    const made = await token(ann);
    expect(await requestPasswordReset({ identifier: ann.username, ip: freshIp() })).toEqual({ ok: true });
    await drain();
    const link = /https:\/\/chitter\.test\/reset\/([A-Za-z0-9_.-]+)/.exec(to(ann.email).at(-1)?.text ?? '')?.[1];
    expect(link).toBeTruthy();
    expect(await resetPassword({ token: link!, password: 'a reset passphrase' })).toMatchObject({ ok: true });
    expect(await works(made)).toBe(false);
  });

  it('are revoked only by their owner', async () => {
    const ann = await makeUser();
    const bob = await makeUser();
    const anns = await token(ann);
    const key = sessionKeyOf(tokenSessionId(anns));
    expect(await revokeToken({ userId: bob.id, key })).toBe(false);
    expect(await works(anns)).toBe(true);
    // A browser's session is not a token, even to its owner.
    const here = await browser(ann);
    expect(await revokeToken({ userId: ann.id, key: sessionKeyOf(here) })).toBe(false);
    expect(await revokeToken({ userId: ann.id, key })).toBe(true);
    expect(await works(anns)).toBe(false);
    expect(await revokeToken({ userId: ann.id, key })).toBe(false);
  });

  it(`stop at ${TOKENS_AT_MOST} live ones a person, and a revoked one makes room`, async () => {
    const ann = await makeUser();
    // All asked for at once, as a script logging in from many shells might: the cap holds all the same.
    const asked = await Promise.all(Array.from({ length: TOKENS_AT_MOST + 5 }, (_, i) => issueApiToken({ userId: ann.id, name: `script ${i}` })));
    const made = asked.filter((t) => t !== null);
    expect(made).toHaveLength(TOKENS_AT_MOST);
    expect(await issueApiToken({ userId: ann.id, name: 'one too many' })).toBeNull();
    expect((await listTokens({ userId: ann.id, limit: TOKENS_AT_MOST })).tokens).toHaveLength(TOKENS_AT_MOST);
    // Another person's count is their own.
    expect(await issueApiToken({ userId: (await makeUser()).id, name: 'mine' })).toMatch(/^chitter_/);
    await revokeToken({ userId: ann.id, key: sessionKeyOf(tokenSessionId(made[0])) });
    expect(await issueApiToken({ userId: ann.id, name: 'now there is room' })).toMatch(/^chitter_/);
  });

  it('appear in the data download by name and dates, never by token or hash', async () => {
    const ann = await makeUser();
    const made = await token(ann, 'backup script');
    const exported = await exportAccount({ userId: ann.id });
    let text = '';
    for await (const chunk of exported!.chunks) text += chunk;
    const data = JSON.parse(text);
    expect(data.apiTokens).toEqual([{ name: 'backup script', createdAt: expect.any(String), lastUsedAt: null, expiresAt: expect.any(String) }]);
    expect(new Date(data.apiTokens[0].expiresAt).getTime()).toBeGreaterThan(Date.now() + 364 * 24 * 3600_000);
    expect(text).not.toContain(made);
    expect(text).not.toContain(tokenSessionId(made));
    expect(text).not.toContain(sessionKeyOf(tokenSessionId(made)));
  });
});
