type PgError = { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };

function pgErrorOf(err: unknown): PgError | undefined {
  for (let e = err as PgError | undefined, depth = 0; e && depth < 5; e = e.cause as PgError | undefined, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
  }
  return undefined;
}

/** The constraint a unique violation (23505) broke, wherever the driver put it; null for any other error. */
export function uniqueViolation(err: unknown): string | null {
  const e = pgErrorOf(err);
  if (e?.code !== '23505') return null;
  return e.constraint_name ?? e.constraint ?? '';
}

/** The constraint (or trigger, which names one) a check violation (23514) broke; null for any other error. */
export function checkViolation(err: unknown): string | null {
  const e = pgErrorOf(err);
  if (e?.code !== '23514') return null;
  return e.constraint_name ?? e.constraint ?? '';
}

/**
 * Work refused without asking the database: it is known to be down (db/index.ts's circuit breaker), or a session
 * could not be checked because of that. Recognised by `isDatabaseUnavailable` by its code, like a driver's error.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(message = 'the database is unavailable', options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

const UNAVAILABLE_CODES = new Set(['DATABASE_UNAVAILABLE', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006', '57014']);

/** True when the database could not be reached or gave up (down, restarting, out of connections, statement timeout). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as PgError | undefined, depth = 0; e && depth < 5; e = e.cause as PgError | undefined, depth++) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  }
  return false;
}

/** True for a foreign key violation (23503): a row referred to was deleted meanwhile, such as a deleted account. */
export function foreignKeyViolation(err: unknown): boolean {
  return pgErrorOf(err)?.code === '23503';
}
