import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The command that serves the built app, as `npm start` runs it. It builds first when the build is missing or stale (slow). */
export const APP_SERVER_COMMAND: readonly string[] = [process.execPath, '--max-old-space-size=256', '--import', 'tsx', 'server/main.ts'];

const ROOT = path.resolve(import.meta.dirname, '../..');

export type AppServer = {
  url: string;
  /** Everything the server printed so far, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
  /** Sends the server process a signal, as a process manager would. */
  kill(signal: NodeJS.Signals): void;
  /** How the server process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Starts the app server on a loopback port (a free one unless `port` is given) with `env` added and waits until it answers.
 * It runs this checkout's `server/main.ts` unless `root` names another one.
 */
export async function startAppServer({
  env,
  appUrl,
  port,
  root = ROOT,
  timeoutMs = 300_000,
}: {
  env: Record<string, string>;
  /** The public address the server is told it has (APP_URL); by default the loopback address it listens on. */
  appUrl?: string;
  /** A port chosen beforehand, e.g. one a proxy in front was already told. */
  port?: number;
  /**
   * The checkout whose `server/main.ts` runs, with its own node_modules and build: by default this one. Another one
   * (e.g. an older release's, built beforehand, as its server would otherwise build itself first) runs with its own code.
   */
  root?: string;
  timeoutMs?: number;
}): Promise<AppServer> {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [command, ...args] = APP_SERVER_COMMAND;
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', HOST: '127.0.0.1', APP_URL: appUrl ?? url, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));

  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (child.exitCode !== null) throw new Error(`the app server exited (${child.exitCode}) before answering:\n${output}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`the app server did not answer ${url}/login within ${timeoutMs} ms:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/login`, { signal: AbortSignal.timeout(5000) })).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, output: () => output, stop: () => stopChild(child), kill: (signal) => void child.kill(signal), exited };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A loopback port nothing listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
