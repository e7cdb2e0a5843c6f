import NextAuth, { AuthError, CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { isDatabaseUnavailable } from '@/db/errors';
import { deleteSession, SESSION_MAX_AGE_SECONDS } from '@/db/queries/sessions';
import { clientIpFrom } from '@/lib/client-ip';
import { env } from '@/lib/env';
import { noteSessionSeen } from '@/server/context';
import { attemptLogIn } from '@/auth/log-in';
import { decodeSessionToken, encodeSessionToken, usesSecureCookies, verifySessionToken } from '@/auth/session-token';
import { log } from '@/lib/log';

export class InvalidLogIn extends CredentialsSignin {
  code = 'invalid';
}

export class RateLimitedLogIn extends CredentialsSignin {
  code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/** The database could not be reached to check the log-in: not a wrong password, a 503. */
export class UnavailableLogIn extends CredentialsSignin {
  code = 'unavailable';
}

// Configured lazily so that importing this module (as `next build` does) reads no settings.
export const { signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  // From the public address, never from what a proxy says: a TLS proxy that sends no X-Forwarded-Proto must still
  // get a Secure, __Secure- prefixed session cookie.
  useSecureCookies: usesSecureCookies(),
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {} },
      async authorize(credentials, request) {
        const identifier = typeof credentials.identifier === 'string' ? credentials.identifier : '';
        const password = typeof credentials.password === 'string' ? credentials.password : '';
        const result = await attemptLogIn({ identifier, password, ip: clientIpFrom(request.headers), userAgent: request.headers.get('user-agent') }).catch((err: unknown) => {
          // Auth.js would wrap any other error as a failed callback, which the form reports as a wrong password.
          throw isDatabaseUnavailable(err) ? new UnavailableLogIn() : err;
        });
        if (result.ok) return { id: String(result.user.id), name: result.user.name, username: result.user.username, sid: result.sessionId };
        if (result.reason === 'rate_limited') throw new RateLimitedLogIn(result.retryAfterSeconds);
        throw new InvalidLogIn();
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      noteSessionSeen();
      if (user) return { sid: user.sid, uid: Number(user.id), username: user.username, name: user.name };
      return verifySessionToken(token);
    },
  },
  events: {
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string') await deleteSession({ sessionId: sid });
    },
  },
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      // A cookie that is not a token of ours (expired, damaged or made up) is read as nobody; it is not a fault of
      // the server, and anyone could fill the log with them.
      if (error instanceof AuthError && error.type === 'JWTSessionError') return;
      log.error({ err: error }, 'Auth.js error');
    },
  },
}));
