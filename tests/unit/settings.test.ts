import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { prepareSettings } from '@/server/settings';

describe('settings', () => {
  it('defaults to the embedded database with a pool of 10 and no proxy trust', () => {
    const env = parseEnv({ AUTH_SECRET: 's'.repeat(32) });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATABASE_POOL_MAX).toBe(10);
    expect(env.TRUST_PROXY).toBe(false);
  });

  it('refuses a short AUTH_SECRET with a message that says what to do', () => {
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
  });

  it('requires AUTH_SECRET when DATABASE_URL is set', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgres://localhost/chitter' })).toThrow(/AUTH_SECRET: is required when DATABASE_URL is set/);
  });
});

describe('the settings the server starts with', () => {
  it('makes one secret on the embedded database and keeps it in the data folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chitter-secret-'));
    const first: Record<string, string | undefined> = { DATA_DIR: dir };
    expect(prepareSettings(first).AUTH_SECRET!.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, 'auth-secret')).mode & 0o077).toBe(0);
    const second: Record<string, string | undefined> = { DATA_DIR: dir };
    expect(prepareSettings(second).AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8').trim()).toBe(first.AUTH_SECRET);
  });

  it('keeps no secret on disk for a database that lives only in memory', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'chitter-memory-'));
    const was = process.cwd();
    process.chdir(cwd);
    try {
      expect(prepareSettings({ DATA_DIR: 'memory://' }).AUTH_SECRET!.length).toBeGreaterThanOrEqual(32);
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      process.chdir(was);
    }
  });

  it('stops the start with DATABASE_URL and no secret, or a short one, with the rule lib/env.ts states', () => {
    expect(() => prepareSettings({ DATABASE_URL: 'postgres://x/y' })).toThrow(/AUTH_SECRET: is required when DATABASE_URL is set/);
    expect(() => prepareSettings({ AUTH_SECRET: 'tooshort' })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
  });
});
