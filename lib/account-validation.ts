import { z } from 'zod';
import { usernameSchema } from './validation';

// Typed only to confirm who is asking: never trimmed, and bounded before it is hashed.
const currentPassword = z
  .string({ error: 'Enter your password' })
  .min(1, 'Enter your password')
  .max(256, 'Passwords are at most 256 characters');

/** A new handle follows sign-up's rules. */
export const changeHandleSchema = z.object({ username: usernameSchema, password: currentPassword });

export const deleteAccountSchema = z.object({
  password: currentPassword,
  confirm: z.literal('on', { error: 'Tick the box to say you understand this cannot be undone' }),
});
