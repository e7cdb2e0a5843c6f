import type { AsyncLocalStorage } from 'node:async_hooks';

type Slot = { status?: number };

// Chitter's server (scripts/server.mjs) runs each request inside this store and applies the status on the way out:
// Next.js gives server actions and server components no way to choose a response's status.
function currentSlot(): Slot | undefined {
  const store = (globalThis as { __chitterResponse?: AsyncLocalStorage<Slot> }).__chitterResponse;
  return store?.getStore();
}

/** Sets the HTTP status of the response being rendered (a failed no-JS form post, a 429, a 503). */
export function setResponseStatus(status: number): void {
  const slot = currentSlot();
  if (slot) slot.status = status;
}
