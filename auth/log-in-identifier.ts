/**
 * The account a log-in names, as it is looked up and as its rate limits count it: trimmed, and "@handle" read as the
 * handle, since that is how Chitter shows handles. Anything with a second @ stays as typed (an email address).
 */
export function logInIdentifier(typed: string): string {
  const text = typed.trim();
  return /^@[^@]+$/.test(text) ? text.slice(1).trim() : text;
}
