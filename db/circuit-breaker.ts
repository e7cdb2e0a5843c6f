export type CircuitBreaker = {
  /** True while the database is known to be down and its cool-down has not passed: fail at once, do not try. */
  isOpen(): boolean;
  /** May a new connection be opened? Always while closed; once the cool-down has passed, one probe at a time. */
  tryConnect(): boolean;
  /** A connection failed: refused, reset, timed out, or closed before the server said anything. */
  failed(): void;
  /** The server answered on some connection, so it is up. True when it had been down until now. */
  succeeded(): boolean;
};

/**
 * The database's reachability as this process last saw it. After a failure, work fails at once for `cooldownMs`
 * instead of queueing behind connection attempts that will fail; then one probe connection may try for up to
 * `probeMs` (the connect timeout) while everything else keeps failing fast, and any answer closes the breaker.
 */
export function createCircuitBreaker({ cooldownMs, probeMs, now = Date.now }: { cooldownMs: number; probeMs: number; now?: () => number }): CircuitBreaker {
  let down = false;
  let waitUntil = 0;
  return {
    isOpen: () => down && now() < waitUntil,
    tryConnect() {
      if (!down) return true;
      if (now() < waitUntil) return false;
      waitUntil = now() + probeMs;
      return true;
    },
    failed() {
      down = true;
      waitUntil = now() + cooldownMs;
    },
    succeeded() {
      const recovered = down;
      down = false;
      return recovered;
    },
  };
}
