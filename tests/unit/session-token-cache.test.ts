import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken, encodeSessionToken } from '@/auth/session-token';

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

describe('sealing a session token, reissued', () => {
  it('gives the same token for the same contents within a minute, and a new one when the contents change', async () => {
    const first = await encodeSessionToken({ token: { sid: 'same', uid: 3 }, secret, salt });
    const again = await encodeSessionToken({ token: { sid: 'same', uid: 3, iat: 1, exp: 2, jti: 'old' }, secret, salt });
    expect(again).toBe(first);
    expect(await decodeSessionToken({ token: again, secret, salt })).toMatchObject({ sid: 'same', uid: 3 });
    const renamed = await encodeSessionToken({ token: { sid: 'same', uid: 3, name: 'New name' }, secret, salt });
    expect(renamed).not.toBe(first);
    expect(await decodeSessionToken({ token: renamed, secret, salt })).toMatchObject({ name: 'New name' });
    expect(await encodeSessionToken({ token: { sid: 'same', uid: 3 }, secret, salt: `__Secure-${salt}` })).not.toBe(first);
  });
});
