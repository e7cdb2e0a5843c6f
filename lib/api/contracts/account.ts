import { z } from 'zod';
import { logInSchema, signUpSchema, tokenNameSchema } from '@/lib/validation';
import { contract } from '../contract';

export const meShape = z.object({ username: z.string(), name: z.string() }).meta({ id: 'Me' });

const tokenName = tokenNameSchema.optional().meta({ description: 'What to call the token in /settings/tokens (default: “API”).' });

export const issuedTokenShape = z
  .object({
    token: z.string().meta({ description: 'Send as `Authorization: Bearer <token>`. Shown this once; Chitter keeps only its hash.' }),
    user: meShape,
  })
  .meta({ id: 'IssuedToken' });

export const accountContracts = {
  signUp: contract({
    method: 'POST',
    path: '/signup',
    operationId: 'signUp',
    summary: 'Create an account',
    description: 'The same rules as the web’s sign-up form, and its limit per address. A mail asks to confirm the address; until then Chitter mails it nothing else. Answers a token, as log-in does.',
    tag: 'Account',
    auth: 'none',
    selfLimited: true,
    body: signUpSchema.extend({ tokenName }),
    responses: { 201: { description: 'The account, and a token for it.', schema: issuedTokenShape } },
  }),
  logIn: contract({
    method: 'POST',
    path: '/login',
    operationId: 'logIn',
    summary: 'Log in, for a personal access token',
    description: 'By email or handle. A wrong password and an unknown account get the same answer; the web’s log-in limits apply.',
    tag: 'Account',
    auth: 'none',
    selfLimited: true,
    body: logInSchema.extend({ tokenName }),
    responses: { 201: { description: 'A new token.', schema: issuedTokenShape } },
  }),
  logOut: contract({
    method: 'POST',
    path: '/logout',
    operationId: 'logOut',
    summary: 'Revoke the token sent',
    description: 'The token stops working at once, and its open live streams close.',
    tag: 'Account',
    auth: 'required',
    responses: { 204: { description: 'Revoked.' } },
  }),
  me: contract({
    method: 'GET',
    path: '/me',
    operationId: 'getMe',
    summary: 'Who the token belongs to',
    tag: 'Account',
    auth: 'required',
    responses: { 200: { description: 'The token’s owner.', schema: meShape } },
  }),
};
