import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_FLOOR, floorOf, isSupportedNode } from '@/server/check-node';

describe('the Node.js version check', () => {
  it('takes its floor from package.json engines.node', () => {
    const engines = JSON.parse(readFileSync('package.json', 'utf8')).engines.node;
    expect(engines).toBe('>=22.12');
    expect(NODE_FLOOR).toBe('22.12');
    expect(floorOf('>=22.12.0')).toBe('22.12.0');
    expect(floorOf('^22.12.0 || >=24')).toBe('22.12.0');
    expect(() => floorOf('*')).toThrow(/engines.node/);
  });

  it('accepts the floor itself and anything newer', () => {
    for (const v of ['22.12.0', 'v22.12.0', '22.12.1', '22.23.3', 'v22.23.3', '23.0.0', '24.1.0', '26.0.0', '100.0.0']) {
      expect(isSupportedNode(v, '22.12'), v).toBe(true);
    }
  });

  it('refuses anything older, comparing numbers rather than text', () => {
    for (const v of ['20.20.2', 'v20.20.2', '20.9.0', '22.0.0', '22.11.9', '22.2.0', '18.20.8', '9.99.99', '0.12.18']) {
      expect(isSupportedNode(v, '22.12'), v).toBe(false);
    }
    // "22.9" sorts after "22.12" as text; as numbers it is older.
    expect(isSupportedNode('22.9.0', '22.12.0')).toBe(false);
    expect(isSupportedNode('22.100.0', '22.12.0')).toBe(true);
  });

  it('reads a prerelease or nightly as its release numbers', () => {
    expect(isSupportedNode('22.12.0-nightly20241203abcdef', '22.12')).toBe(true);
    expect(isSupportedNode('v22.11.0-rc.1', '22.12')).toBe(false);
  });

  it('passes on the Node.js these tests run on', () => {
    expect(isSupportedNode(process.version)).toBe(true);
  });

  it('lets a supported Node.js carry on, and stops an old one with one line on stderr and exit status 1', () => {
    const run = (call: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', '-e', `import('./server/check-node.ts').then((m) => { m.${call}; console.log('still running'); });`], {
        encoding: 'utf8',
      });

    const current = run('assertSupportedNode()');
    expect(current.stderr).toBe('');
    expect(current.stdout).toBe('still running\n');
    expect(current.status).toBe(0);

    const old = run("assertSupportedNode('20.20.2')");
    expect(old.stdout).toBe('');
    expect(old.stderr).toBe('Chitter needs Node.js 22.12 or later; this is 20.20.2. Install Node 22 LTS (https://nodejs.org) and try again.\n');
    expect(old.status).toBe(1);
  });
});
