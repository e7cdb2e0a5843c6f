import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken } from '@/auth/session-token';

const secret = 'a-test-secret-that-is-long-enough-for-auth-js-0123456789';
const salt = 'authjs.session-token';

describe('decoding a session token, remembered', () => {
  it('reads what Auth.js wrote, the same the second time, and a copy each time', async () => {
    const token = await encode({ token: { sid: 'abc', uid: 7 }, secret, salt });
    const first = await decodeSessionToken({ token, secret, salt });
    expect(first).toMatchObject({ sid: 'abc', uid: 7 });
    first!.uid = 8;
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject({ sid: 'abc', uid: 7 });
  });

  it('refuses a token that is expired, tampered with, sealed with another secret or salt, or missing', async () => {
    const expired = await encode({ token: { sid: 'old', uid: 1 }, secret, salt, maxAge: -60 });
    const good = await encode({ token: { sid: 'abc', uid: 7 }, secret, salt });
    const tampered = good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    // Auth.js throws for these, and treats a throw as no session.
    await expect(decodeSessionToken({ token: expired, secret, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: tampered, secret, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: good, secret: `${secret}x`, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: good, secret, salt: `__Secure-${salt}` })).rejects.toThrow();
    expect(await decodeSessionToken({ token: undefined, secret, salt })).toBeNull();
  });

  it('stops accepting a remembered token once it expires', async () => {
    const token = await encode({ token: { sid: 'soon', uid: 2 }, secret, salt, maxAge: 2 });
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject({ sid: 'soon' });
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await decodeSessionToken({ token, secret, salt })).toBeNull();
  });
});
