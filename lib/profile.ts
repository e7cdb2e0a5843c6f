import { z } from 'zod';
import { BIO_MAX_GRAPHEMES, countGraphemes } from './graphemes';
import { nameSchema } from './validation';

/** A bio is bounded in raw UTF-16 code units before its graphemes are counted; the database's check is the same. */
export const BIO_RAW_LIMIT = 2000;
const BIO_TOO_LONG = `Bios are at most ${BIO_MAX_GRAPHEMES} characters`;

export const bioSchema = z
  .string({ error: BIO_TOO_LONG })
  .max(BIO_RAW_LIMIT, { message: BIO_TOO_LONG, abort: true })
  .transform((v) => v.replace(/\r\n?/g, '\n').trim())
  // PostgreSQL text cannot hold NUL; nothing typed contains one.
  .refine((v) => !v.includes('\u0000'), 'Bios cannot contain NUL characters')
  .refine((v) => countGraphemes(v) <= BIO_MAX_GRAPHEMES, BIO_TOO_LONG);

export const profileSchema = z.object({ name: nameSchema, bio: bioSchema });
