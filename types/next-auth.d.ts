import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface User {
    username?: string;
    sid?: string;
  }
  interface Session {
    /** The session row could not be checked because the database is unavailable (auth/session-token.ts). */
    unverified?: boolean;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    sid?: string;
    uid?: number;
    username?: string;
    unverified?: boolean;
  }
}
