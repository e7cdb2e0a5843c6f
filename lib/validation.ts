import { z } from 'zod';
import { countGraphemes, PEEP_MAX_GRAPHEMES } from './graphemes';

// C0, DEL and C1 controls, plus the Unicode line and paragraph separators: none belong in a display name or a mail header.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const field = (message: string) => z.string({ error: message });

/** A whole handle as it may appear in a URL or form: what the database's username check allows. */
export const HANDLE = /^[A-Za-z0-9_]{1,30}$/;
export const isHandle = (value: unknown): value is string => typeof value === 'string' && HANDLE.test(value);

export const usernameSchema = field('Choose a username')
  .trim()
  .min(1, 'Choose a username')
  .max(30, 'Usernames are at most 30 characters')
  .regex(/^[A-Za-z0-9_]+$/, 'Use only letters, digits and underscores');

export const emailSchema = field('Enter your email address')
  .trim()
  .min(1, 'Enter your email address')
  .max(254, 'Email addresses are at most 254 characters')
  .pipe(z.email('Enter a valid email address'));

export const nameSchema = field('Enter your name')
  .trim()
  .min(1, 'Enter your name')
  .max(50, 'Names are at most 50 characters')
  .refine((v) => !CONTROL.test(v), 'Names cannot contain control characters');

// Never trimmed or truncated: every character of a password counts.
export const passwordSchema = field('Choose a password')
  .min(8, 'Passwords need at least 8 characters')
  .max(256, 'Passwords are at most 256 characters');

export const signUpSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
  username: usernameSchema,
});

export const logInSchema = z.object({
  identifier: field('Enter your email or username').trim().min(1, 'Enter your email or username').max(254, 'That is too long to be an email or username'),
  password: field('Enter your password').min(1, 'Enter your password').max(256, 'Passwords are at most 256 characters'),
});

export const peepSchema = z.object({
  body: field('Write something first')
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .refine((v) => v.length > 0, 'Write something first')
    .refine((v) => countGraphemes(v) <= PEEP_MAX_GRAPHEMES, `Peeps are at most ${PEEP_MAX_GRAPHEMES} characters`)
    .refine((v) => [...v].length <= 4000, 'That peep is too long'),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

/** Field errors as `{ field: firstMessage }`, the shape the forms show beside each field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const flat = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  return Object.fromEntries(Object.entries(flat).flatMap(([k, v]) => (v?.length ? [[k, v[0]]] : [])));
}

/** Reads only the named fields from a form, as strings, so zod sees exactly what was typed. */
export function formValues<K extends string>(form: FormData, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = form.get(key);
    out[key] = typeof value === 'string' ? value : '';
  }
  return out;
}
