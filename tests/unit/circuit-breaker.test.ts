import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '@/db/circuit-breaker';
import { DatabaseUnavailableError, isDatabaseUnavailable } from '@/db/errors';

function breakerAt(start = 1_000) {
  const clock = { t: start };
  const breaker = createCircuitBreaker({ cooldownMs: 1000, probeMs: 5000, now: () => clock.t });
  return { breaker, clock };
}

describe('the database circuit breaker', () => {
  it('lets everything through while the database answers', () => {
    const { breaker } = breakerAt();
    expect(breaker.isOpen()).toBe(false);
    expect(breaker.tryConnect()).toBe(true);
    expect(breaker.tryConnect()).toBe(true);
  });

  it('fails work at once for the cool-down after a connection fails, then lets one probe try', () => {
    const { breaker, clock } = breakerAt();
    breaker.failed();
    expect(breaker.isOpen()).toBe(true);
    expect(breaker.tryConnect()).toBe(false);
    clock.t += 1000;
    expect(breaker.isOpen()).toBe(false);
    expect(breaker.tryConnect()).toBe(true);
    // While the probe tries, everyone else still fails fast, up to the connect timeout.
    expect(breaker.isOpen()).toBe(true);
    expect(breaker.tryConnect()).toBe(false);
    clock.t += 5000;
    expect(breaker.tryConnect()).toBe(true);
  });

  it('starts the cool-down again when the probe fails, and closes on any answer', () => {
    const { breaker, clock } = breakerAt();
    breaker.failed();
    clock.t += 1000;
    expect(breaker.tryConnect()).toBe(true);
    breaker.failed();
    clock.t += 999;
    expect(breaker.tryConnect()).toBe(false);
    expect(breaker.succeeded()).toBe(true);
    expect(breaker.succeeded()).toBe(false);
    expect(breaker.isOpen()).toBe(false);
    expect(breaker.tryConnect()).toBe(true);
  });

  it('refuses with an error that reads as the database being unavailable (a 503)', () => {
    expect(isDatabaseUnavailable(new DatabaseUnavailableError())).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: new DatabaseUnavailableError() }))).toBe(true);
  });
});
