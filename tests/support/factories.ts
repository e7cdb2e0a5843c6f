import { registerUser } from '@/lib/sign-up';

let counter = 0;

/** A person signed up through the real sign-up path (argon2 and all). */
export async function makeUser(overrides: Partial<{ username: string; email: string; name: string; password: string }> = {}) {
  counter++;
  const input = {
    username: overrides.username ?? `person${counter}`,
    email: overrides.email ?? `person${counter}@example.com`,
    name: overrides.name ?? `Person ${counter}`,
    password: overrides.password ?? 'correct horse battery',
  };
  const result = await registerUser(input);
  if (!result.ok) throw new Error(`could not make user: ${JSON.stringify(result.fieldErrors)}`);
  return { ...result.user, email: input.email, password: input.password };
}
