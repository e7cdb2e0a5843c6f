import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, logInSchema, peepSchema, signUpSchema } from '@/lib/validation';

const valid = { email: 'sam@example.com', password: 'correct horse', name: 'Sam Morgan', username: 'sjmog' };

function errorsFor(input: Record<string, string>) {
  const result = signUpSchema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

describe('sign-up validation', () => {
  it('accepts a well-formed sign-up and keeps the username as typed', () => {
    const result = signUpSchema.parse({ ...valid, username: 'Sam_Morgan_01' });
    expect(result.username).toBe('Sam_Morgan_01');
  });

  it.each([
    ['', 'Choose a username'],
    ['a'.repeat(31), 'Usernames are at most 30 characters'],
    ['sam morgan', 'Use only letters, digits and underscores'],
    ['sam-morgan', 'Use only letters, digits and underscores'],
    ['sám', 'Use only letters, digits and underscores'],
  ])('refuses the username %j', (username, message) => {
    expect(errorsFor({ ...valid, username }).username).toBe(message);
  });

  it('accepts a 30-character username', () => {
    expect(errorsFor({ ...valid, username: 'a'.repeat(30) })).toEqual({});
  });

  it.each([
    ['not-an-email', 'Enter a valid email address'],
    ['', 'Enter your email address'],
    [`${'a'.repeat(245)}@example.com`, 'Email addresses are at most 254 characters'],
  ])('refuses the email %j', (email, message) => {
    expect(errorsFor({ ...valid, email }).email).toBe(message);
  });

  it('refuses names with control characters, which could otherwise reach a mail header', () => {
    expect(errorsFor({ ...valid, name: 'Sam\r\nBcc: x@y.z' }).name).toBe('Names cannot contain invisible, direction-changing or control characters');
    expect(errorsFor({ ...valid, name: 'Sam\u0007' }).name).toBe('Names cannot contain invisible, direction-changing or control characters');
  });

  it('keeps HTML, quotes and emoji in a name verbatim', () => {
    expect(signUpSchema.parse({ ...valid, name: `<b>Bobby</b> "'); DROP TABLE users;-- 👩‍👩‍👧` }).name).toBe(`<b>Bobby</b> "'); DROP TABLE users;-- 👩‍👩‍👧`);
  });

  it('refuses names over 50 characters and empty ones', () => {
    expect(errorsFor({ ...valid, name: 'x'.repeat(51) }).name).toBe('Names are at most 50 characters');
    expect(errorsFor({ ...valid, name: '   ' }).name).toBe('Enter your name');
  });

  it('takes a 256-character password whole and refuses 257 or under 8', () => {
    const long = 'p'.repeat(255) + 'X';
    expect(signUpSchema.parse({ ...valid, password: long }).password).toBe(long);
    expect(errorsFor({ ...valid, password: long + 'y' }).password).toBe('Passwords are at most 256 characters');
    expect(errorsFor({ ...valid, password: 'short' }).password).toBe('Passwords need at least 8 characters');
  });

  it('does not trim a password: spaces are part of it', () => {
    expect(signUpSchema.parse({ ...valid, password: '  spaced out  ' }).password).toBe('  spaced out  ');
  });

  it('reports every bad field at once', () => {
    expect(Object.keys(errorsFor({ email: 'x', password: '1', name: '', username: '!' })).sort()).toEqual(['email', 'name', 'password', 'username']);
  });
});

describe('log-in validation', () => {
  it('asks for both fields', () => {
    const result = logInSchema.safeParse({ identifier: ' ', password: '' });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error)).toEqual({ identifier: 'Enter your email or username', password: 'Enter your password' });
  });
});

describe('peep validation', () => {
  it('trims and keeps inner line breaks', () => {
    expect(peepSchema.parse({ body: '  hello\r\nworld \n' }).body).toBe('hello\nworld');
  });

  it('refuses an empty or blank peep', () => {
    expect(peepSchema.safeParse({ body: ' \n\t ' }).success).toBe(false);
  });

  it('counts user-perceived characters: 280 family emoji fit, 281 do not', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(peepSchema.safeParse({ body: family.repeat(280) }).success).toBe(true);
    const over = peepSchema.safeParse({ body: family.repeat(281) });
    expect(over.success).toBe(false);
    if (!over.success) expect(fieldErrorsOf(over.error).body).toBe('Peeps are at most 280 characters');
  });

  it('allows exactly 280 letters and refuses 281', () => {
    expect(peepSchema.safeParse({ body: 'a'.repeat(280) }).success).toBe(true);
    expect(peepSchema.safeParse({ body: 'a'.repeat(281) }).success).toBe(false);
  });

  it('takes the compose form’s key when it is a UUID, posts without one, and refuses anything else', () => {
    const key = crypto.randomUUID();
    expect(peepSchema.parse({ body: 'hi', clientKey: key }).clientKey).toBe(key);
    expect(peepSchema.parse({ body: 'hi', clientKey: '' }).clientKey).toBeUndefined();
    expect(peepSchema.parse({ body: 'hi' }).clientKey).toBeUndefined();
    const bad = peepSchema.safeParse({ body: 'hi', clientKey: 'not-a-key' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(fieldErrorsOf(bad.error).clientKey).toMatch(/reload the page/);
  });
});
