import { spawn } from 'node:child_process';
import path from 'node:path';
import { closeDb } from '@/db';
import { runMigrations } from '@/db/migrate';
import { followUser } from '@/db/queries/follows';
import { createPeep } from '@/db/queries/peeps';
import { repostPeep } from '@/db/queries/reposts';
import { makeUser } from './factories';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type CommandResult = { code: number | null; stdout: string; stderr: string };

/** `npm run db:backup` or `db:restore` as an operator types it (npm's own chatter silenced), with `env` added. */
export function runDbCommand(script: 'db:backup' | 'db:restore', args: string[], env: Record<string, string | undefined>): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const MAIL = { delaySeconds: 60, perSenderPerHour: 5, perRecipientPerDay: 20, perPeep: 5 };

/**
 * Migrates the configured database and fills it with what a backup must carry: three people (one unconfirmed), peeps
 * with a mention (so mail waits in the outbox), follows and a repost. Leaves the database closed for the commands.
 */
export async function seedForBackup(extra?: (people: { ada: { id: number }; bo: { id: number }; cy: { id: number } }) => Promise<void>): Promise<void> {
  await runMigrations();
  const [ada, bo, cy] = [await makeUser(), await makeUser(), await makeUser({ verified: false })];
  const first = await createPeep({ authorId: ada.id, body: `hello @${bo.username}`, mentionHandles: [bo.username], mail: MAIL });
  await createPeep({ authorId: bo.id, body: 'a reply with ünïcödé and an emoji 🐦' });
  await extra?.({ ada, bo, cy });
  await followUser({ followerId: bo.id, username: ada.username });
  await followUser({ followerId: cy.id, username: ada.username });
  await repostPeep({ userId: bo.id, peepId: first.id });
  await closeDb();
}
