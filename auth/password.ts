import { hash, verify } from '@node-rs/argon2';

// argon2id at OWASP's floor (m=19 MiB, t=2, p=1); @node-rs/argon2 hashes off the main thread.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
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
