import { z } from 'zod';
import { PEEP_MAX_GRAPHEMES } from './graphemes';
import { peepLength } from './peep-length';

// Characters that no name may hold: C0, DEL and C1 controls and the line and paragraph separators (they break mail
// headers); bidi embeddings, overrides, isolates and marks (they make a name render as someone else's or reverse the
// text after it); zero-width characters and the BOM; and tag characters (invisible text).
// The joiners are kept where writing needs them: a zero-width joiner inside an emoji sequence (a family), and a
// non-joiner between letters (Persian and Indic names).
export const INVISIBLE_OR_CONTROL =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]|(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})|(?<!\p{L}\p{M}*)\u200c|\u200c(?!\p{L})/u;

/** Every text field is bounded in raw UTF-16 code units before any other work is done on it. */
export const RAW_LIMITS = { peep: 4000, name: 200, email: 320, identifier: 320, password: 256, username: 64 } as const;

const field = (message: string) => z.string({ error: message });

/** A handle's characters, to build patterns from; what the database's username check allows. */
export const HANDLE_CHARS = '[A-Za-z0-9_]{1,30}';
/** A whole handle as it may appear in a URL or form. */
export const HANDLE = new RegExp(`^${HANDLE_CHARS}$`);
export const isHandle = (value: unknown): value is string => typeof value === 'string' && HANDLE.test(value);

export const usernameSchema = field('Choose a username')
  .max(RAW_LIMITS.username, 'Usernames are at most 30 characters')
  .trim()
  .min(1, 'Choose a username')
  .max(30, 'Usernames are at most 30 characters')
  .regex(/^[A-Za-z0-9_]+$/, 'Use only letters, digits and underscores');

export const emailSchema = field('Enter your email address')
  .max(RAW_LIMITS.email, 'Email addresses are at most 254 characters')
  .trim()
  .min(1, 'Enter your email address')
  .max(254, 'Email addresses are at most 254 characters')
  .pipe(z.email('Enter a valid email address'));

export const nameSchema = field('Enter your name')
  .max(RAW_LIMITS.name, 'Names are at most 50 characters')
  .trim()
  .min(1, 'Enter your name')
  .max(50, 'Names are at most 50 characters')
  .refine((v) => !INVISIBLE_OR_CONTROL.test(v), 'Names cannot contain invisible, direction-changing or control characters');

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
  identifier: field('Enter your email or username')
    .max(RAW_LIMITS.identifier, 'That is too long to be an email or username')
    .refine((v) => !INVISIBLE_OR_CONTROL.test(v), 'That is not an email or username')
    .trim().min(1, 'Enter your email or username').max(254, 'That is too long to be an email or username'),
  password: field('Enter your password').min(1, 'Enter your password').max(256, 'Passwords are at most 256 characters'),
});

// Changing one's address asks for the current password, checked but never trimmed.
export const emailChangeSchema = z.object({
  email: emailSchema,
  password: field('Enter your current password').min(1, 'Enter your current password').max(256, 'Passwords are at most 256 characters'),
});

// The raw bound comes first and aborts: grapheme counting, whose cost grows faster than the text, only ever sees
// text under it. A web address counts 23 characters (peepLength), so the raw bound, not 280, limits a long one.
export const peepSchema = z.object({
  body: field('Write something first')
    .max(RAW_LIMITS.peep, { message: `Peeps are at most ${PEEP_MAX_GRAPHEMES} characters`, abort: true })
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .refine((v) => v.length > 0, 'Write something first')
    // PostgreSQL text cannot hold NUL; nothing typed contains one.
    .refine((v) => !v.includes('\u0000'), 'Peeps cannot contain NUL characters')
    .refine((v) => peepLength(v) <= PEEP_MAX_GRAPHEMES, `Peeps are at most ${PEEP_MAX_GRAPHEMES} characters`),
  // The compose form's idempotency key. A form without one (left open from an older release) still posts.
  clientKey: z
    .union([z.literal('').transform(() => undefined), z.uuid({ error: 'This form could not be read; reload the page and peep again' })])
    .optional(),
  // The peep a reply answers; empty for a peep that answers none.
  replyToId: z
    .union([z.literal('').transform(() => undefined), z.string().max(16).regex(/^[1-9]\d{0,14}$/).transform(Number)], { error: 'That peep doesn’t exist, so there’s nothing to reply to' })
    .optional(),
});

// What a person calls an API token, to tell their tokens apart in /settings/tokens.
export const tokenNameSchema = field('Name the token')
  .max(RAW_LIMITS.name, 'Token names are at most 60 characters')
  .trim()
  .min(1, 'Name the token')
  .max(60, 'Token names are at most 60 characters')
  .refine((v) => !INVISIBLE_OR_CONTROL.test(v), 'Token names cannot contain invisible or control characters');

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

/** "Forgot your password?": the account named as log-in names it, by email or handle. */
export const forgotPasswordSchema = z.object({ identifier: logInSchema.shape.identifier });

export const resetPasswordSchema = z.object({
  token: z.string().max(200),
  password: passwordSchema,
});

export const changePasswordSchema = z.object({
  currentPassword: field('Enter your current password').min(1, 'Enter your current password').max(256, 'Passwords are at most 256 characters'),
  newPassword: passwordSchema,
});
