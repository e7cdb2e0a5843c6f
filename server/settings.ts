import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv, type Env } from '@/lib/env';
import { log } from '@/lib/log';

/**
 * Reads and checks the settings before anything starts. On the embedded database with no AUTH_SECRET, Chitter
 * makes one and keeps it in the data folder, so `npm start` needs no settings; every rule about what a valid
 * setting is lives in lib/env.ts. Throws with a message that names each bad setting.
 */
export function prepareSettings(source: Record<string, string | undefined> = process.env): Env {
  if (!source.AUTH_SECRET && !source.DATABASE_URL) {
    // A database that lives only as long as the process has sessions that do too, and no folder to keep a secret in.
    source.AUTH_SECRET = source.DATA_DIR === 'memory://' ? newSecret() : keptSecret(path.resolve(source.DATA_DIR || '.data'));
  }
  return parseEnv(source);
}

function newSecret(): string {
  return randomBytes(48).toString('base64url');
}

/** The secret kept in `dir`, made there the first time. */
function keptSecret(dir: string): string {
  const file = path.join(dir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, newSecret() + '\n', { mode: 0o600, flag: 'wx' });
    log.info(`Chitter made a secret for signing sessions and kept it in ${file}`);
  }
  return readFileSync(file, 'utf8').trim();
}
