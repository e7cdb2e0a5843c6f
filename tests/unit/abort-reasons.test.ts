import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Megabytes of 400 finished requests' 1 MB payloads still reachable, with or without the server's workaround. */
function retainedMb(mode: 'plain' | 'patched'): number {
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/support/abort-retention.ts', mode], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim());
}

describe('abort reasons made at the end of a render', () => {
  it('hold on to the requests that ran after them in this Node, until their stacks are read', () => {
    // If this starts failing, Node no longer chains finished Immediates together and the workaround can go.
    expect(retainedMb('plain')).toBeGreaterThan(200);
  });

  it('let every finished request go once the server reads them as they are set', () => {
    expect(retainedMb('patched')).toBeLessThan(20);
  });
});
