import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { spawn as spawnPty, type IPty } from '@lydell/node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAppServer, type AppServer } from '../support/app-server';
import { composeFields, postForm, signUp } from '../support/no-js-forms';

// `chitter`, the terminal client, run as a person runs it (in a pseudo-terminal) and as a script does (through pipes),
// against the real server on its own embedded database.
const BIN = path.resolve(import.meta.dirname, '../../cli/bin/chitter.mjs');
const ESC = '\u001b';
const UP = `${ESC}[A`;
const DOWN = `${ESC}[B`;
let app: AppServer;
let configHome: string;
const me = { username: `cli${Date.now().toString(36)}`, password: 'a very secret passphrase 7', name: 'Cli Tester' };
const other = { username: `web${Date.now().toString(36)}` };
let otherCookie: string;

beforeAll(async () => {
  app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'chitter-cli-')), WORKER: 'off' } });
  configHome = mkdtempSync(path.join(tmpdir(), 'chitter-cli-config-'));
  otherCookie = await signUp(app.url, other);
});
afterAll(async () => {
  await app?.stop();
});

// With CI set, as on the CI machine, Node gives every terminal two colours, i.e. none; these tests want a person's terminal.
function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(CHITTER_|FORCE_COLOR|NO_COLOR|NODE_OPTIONS|CI$)/.test(k))) as Record<string, string>;
  return { ...env, XDG_CONFIG_HOME: configHome, CHITTER_SERVER: app.url, TERM: 'xterm-256color', ...extra };
}

type Terminal = { pty: IPty; screen(): string; raw(): string; waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>; type(text: string): void; exited: Promise<number> };

/** Runs chitter in a pseudo-terminal; `screen()` is everything it showed, colours and cursor moves removed. */
function terminal(args: string[]): Terminal {
  const pty = spawnPty(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: 120, rows: 40, env: cliEnv() });
  let raw = '';
  pty.onData((d) => (raw += d));
  let ended = false;
  const exited = new Promise<number>((resolve) =>
    pty.onExit(({ exitCode }) => {
      ended = true;
      resolve(exitCode);
    }),
  );
  const screen = () => stripVTControlCharacters(raw);
  return {
    pty,
    screen,
    raw: () => raw,
    exited,
    type: (text) => pty.write(text),
    async waitFor(text, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(typeof text === 'string' ? screen().includes(text) : text.test(screen()))) {
        if (ended || Date.now() > deadline) throw new Error(`the terminal never showed ${text}${ended ? ' (chitter ended)' : ''}; it shows:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** Runs chitter with pipes, as a script would. */
function piped(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, ...args], { env: cliEnv() as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code: number | null) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const configFile = () => path.join(configHome, 'chitter', 'config.json');

async function webPeep(body: string) {
  const res = await postForm(`${app.url}/following`, { ...(await composeFields(app.url, otherCookie)), body }, { cookie: otherCookie });
  expect(res.status).toBe(303);
}

describe('chitter in a terminal', () => {
  it('signs up at prompts, never showing the password, and keeps the token readable by its owner only', async () => {
    const t = terminal(['signup']);
    await t.waitFor('Email');
    t.type(`${me.username}@example.test\r`);
    await t.waitFor('Name');
    t.type(`${me.name}\r`);
    await t.waitFor('Handle');
    t.type(`${me.username}\r`);
    await t.waitFor('Password');
    t.type(`${me.password}\r`);
    expect(await t.exited).toBe(0);
    expect(t.screen()).toContain(`Welcome to Chitter, ${me.name} (@${me.username})`);
    expect(t.screen()).not.toContain(me.password);

    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(configFile())).mode & 0o777).toBe(0o700);
    const config = JSON.parse(readFileSync(configFile(), 'utf8'));
    expect(config).toEqual({ server: app.url, token: expect.stringMatching(/^chitter_/), username: me.username });
  });

  it('logs in with a prompt that does not echo the password, replacing (and revoking) the old token', async () => {
    const before = JSON.parse(readFileSync(configFile(), 'utf8')).token;
    const t = terminal(['login']);
    await t.waitFor('Email or handle');
    t.type(`${me.username}\r`);
    await t.waitFor('Password');
    t.type(`${me.password}\r`);
    expect(await t.exited).toBe(0);
    expect(t.screen()).toContain(`Logged in to ${app.url} as ${me.name} (@${me.username})`);
    expect(t.screen()).not.toContain(me.password);
    const after = JSON.parse(readFileSync(configFile(), 'utf8')).token;
    expect(after).not.toBe(before);
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
    const old = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${before}` } });
    expect(old.status).toBe(401);
  });

  it('says who is logged in: coloured on a terminal, plain through a pipe, JSON with --json', async () => {
    const t = terminal(['whoami']);
    expect(await t.exited).toBe(0);
    expect(t.screen()).toContain(`${me.name} @${me.username}`);
    expect(t.raw()).toContain(`${ESC}[`);

    const plain = await piped(['whoami']);
    expect(plain).toMatchObject({ code: 0, stdout: `@${me.username} (${me.name}) on ${app.url}\n` });
    const json = await piped(['whoami', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ username: me.username, name: me.name });
  });

  it('refuses a wrong password with the server’s message and exit code 3, and bad usage with 2, without a stack trace', async () => {
    const wrong = await piped(['login', '--identifier', me.username, '--password-stdin'], 'not the password\n');
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/\w/);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
    // The wrong try left the good token alone.
    expect((await piped(['whoami'])).code).toBe(0);

    const usage = await piped(['timeline', '--limit', '500']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('1 to 100');
    expect((await piped(['no-such-command'])).code).toBe(2);
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const elsewhere = await piped(['whoami', '--server', nobody]);
    expect(elsewhere.code).toBe(3); // that server issued no token, so none is sent to it
    const down = await piped(['online', '--server', nobody]);
    expect(down.code).toBe(7);
    expect(down.stderr).toContain(`Could not reach ${nobody} (ECONNREFUSED)`);
  });

  it('has help for every command, with the exit codes', async () => {
    const help = await piped(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    for (const command of ['signup', 'login', 'logout', 'whoami', 'peep', 'timeline', 'search', 'follow', 'unfollow', 'repost', 'online']) {
      const sub = await piped([command, '--help']);
      expect(sub.code, command).toBe(0);
      expect(sub.stdout, command).toContain(`Usage: chitter ${command}`);
      expect(sub.stdout, command).toContain('--server');
    }
  });

  const first = `hello from the terminal ${Date.now()}`;
  const second = `and from a pipe ${Date.now()}`;
  let otherPeepId: number;

  it('peeps from an argument and from standard input', async () => {
    const t = terminal(['peep', first]);
    expect(await t.exited).toBe(0);
    expect(t.screen()).toContain(first);

    const fromStdin = await piped(['peep', '--json'], `${second}\n`);
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ body: second, author: { username: me.username } });
  });

  it('shows the timeline: relative times on a terminal, plain text with ISO times through a pipe', async () => {
    const t = terminal(['timeline', '--user', me.username]);
    expect(await t.exited).toBe(0);
    expect(t.screen()).toContain(first);
    expect(t.screen()).toMatch(/just now|sec\. ago|min\. ago/);

    const plain = await piped(['timeline']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(first);
    expect(plain.stdout).toContain(second);
    expect(plain.stdout).toContain(`@${me.username} (${me.name}) · `);
    expect(plain.stdout).toMatch(/ · \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z · #\d+/);
    expect(plain.stdout).not.toContain(ESC);
    // Oldest first: the newest is nearest the prompt.
    expect(plain.stdout.indexOf(first)).toBeLessThan(plain.stdout.indexOf(second));

    const json = JSON.parse((await piped(['timeline', '--json', '--limit', '1'])).stdout);
    expect(json.items).toHaveLength(1);
    expect(json.items[0]).toMatchObject({ type: 'peep', peep: { body: second } });
    expect(json.next).toEqual(expect.any(String));
  });

  it('finds a person, follows them, and reposts their peep', async () => {
    await webPeep(`posted in the browser ${Date.now()}`);
    const found = terminal(['search', other.username]);
    expect(await found.exited).toBe(0);
    expect(found.screen()).toContain(`@${other.username}`);

    const follow = await piped(['follow', `@${other.username}`]);
    expect(follow).toMatchObject({ code: 0, stdout: `Following @${other.username}.\n` });
    const again = JSON.parse((await piped(['search', other.username, '--json'])).stdout);
    expect(again.items).toContainEqual(expect.objectContaining({ username: other.username, followedByYou: true }));

    const theirs = JSON.parse((await piped(['timeline', '--user', other.username, '--json'])).stdout);
    otherPeepId = theirs.items[0].peep.id;
    const repost = terminal(['repost', String(otherPeepId)]);
    expect(await repost.exited).toBe(0);
    expect(repost.screen()).toContain(`Reposted #${otherPeepId}.`);
    expect(JSON.parse((await piped(['show', String(otherPeepId), '--json'])).stdout)).toMatchObject({ reposted: true, repostCount: 1 });

    const home = await piped(['timeline', '--following']);
    expect(home.stdout).toContain(`repost by @${me.username} (${me.name})`);
    expect((await piped(['show', '999999999'])).code).toBe(4);
  });

  it('lists who is online, the person using it among them', async () => {
    const t = terminal(['online']);
    expect(await t.exited).toBe(0);
    expect(t.screen()).toMatch(/\d+ online/);
    expect(t.screen()).toContain(`@${me.username}`);
  });

  it('with --follow, prints a peep posted in the browser as it arrives', async () => {
    const t = terminal(['timeline', '--follow']);
    await t.waitFor('Waiting for new peeps');
    const live = `live from the browser ${Date.now()}`;
    await webPeep(live);
    await t.waitFor(live);
    expect(t.screen()).toContain(`@${other.username}`);
    t.pty.kill('SIGINT');
    expect(await t.exited).toBe(0);
  });

  it('refuses a peep the server refuses, with its field message and exit code 5', async () => {
    const tooLong = await piped(['peep', 'x'.repeat(2000)]);
    expect(tooLong.code).toBe(5);
    expect(tooLong.stderr).toMatch(/body: \w/);
  });

  it('logs out: the token is revoked and forgotten, and whoami then exits 3', async () => {
    const token = JSON.parse(readFileSync(configFile(), 'utf8')).token;
    const t = terminal(['logout']);
    expect(await t.exited).toBe(0);
    expect(t.screen()).toContain('Logged out.');
    expect(JSON.parse(readFileSync(configFile(), 'utf8'))).toEqual({ server: app.url });
    expect((await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const whoami = await piped(['whoami']);
    expect(whoami.code).toBe(3);
    expect(whoami.stderr).toContain('chitter login');
  });
});

describe('chitter with no command', () => {
  // Logged out, as the describe above leaves it (so that these also run alone, after sign-up).
  beforeAll(() => writeFileSync(configFile(), JSON.stringify({ server: app.url }), { mode: 0o600 }));

  it('opens a menu on a terminal that loops until Quit', async () => {
    const t = terminal([]);
    await t.waitFor('What would you like to do?');
    expect(t.screen()).toContain('Log in');
    // Up from the first choice wraps round to the last, Quit.
    t.type(`${UP}\r`);
    expect(await t.exited).toBe(0);
  });

  it('logs in and out from the menu, coming back to it after each, the password never on screen', async () => {
    const t = terminal([]);
    const menuShown = (times: number) => t.waitFor(new RegExp(`(What would you like to do\\?[^]*){${times}}`));
    await menuShown(1);
    // Logged out, the choices are: everyone's peeps, search, online, log in, sign up, quit.
    t.type(`${DOWN}${DOWN}${DOWN}\r`);
    await t.waitFor('Email or handle');
    t.type(`${me.username}\r`);
    await t.waitFor('Password');
    t.type(`${me.password}\r`);
    await t.waitFor(`as ${me.name} (@${me.username})`);
    await menuShown(2);
    // Logged in, the last two are: log out, quit.
    t.type(`${UP}${UP}\r`);
    await t.waitFor('Log out?');
    t.type('\r');
    await t.waitFor('Logged out.');
    await menuShown(3);
    t.type(`${UP}\r`);
    expect(await t.exited).toBe(0);
    expect(t.screen()).not.toContain(me.password);
    expect(JSON.parse(readFileSync(configFile(), 'utf8'))).toEqual({ server: app.url });
  });

  it('prints the help and exits 2 when it is not on a terminal', async () => {
    const run = await piped([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: chitter');
  });
});
