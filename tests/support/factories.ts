import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { emailVerifications } from '@/db/schema';
import { confirmEmailAddress } from '@/lib/email-verification';
import { registerUser } from '@/lib/sign-up';
import { signVerificationToken } from '@/lib/verification-token';

let counter = 0;

/** The link the newest verification mail for this person carries (its token), as the worker would write it. */
export async function latestVerificationToken(userId: number): Promise<string> {
  const db = await getDb();
  const [row] = await db.select({ seed: emailVerifications.seed }).from(emailVerifications).where(eq(emailVerifications.userId, userId)).orderBy(desc(emailVerifications.id)).limit(1);
  if (!row) throw new Error(`no verification for user ${userId}`);
  return signVerificationToken(row.seed);
}

/**
 * A person signed up through the real sign-up path (argon2 and all) and, unless `verified: false`, with their
 * address proven by following their own verification link.
 */
export async function makeUser(overrides: Partial<{ username: string; email: string; name: string; password: string; verified: boolean }> = {}) {
  counter++;
  const input = {
    username: overrides.username ?? `person${counter}`,
    email: overrides.email ?? `person${counter}@example.com`,
    name: overrides.name ?? `Person ${counter}`,
    password: overrides.password ?? 'correct horse battery',
  };
  const result = await registerUser(input);
  if (!result.ok) throw new Error(`could not make user: ${JSON.stringify(result.fieldErrors)}`);
  if (overrides.verified ?? true) {
    const confirmed = await confirmEmailAddress(await latestVerificationToken(result.user.id));
    if (!confirmed.ok) throw new Error(`could not verify user: ${confirmed.reason}`);
  }
  return { ...result.user, email: input.email, password: input.password };
}
