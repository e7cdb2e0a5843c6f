import { describe, expect, it } from 'vitest';
import { toolConnection } from '@/scripts/backup-tools';

describe('the connection pg_dump and pg_restore are given', () => {
  it('keeps the password out of the arguments, where any local user could read it, and passes it in the environment', () => {
    const { dbname, env } = toolConnection('postgres://chitter:s%2Fcr%40t@db.internal:5433/chitter?sslmode=require');
    expect(dbname).not.toContain('s%2Fcr%40t');
    expect(new URL(dbname)).toMatchObject({ username: 'chitter', password: '', host: 'db.internal:5433', pathname: '/chitter', search: '?sslmode=require' });
    expect(env).toEqual({ PGPASSWORD: 's/cr@t' });
  });

  it('adds nothing to the environment when the URL has no password', () => {
    expect(toolConnection('postgres://postgres@127.0.0.1:5432/chitter')).toEqual({ dbname: 'postgres://postgres@127.0.0.1:5432/chitter', env: {} });
  });
});
