import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface User {
    username?: string;
    sid?: string;
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
