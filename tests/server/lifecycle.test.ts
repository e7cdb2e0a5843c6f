import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { hiddenFields, postForm } from '../support/no-js-forms';

let app: AppServer | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'chitter-lifecycle-'));

describe('behind a TLS proxy that sends no X-Forwarded-Proto', () => {
  it('takes https from APP_URL: a __Secure- session cookie marked Secure, and Strict-Transport-Security', async () => {
    app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: dataDir(), WORKER: 'off' }, appUrl: 'https://chitter.example' });
    const signup = await fetch(`${app.url}/signup`);
    expect(signup.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const username = `tls${Date.now().toString(36)}`;
    const res = await postForm(`${app.url}/signup`, {
      ...hiddenFields(await signup.text(), 'name="username"'),
      name: 'Tls Tester',
      username,
      email: `${username}@example.com`,
      password: 'a long enough passphrase',
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.includes('session-token'))!;
    expect(cookie).toMatch(/^__Secure-authjs\.session-token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
  });
});

/** A no-JavaScript log-in whose head and half its body have arrived: the action waits for the rest. */
async function logInInFlight(server: AppServer) {
  const page = await (await fetch(`${server.url}/login`)).text();
  const boundary = 'chitterboundary';
  const fields = { ...hiddenFields(page, 'name="identifier"'), identifier: 'nobody', password: 'not the password' };
  const body =
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') + `--${boundary}--\r\n`;
  const url = new URL(server.url);
  const socket = net.connect(Number(url.port), url.hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.on('error', () => {});
  let answer = '';
  socket.on('data', (d) => (answer += d));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.write(
    `POST /login HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${server.url}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
  );
  socket.write(body.slice(0, body.length / 2));
  await new Promise((r) => setTimeout(r, 300));
  return {
    socket,
    async finish() {
      // Written, not ended: a client that half-closes its side is taken to have given up (Node drops its request).
      socket.write(body.slice(body.length / 2));
      await closed;
      return answer;
    },
  };
}

describe('stopping', () => {
  it('on SIGTERM refuses new connections, finishes the request in flight, and exits 0', async () => {
    app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: dataDir(), WORKER: 'off' } });
    const inFlight = await logInInFlight(app);

    app.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await expect(fetch(`${app.url}/login`, { signal: AbortSignal.timeout(3_000) })).rejects.toThrow();

    const answer = await inFlight.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toContain('do not match an account');
    expect(await app.exited).toEqual({ code: 0, signal: null });
  });

  it('exits at once on a second SIGTERM', async () => {
    app = await startAppServer({ env: { DATABASE_URL: '', DATA_DIR: dataDir(), WORKER: 'off' } });
    const inFlight = await logInInFlight(app);
    app.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    // The first stop is still waiting for the request in flight.
    expect(app.output()).toContain('finishing 1 request(s) in flight');
    const started = Date.now();
    app.kill('SIGTERM');
    const exit = await app.exited;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(exit.code).toBe(1);
    inFlight.socket.destroy();
  });
});
