import 'server-only';
import { createUser, DuplicateAccountError, findTakenFields, type PublicUser } from '@/db/queries/users';
import { hashPassword } from './password';
import type { SignUpInput } from './validation';

const TAKEN = { email: 'That email is already registered', username: 'That username is taken' } as const;

export type SignUpResult = { ok: true; user: PublicUser } | { ok: false; fieldErrors: Partial<Record<'email' | 'username', string>> };

/** Creates an account from checked input; a name or address already in use comes back as a field error. */
export async function registerUser(input: SignUpInput): Promise<SignUpResult> {
  const taken = await findTakenFields(input);
  if (taken.email || taken.username) {
    return { ok: false, fieldErrors: { ...(taken.email && { email: TAKEN.email }), ...(taken.username && { username: TAKEN.username }) } };
  }
  try {
    const user = await createUser({ email: input.email, username: input.username, name: input.name, passwordHash: await hashPassword(input.password) });
    return { ok: true, user };
  } catch (err) {
    // Someone took the name between the check and the insert: the unique index decided.
    if (err instanceof DuplicateAccountError) return { ok: false, fieldErrors: { [err.field]: TAKEN[err.field] } };
    throw err;
  }
}
