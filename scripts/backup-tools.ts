// What `npm run db:backup` and `npm run db:restore` share: running PostgreSQL's client tools, and one-line errors.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** A failure the operator can act on; its message is printed as the one line the command says. */
export class BackupError extends Error {}

/**
 * An error as one line: the driver's own reason rather than Drizzle's "Failed query" wrapper around it, and the
 * settings' list of problems folded onto one line.
 */
export function oneLine(err: unknown): string {
  if (err instanceof BackupError) return err.message;
  let root = err;
  while (root instanceof Error && root.cause instanceof Error) root = root.cause;
  const text = root instanceof Error ? root.message : String(root);
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * The database URL for a client tool's `--dbname` without its password, and the password for the tool's environment:
 * an argument is visible to every local user in `ps`, and a tool's error may quote the URL it was given.
 */
export function toolConnection(url: string): { dbname: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs pg_dump or pg_restore without a shell, so nothing in a path or URL is interpreted. */
export function runTool(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') reject(new BackupError(`${command} was not found: install PostgreSQL's client tools (the server's major version or newer) and put them on PATH`));
      else reject(err);
    });
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The line of a tool's output that says what went wrong: its first "error:" line, else its first line. */
export function toolError(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => /\berror:/.test(line)) ?? lines[0] ?? 'it failed without saying why';
}

/** A path as the operator typed it: npm runs scripts in the package's folder, and says where it was called from in INIT_CWD. */
export function callerPath(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** `chitter-20261206-224501.dump`: sorts by time and names no database. */
export function timestampedName(extension: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `chitter-${stamp}${extension}`;
}

/**
 * PGlite writes `postmaster.pid` in the data folder while a process has it open and removes it on a clean close, but
 * takes no lock: a second process would open the same folder and corrupt it. So its presence means a server is
 * running (or one stopped uncleanly).
 */
export function assertEmbeddedNotInUse(dataDir: string): void {
  if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
    throw new BackupError(
      `The embedded database in ${dataDir} is in use: stop Chitter first (if none is running it stopped uncleanly; start and stop it once)`,
    );
  }
}
