import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The CLI is plain JavaScript outside the app's TypeScript project, so it is loaded by path.
const cli = (file: string) => import(path.resolve(import.meta.dirname, '../../cli/src', file));
const { formatPeep, formatTime } = await cli('format.mjs');
const { configPath, readConfig, writeConfig } = await cli('config.mjs');
const { apiFailure } = await cli('api.mjs');

const peep = {
  id: 7,
  body: 'first line\nsecond line',
  createdAt: '2026-12-07T10:00:00.000Z',
  url: '/p/7',
  author: { username: 'sam', name: 'Sam', avatarUrl: null },
  mentions: [],
  replyTo: { peepId: null, username: null },
  replyCount: 1,
  repostCount: 0,
  likeCount: 2,
  reposted: false,
  liked: true,
};

describe('cli output', () => {
  it('gives a terminal relative times and a pipe ISO times', () => {
    const now = new Date('2026-12-07T12:00:00.000Z');
    expect(formatTime('2026-12-07T11:59:58.000Z', { tty: true, now })).toBe('just now');
    expect(formatTime('2026-12-07T11:55:00.000Z', { tty: true, now })).toBe('5 min. ago');
    expect(formatTime('2026-12-05T12:00:00.000Z', { tty: true, now })).toBe('2 days ago');
    expect(formatTime('2026-12-05T12:00:00.000Z', { tty: false, now })).toBe('2026-12-05T12:00:00.000Z');
  });

  it('prints a peep as plain lines: who, when, id, what it answers, the text indented, the counts', () => {
    expect(formatPeep(peep, { tty: false })).toBe(
      ['@sam (Sam) · 2026-12-07T10:00:00.000Z · #7', 'replying to a deleted peep', '  first line', '  second line', '1 reply · 0 reposts · 2 likes · you liked'].join('\n'),
    );
  });
});

describe('cli config', () => {
  it('lives under XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x/conf' })).toBe('/x/conf/chitter/config.json');
    expect(configPath({ XDG_CONFIG_HOME: 'relative' })).toMatch(/\.config\/chitter\/config\.json$/);
  });

  it('is written whole, readable by its owner only, in a folder only they can enter', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'chitter-config-')), 'chitter', 'config.json');
    expect(await readConfig(file)).toEqual({});
    await writeConfig({ server: 'http://a', token: 'chitter_t', username: 'sam' }, file);
    await writeConfig({ server: 'http://b' }, file);
    expect(await readConfig(file)).toEqual({ server: 'http://b' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readdirSync(path.dirname(file))).toEqual(['config.json']);
  });
});

describe('cli errors', () => {
  const failure = (status: number, body: unknown, headers: Record<string, string> = {}, sentToken = true) =>
    apiFailure(new Response(null, { status, headers }), typeof body === 'string' ? body : JSON.stringify(body), sentToken);

  it('carries the API’s message and fields, with the exit code for the status', () => {
    const invalid = failure(422, { error: { code: 'invalid', message: 'Check the peep.', fields: { body: 'Too long' } } });
    expect(invalid).toMatchObject({ exitCode: 5, message: 'Check the peep.', fields: { body: 'Too long' } });
    expect(failure(404, { error: { code: 'not_found', message: 'No such peep.' } }).exitCode).toBe(4);
    expect(failure(409, { error: { code: 'conflict', message: 'Taken.' } }).exitCode).toBe(5);
    expect(failure(503, 'not json').exitCode).toBe(7);
  });

  it('says how long to wait when rate limited', () => {
    const limited = failure(429, { error: { code: 'rate_limited', message: 'Too many peeps.' } }, { 'retry-after': '42' });
    expect(limited).toMatchObject({ exitCode: 6, message: 'Too many peeps. Try again in 42 seconds.' });
  });

  it('tells a person whose token was refused to log in again, but not one whose password was wrong', () => {
    expect(failure(401, { error: { code: 'unauthorized', message: 'The token is not valid.' } }).message).toContain('chitter login');
    expect(failure(401, { error: { code: 'unauthorized', message: 'Wrong email or password.' } }, {}, false).message).toBe('Wrong email or password.');
  });
});
