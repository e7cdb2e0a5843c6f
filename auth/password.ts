import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';

// argon2id at OWASP's floor (m=19 MiB, t=2, p=1); @node-rs/argon2 hashes off the main thread.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Each hash holds 19 MiB outside the JavaScript heap while it runs, and libuv runs four at once: a burst of log-ins
// waits its turn instead of growing the process by that much, and leaves threads for the rest of the server.
export const CONCURRENT_HASHES = 2;
const hashing = pLimit(CONCURRENT_HASHES);

export function hashPassword(password: string): Promise<string> {
  return hashing(() => hash(password, OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await hashing(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown account cannot be told apart by timing. */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummy ??= hashPassword('chitter-dummy-password-for-timing');
  await verifyPassword(await dummy, password);
  return false;
}
