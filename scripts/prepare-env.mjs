import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Settles AUTH_SECRET before the app starts. On the embedded database Chitter makes one secret and keeps it in
 * .data/ so `npm start` needs no settings; against a real database a missing or short secret stops the start.
 * Returns an error message, or null when all is well.
 */
export function prepareAuthSecret(env = process.env) {
  const secret = env.AUTH_SECRET;
  if (secret) {
    return secret.length >= 32 ? null : 'AUTH_SECRET is too short: use at least 32 characters (openssl rand -base64 48).';
  }
  if (env.DATABASE_URL) {
    return 'AUTH_SECRET is not set. With DATABASE_URL set, Chitter needs a secret shared by every instance: set AUTH_SECRET to at least 32 characters (openssl rand -base64 48).';
  }
  const dir = path.resolve(env.DATA_DIR || '.data');
  const file = path.join(dir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    console.log(`Chitter made a secret for signing sessions and kept it in ${file}`);
  }
  env.AUTH_SECRET = readFileSync(file, 'utf8').trim();
  return null;
}
