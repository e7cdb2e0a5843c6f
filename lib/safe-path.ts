/** A path on this site to go back to after a form, never another origin (//evil.test, /\evil.test, https://…). */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && value.length <= 500 && /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}
