// @ts-check

/** What each exit code means; `chitter --help` prints this list. */
export const EXIT = /** @type {const} */ ({
  ok: 0,
  unexpected: 1,
  usage: 2,
  notLoggedIn: 3,
  notFound: 4,
  refused: 5,
  rateLimited: 6,
  unreachable: 7,
  interrupted: 130,
});

export const EXIT_CODES_HELP = `Exit codes:
  0  done
  1  unexpected error
  2  usage error (unknown command or option, missing input)
  3  not logged in, or the server rejected the token (401)
  4  not found (404)
  5  refused (400, 403, 409, 413, 415, 422)
  6  rate limited (429); the wait is printed
  7  server unreachable, or it failed (5xx)
  130  stopped with Ctrl-C at a prompt (Ctrl-C ends timeline --follow and the menu with 0)`;

/** A failure to tell the person about, in a sentence, with the exit code that says what kind it was. */
export class CliError extends Error {
  /**
   * @param {number} exitCode
   * @param {string} message
   * @param {Record<string, string>} [fields] per input field, what is wrong with it
   */
  constructor(exitCode, message, fields) {
    super(message);
    this.exitCode = exitCode;
    this.fields = fields;
  }
}

/** @param {number} status */
export function exitCodeOf(status) {
  if (status === 401) return EXIT.notLoggedIn;
  if (status === 404) return EXIT.notFound;
  if (status === 429) return EXIT.rateLimited;
  if (status >= 500) return EXIT.unreachable;
  if (status >= 400) return EXIT.refused;
  return EXIT.unexpected;
}

export const notLoggedIn = () => new CliError(EXIT.notLoggedIn, 'You are not logged in to this server. Run: chitter login');
export const usage = (/** @type {string} */ message) => new CliError(EXIT.usage, message);
