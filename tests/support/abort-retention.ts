// Run by tests/unit/abort-reasons.test.ts as `node --expose-gc --import tsx tests/support/abort-retention.ts [patched]`:
// the shape of React's end-of-render abort, in many requests' AsyncLocalStorage contexts, and what stays reachable.
// Prints the megabytes of the requests' payloads still held after garbage collection.
import { AsyncLocalStorage } from 'node:async_hooks';
import { releaseAbortReasonFrames } from '../../server/abort-reasons';

if (process.argv.includes('patched')) releaseAbortReasonFrames();
const gc = (globalThis as { gc?: () => void }).gc!;
const requests = new AsyncLocalStorage<{ payload: Buffer }>();
const REQUESTS = 400;
// A few signals outlive their request, as some always do (a cache entry, a pending promise).
const kept: AbortSignal[] = [];
let done = 0;

for (let i = 0; i < REQUESTS; i++) {
  requests.run({ payload: Buffer.alloc(1 << 20, 1) }, () => {
    setImmediate(() => {
      const controller = new AbortController();
      controller.abort(new Error('This render completed successfully.'));
      const bare = new AbortController();
      bare.abort();
      if (i % 50 === 0) kept.push(controller.signal, bare.signal);
      if (++done === REQUESTS) setTimeout(report, 20);
    });
  });
}

function report() {
  gc();
  gc();
  console.log(Math.round(process.memoryUsage().arrayBuffers / 1048576));
  void kept;
}
