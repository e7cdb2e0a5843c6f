import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/auth/password';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Megabytes a fresh process's peak memory grows by while 16 passwords are hashed at once. */
function burstGrowthMb(mode: 'bounded' | 'plain'): number {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/hash-burst.ts', mode], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim());
}

describe('a burst of log-ins', () => {
  it('would take 19 MiB for every hash the library runs at once', () => {
    // Four at once on libuv's threads (one was already resident): clearly apart from two at a time.
    expect(burstGrowthMb('plain')).toBeGreaterThan(45);
  });

  it('takes memory for two hashes at a time, however many people log in at once', () => {
    expect(burstGrowthMb('bounded')).toBeLessThan(35);
  });

  it('still checks every password it queues', async () => {
    const hashes = await Promise.all(['one', 'two', 'three', 'four', 'five'].map((p) => hashPassword(`correct horse ${p}`)));
    const checks = await Promise.all(hashes.map((h, i) => verifyPassword(h, i === 2 ? 'wrong' : `correct horse ${['one', 'two', 'three', 'four', 'five'][i]}`)));
    expect(checks).toEqual([true, true, false, true, true]);
  });
});
