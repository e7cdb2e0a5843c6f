// @ts-check
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { text as readAll } from 'node:stream/consumers';
import { confirm, input, password, select } from '@inquirer/prompts';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { callApi } from './api.mjs';
import { readConfig, configPath, writeConfig } from './config.mjs';
import { CliError, EXIT, EXIT_CODES_HELP, notLoggedIn, usage } from './errors.mjs';
import { dim, failure, formatItem, formatPeep, formatPerson, formatWho, success, warn } from './format.mjs';
import { followStream } from './stream.mjs';

export const DEFAULT_SERVER = 'http://localhost:3000';

/**
 * Everything a command needs: where the server is, the token for it (only if it was issued by that same server), and
 * how to print.
 * @typedef {{ server: string, token?: string, username?: string, json: boolean, tty: boolean, interactive: boolean }} Context
 */

/** Runs the command line and answers the exit code; errors are printed as sentences, never as stack traces. */
export async function main(/** @type {string[]} */ argv) {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (e) {
    return report(e);
  }
}

/** @param {unknown} e */
function report(e) {
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (e instanceof CliError) {
    process.stderr.write(`${failure(e.message)}\n`);
    for (const [field, message] of Object.entries(e.fields ?? {})) process.stderr.write(`  ${field}: ${message}\n`);
    return e.exitCode;
  }
  // Ctrl-C at a prompt: nothing was done.
  if (e instanceof Error && e.name === 'ExitPromptError') return EXIT.interrupted;
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${failure(`chitter: something unexpected went wrong: ${message}`)}\n`);
  if (process.env.CHITTER_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return EXIT.unexpected;
}

function buildProgram() {
  const program = new Command('chitter')
    .description('Chitter in the terminal. With no command, on a terminal, a menu.')
    .addOption(new Option('--server <url>', `the Chitter server (default: the one you logged in to, else ${DEFAULT_SERVER})`).env('CHITTER_SERVER'))
    .option('--json', 'print the API’s JSON, for scripts')
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `\nThe token is kept in ${configPath()} (readable by you only).\n\n${EXIT_CODES_HELP}`)
    .exitOverride()
    .allowExcessArguments()
    .action(async (_options, cmd) => {
      if (cmd.args.length > 0) throw usage(`chitter has no command “${cmd.args[0]}”; chitter --help lists them.`);
      const ctx = await contextOf(cmd);
      if (!ctx.interactive) {
        program.outputHelp({ error: true });
        throw usage('Name a command (chitter --help lists them), or run chitter on a terminal for the menu.');
      }
      await menu(ctx);
    });

  /** @param {string} name @param {string} description */
  const command = (name, description) => program.command(name).description(description).exitOverride().configureHelp({ showGlobalOptions: true });

  command('signup', 'create an account, and log in to it')
    .option('--email <email>', 'your email address')
    .option('--name <name>', 'your name, as others see it')
    .option('--username <handle>', 'your handle (@handle)')
    .option('--password-stdin', 'read the password from standard input, for scripts')
    .action(async (options, cmd) => signUp(await contextOf(cmd), options));

  command('login', 'log in; the token is kept for the next commands')
    .option('-i, --identifier <email-or-handle>', 'your email or handle')
    .option('--password-stdin', 'read the password from standard input, for scripts')
    .action(async (options, cmd) => logIn(await contextOf(cmd), options));

  command('logout', 'log out: the server revokes the token and it is forgotten here').action(async (_o, cmd) => logOut(await contextOf(cmd)));

  command('whoami', 'who you are logged in as').action(async (_o, cmd) => whoAmI(await contextOf(cmd)));

  command('peep', 'post a peep: the text as an argument, or from standard input')
    .argument('[text]', 'what to say (quote it); without it, read standard input')
    .option('--reply-to <id>', 'answer the peep with this id', peepId)
    .action(async (text, options, cmd) => postPeep(await contextOf(cmd), { text, replyToId: options.replyTo }));

  command('reply', 'answer a peep')
    .argument('<id>', 'the peep’s id (shown as #id)', peepId)
    .argument('[text]', 'what to say; without it, read standard input')
    .action(async (id, text, _o, cmd) => postPeep(await contextOf(cmd), { text, replyToId: id }));

  command('timeline', 'read a timeline: everyone’s (the default), the people you follow, or one person’s')
    .option('--following', 'the people you follow (your home timeline)')
    .option('--user <handle>', 'one person’s peeps')
    .option('--limit <n>', 'how many, 1 to 100', pageSize, 20)
    .option('--before <cursor>', 'older ones: the cursor an earlier page printed')
    .option('--follow', 'stay open and print new peeps as they arrive (Ctrl-C to stop)')
    .action(async (options, cmd) => timeline(await contextOf(cmd), options));

  command('search', 'find people by name or handle')
    .argument('<name>', 'part of a name or handle')
    .action(async (name, _o, cmd) => search(await contextOf(cmd), name));

  for (const [name, method, verb] of /** @type {const} */ ([['follow', 'POST', 'Following'], ['unfollow', 'DELETE', 'No longer following']])) {
    command(name, `${name} someone`)
      .argument('<handle>', 'their handle, with or without @')
      .action(async (handle, _o, cmd) => {
        const ctx = await contextOf(cmd);
        const who = bareHandle(handle);
        await act(ctx, method, `/users/${encodeURIComponent(who)}/follow`, `${verb} @${who}.`);
      });
  }

  for (const [name, method, path, done] of /** @type {const} */ ([
    ['repost', 'POST', 'repost', 'Reposted'],
    ['unrepost', 'DELETE', 'repost', 'Repost undone for'],
    ['like', 'POST', 'like', 'Liked'],
    ['unlike', 'DELETE', 'like', 'Like undone for'],
  ])) {
    command(name, `${name} a peep`)
      .argument('<id>', 'the peep’s id (shown as #id)', peepId)
      .action(async (id, _o, cmd) => act(await contextOf(cmd), method, `/peeps/${id}/${path}`, `${done} #${id}.`));
  }

  command('show', 'show one peep')
    .argument('<id>', 'the peep’s id (shown as #id)', peepId)
    .action(async (id, _o, cmd) => {
      const ctx = await contextOf(cmd);
      const peep = await callApi(ctx, 'GET', `/peeps/${id}`);
      if (ctx.json) return printJson(peep);
      say(formatPeep(peep, ctx));
    });

  command('delete', 'delete one of your peeps')
    .argument('<id>', 'the peep’s id (shown as #id)', peepId)
    .action(async (id, _o, cmd) => act(await contextOf(cmd), 'DELETE', `/peeps/${id}`, `Deleted #${id}.`));

  command('online', 'who is online now').action(async (_o, cmd) => online(await contextOf(cmd)));

  return program;
}

/** @param {Command} cmd @returns {Promise<Context>} */
async function contextOf(cmd) {
  const options = cmd.optsWithGlobals();
  const config = await readConfig();
  const server = serverUrl(options.server ?? config.server ?? DEFAULT_SERVER);
  // A token goes only to the server that issued it.
  const ours = config.server === server;
  return {
    server,
    token: ours ? config.token : undefined,
    username: ours ? config.username : undefined,
    json: Boolean(options.json),
    tty: Boolean(process.stdout.isTTY),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  };
}

/** @param {string} value */
function serverUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw usage(`--server must be an address like ${DEFAULT_SERVER}, not “${value}”.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usage(`--server must be an http or https address, not “${value}”.`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** @param {string} value */
function peepId(value) {
  const id = value.replace(/^#/, '');
  if (!/^\d{1,16}$/.test(id)) throw new InvalidArgumentError('A peep id is a number, like 42.');
  return Number(id);
}

/** @param {string} value */
function pageSize(value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('Give a whole number from 1 to 100.');
  return n;
}

/** @param {string} handle */
function bareHandle(handle) {
  const bare = handle.trim().replace(/^@/, '');
  if (!bare) throw usage('Name someone by their handle, like @sam.');
  return bare;
}

/** @param {unknown} value */
function printJson(value) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** @param {string} line */
function say(line) {
  process.stdout.write(`${line}\n`);
}

/** @param {Context} ctx */
function requireToken(ctx) {
  if (!ctx.token) throw notLoggedIn();
  return { server: ctx.server, token: ctx.token };
}

/** The password: from a prompt that does not echo it, or from standard input for scripts. @param {Context} ctx @param {boolean} fromStdin */
async function askPassword(ctx, fromStdin) {
  if (fromStdin) return (await readAll(process.stdin)).replace(/\r?\n$/, '');
  if (!ctx.interactive) throw usage('No terminal to ask for the password on: pipe it in with --password-stdin.');
  return password({ message: 'Password', validate: (v) => v.length > 0 || 'Enter your password' });
}

/**
 * @param {Context} ctx
 * @param {string | undefined} given
 * @param {string} message the prompt
 * @param {string} flag the option that gives it without a prompt
 */
async function askText(ctx, given, message, flag) {
  if (given !== undefined) return given;
  if (!ctx.interactive) throw usage(`Give ${flag}, or run this on a terminal to be asked.`);
  return input({ message, validate: (v) => v.trim().length > 0 || 'Enter something' });
}

/** Keeps the new token (readable by the owner only), revoking the one it replaces. @param {Context} ctx @param {{ token: string, user: { username: string, name: string } }} issued */
async function keepLogIn(ctx, issued) {
  const previous = ctx.token;
  await writeConfig({ server: ctx.server, token: issued.token, username: issued.user.username });
  Object.assign(ctx, { token: issued.token, username: issued.user.username });
  if (previous && previous !== issued.token) await callApi({ server: ctx.server, token: previous }, 'POST', '/logout').catch(() => {});
}

const tokenName = () => `chitter CLI on ${hostname()}`.slice(0, 60);

/** @param {Context} ctx @param {{ email?: string, name?: string, username?: string, passwordStdin?: boolean }} options */
async function signUp(ctx, options) {
  const email = await askText(ctx, options.email, 'Email', '--email');
  const name = await askText(ctx, options.name, 'Name', '--name');
  const username = await askText(ctx, options.username, 'Handle', '--username');
  const pass = await askPassword(ctx, Boolean(options.passwordStdin));
  const issued = await callApi(ctx, 'POST', '/signup', { body: { email, password: pass, name, username: bareHandle(username), tokenName: tokenName() } });
  await keepLogIn(ctx, issued);
  if (ctx.json) return printJson({ user: issued.user });
  say(success(`Welcome to Chitter, ${issued.user.name} (@${issued.user.username}). You are logged in.`));
  say(dim(`Chitter has mailed ${email} a link to confirm the address.`, ctx));
}

/** @param {Context} ctx @param {{ identifier?: string, passwordStdin?: boolean }} options */
async function logIn(ctx, options) {
  const identifier = await askText(ctx, options.identifier, 'Email or handle', '--identifier');
  const pass = await askPassword(ctx, Boolean(options.passwordStdin));
  const issued = await callApi(ctx, 'POST', '/login', { body: { identifier: identifier.trim().replace(/^@/, ''), password: pass, tokenName: tokenName() } });
  await keepLogIn(ctx, issued);
  if (ctx.json) return printJson({ user: issued.user });
  say(success(`Logged in to ${ctx.server} as ${issued.user.name} (@${issued.user.username}).`));
}

/** @param {Context} ctx */
async function logOut(ctx) {
  const session = requireToken(ctx);
  try {
    await callApi(session, 'POST', '/logout');
  } catch (e) {
    // Already revoked (e.g. from /settings): forgetting it here is all that is left to do. Otherwise keep it, to try again.
    if (!(e instanceof CliError && e.exitCode === EXIT.notLoggedIn)) throw e;
  }
  const config = await readConfig();
  await writeConfig({ server: config.server });
  Object.assign(ctx, { token: undefined, username: undefined });
  if (!ctx.json) say('Logged out.');
}

/** @param {Context} ctx */
async function whoAmI(ctx) {
  const me = await callApi(requireToken(ctx), 'GET', '/me');
  if (ctx.json) return printJson(me);
  say(`${formatWho(me, ctx)} on ${ctx.server}`);
}

/** @param {Context} ctx @param {{ text?: string, replyToId?: number }} options */
async function postPeep(ctx, { text, replyToId }) {
  const session = requireToken(ctx);
  let body = text;
  if (body === undefined) {
    body = process.stdin.isTTY ? await input({ message: replyToId ? 'Your reply' : 'What’s happening?' }) : (await readAll(process.stdin)).replace(/\r?\n$/, '');
  }
  if (!body.trim()) throw usage('A peep needs some text: chitter peep "hello" (or pipe it in).');
  // The same key on a retry lets the server recognise the peep it already made.
  const peep = await callApi(session, 'POST', '/peeps', { body: { body, ...(replyToId && { replyToId }) }, headers: { 'idempotency-key': randomUUID() } });
  if (ctx.json) return printJson(peep);
  say(formatPeep(peep, ctx));
}

/** @param {Context} ctx @param {'POST' | 'DELETE'} method @param {string} path @param {string} done */
async function act(ctx, method, path, done) {
  const answer = await callApi(requireToken(ctx), method, path);
  if (ctx.json) {
    if (answer !== null) printJson(answer);
    return;
  }
  say(done);
}

/** @param {Context} ctx @param {string} name */
async function search(ctx, name) {
  const page = await callApi(ctx, 'GET', `/search/people?q=${encodeURIComponent(name)}`);
  if (ctx.json) return printJson(page);
  if (page.items.length === 0) return say(dim(`Nobody matches “${name}”.`, ctx));
  for (const person of page.items) say(formatPerson(person, ctx));
}

/** @param {Context} ctx */
async function online(ctx) {
  const answer = await callApi(ctx, 'GET', '/online');
  if (ctx.json) return printJson(answer);
  say(dim(`${answer.count} online`, ctx));
  for (const person of answer.people) say(formatWho(person, ctx));
}

/**
 * @param {Context} ctx
 * @param {{ following?: boolean, user?: string, limit: number, before?: string, follow?: boolean }} options
 */
async function timeline(ctx, options) {
  if (options.following && options.user) throw usage('Choose --following or --user, not both.');
  if (options.following) requireToken(ctx);
  const user = options.user === undefined ? undefined : bareHandle(options.user);
  const path = options.following ? '/timelines/home' : user ? `/users/${encodeURIComponent(user)}/peeps` : '/timelines/public';
  const query = new URLSearchParams({ limit: String(options.limit), ...(options.before && { before: options.before }) });
  const readPage = () => callApi(ctx, 'GET', `${path}?${query}`);
  if (!options.follow) return printPage(ctx, await readPage(), { live: false });

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const shown = new Set();
  /** @type {unknown} the first error in printing, which ends the following */
  let failed;
  /** @type {Promise<void>} the printing, one task after another in the order events came */
  let queue = Promise.resolve();
  /** @param {() => Promise<void>} task */
  const enqueue = (task) => {
    queue = queue
      .then(() => (failed ? undefined : task()))
      .catch((e) => {
        failed ??= e;
        stop.abort();
      });
  };
  /** @type {() => void} */
  let opened = () => {};
  const open = new Promise((resolve) => (opened = () => resolve(undefined)));
  // The stream opens first, so nothing posted while the page loads is missed; what the page shows is not shown again.
  enqueue(async () => {
    await open;
    const page = await readPage();
    for (const item of page.items) if (item.type === 'peep') shown.add(item.peep.id);
    printPage(ctx, page, { live: true });
  });
  try {
    await followStream(ctx, options.following ? 'home' : user ? `user:${user}` : 'public', {
      signal: stop.signal,
      onOpen: () => opened(),
      onDrop: (why, delayMs) => process.stderr.write(`${warn(`${why}; reconnecting in ${Math.round(delayMs / 1000)} s`)}\n`),
      onEvent: (event) => {
        if (event.type === 'reload') {
          // Too much was missed to replay: read the newest page again and show what is new in it.
          enqueue(async () => {
            const page = await readPage();
            for (const item of [...page.items].reverse()) if (item.type === 'peep' && !shown.has(item.peep.id)) await showLive(ctx, 'peep', item.peep.id, shown, item.peep);
          });
        } else if ((event.type === 'peep' || event.type === 'repost') && event.data?.peepId) {
          enqueue(() => showLive(ctx, event.type, Number(event.data.peepId), shown));
        }
      },
    });
  } finally {
    stop.abort();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (failed) throw failed;
}

/** @param {Context} ctx @param {string} type @param {number} id @param {Set<number>} shown @param {any} [known] the peep, when already read */
async function showLive(ctx, type, id, shown, known) {
  if (type === 'peep' && shown.has(id)) return;
  let peep = known;
  try {
    peep ??= await callApi(ctx, 'GET', `/peeps/${id}`);
  } catch (e) {
    // Deleted (or hidden from this viewer) before it could be read.
    if (e instanceof CliError && e.exitCode === EXIT.notFound) return;
    throw e;
  }
  shown.add(id);
  if (ctx.json) return void process.stdout.write(`${JSON.stringify(peep)}\n`);
  say('');
  if (type === 'repost') say(dim('↻ reposted', ctx));
  say(formatPeep(peep, ctx));
}

/**
 * Oldest first, so the newest is nearest the prompt and live peeps follow on. `--json` prints the page as the API
 * answered it (one line when live peeps follow, each of them a line after it).
 * @param {Context} ctx @param {{ items: any[], next: string | null }} page @param {{ live?: boolean }} options
 */
function printPage(ctx, page, options) {
  if (ctx.json) return void process.stdout.write(options.live ? `${JSON.stringify(page)}\n` : `${JSON.stringify(page, null, 2)}\n`);
  if (page.items.length === 0 && ctx.tty) say(dim('No peeps here yet.', ctx));
  const items = [...page.items].reverse();
  items.forEach((item, i) => {
    if (i > 0) say('');
    say(formatItem(item, ctx));
  });
  if (page.next && ctx.tty && !options.live) say(dim(`\nOlder ones: add --before ${page.next}`, ctx));
  if (options.live && ctx.tty) say(dim('\nWaiting for new peeps (Ctrl-C to stop)…', ctx));
}

/** The menu: choose, do it, come back, until Quit (or Ctrl-C). @param {Context} ctx */
async function menu(ctx) {
  say(`Chitter at ${ctx.server}${ctx.username ? `, as @${ctx.username}` : ''}`);
  while (true) {
    const loggedIn = Boolean(ctx.token);
    /** @type {{ name: string, value: string }[]} */
    const choices = [
      ...(loggedIn ? [{ name: 'Post a peep', value: 'peep' }] : []),
      { name: 'Read everyone’s peeps', value: 'public' },
      ...(loggedIn ? [{ name: 'Read peeps from people you follow', value: 'home' }] : []),
      { name: 'Search people', value: 'search' },
      ...(loggedIn ? [{ name: 'Follow someone', value: 'follow' }, { name: 'Unfollow someone', value: 'unfollow' }] : []),
      { name: 'Who is online', value: 'online' },
      ...(loggedIn ? [{ name: 'Log out', value: 'logout' }] : [{ name: 'Log in', value: 'login' }, { name: 'Sign up', value: 'signup' }]),
      { name: 'Quit', value: 'quit' },
    ];
    let choice;
    try {
      choice = await select({ message: 'What would you like to do?', choices, pageSize: choices.length });
    } catch (e) {
      if (e instanceof Error && e.name === 'ExitPromptError') return;
      throw e;
    }
    if (choice === 'quit') return;
    try {
      await runChoice(ctx, choice);
    } catch (e) {
      if (e instanceof Error && e.name === 'ExitPromptError') return;
      // The menu goes on after a refusal, as the web page would.
      report(e);
    }
    say('');
  }
}

/** @param {Context} ctx @param {string} choice */
async function runChoice(ctx, choice) {
  const ask = (/** @type {string} */ message) => input({ message, validate: (v) => v.trim().length > 0 || 'Enter something' });
  switch (choice) {
    case 'peep':
      return postPeep(ctx, { text: await ask('What’s happening?') });
    case 'public':
    case 'home':
      return timeline(ctx, { following: choice === 'home', limit: 20 });
    case 'search':
      return search(ctx, await ask('Name or handle'));
    case 'follow':
    case 'unfollow': {
      const who = bareHandle(await ask('Their handle'));
      return act(ctx, choice === 'follow' ? 'POST' : 'DELETE', `/users/${encodeURIComponent(who)}/follow`, `${choice === 'follow' ? 'Following' : 'No longer following'} @${who}.`);
    }
    case 'online':
      return online(ctx);
    case 'login':
      return logIn(ctx, {});
    case 'signup':
      return signUp(ctx, {});
    case 'logout':
      if (await confirm({ message: 'Log out?', default: true })) return logOut(ctx);
  }
}
