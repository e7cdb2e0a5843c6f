// Run by tests/unit/password-hashing.test.ts as `node --import tsx tests/support/hash-burst.ts bounded|plain`: a burst
// of 16 password checks at once, through Chitter's hashing or straight to the library. Prints how many megabytes the
// process's peak resident memory grew by.
import { hash } from '@node-rs/argon2';
import { hashPassword } from '../../auth/password';

const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const hashOnce = process.argv.includes('plain') ? (p: string) => hash(p, OPTIONS) : hashPassword;

async function main() {
  await hashOnce('warm the library up');
  const before = process.resourceUsage().maxRSS;
  await Promise.all(Array.from({ length: 16 }, (_, i) => hashOnce(`a burst of log-ins ${i}`)));
  console.log(Math.round((process.resourceUsage().maxRSS - before) / 1024));
}

void main();
