/**
 * Works around a memory leak that took the server down after a few thousand rendered pages (react/react#37288,
 * nodejs/node#66129). React's server renderer, as Next.js 16.4 bundles it, aborts a controller with a new Error at
 * the end of every render, inside a setImmediate callback, and the signal keeps it as its reason. Until an Error's
 * `stack` is read, V8 keeps the frames it was made in; one frame's receiver is the Immediate, which holds the
 * render's AsyncLocalStorage store and, through the queue links Node leaves on Immediates that have run, the
 * Immediates and stores of every render after it. Reading the stack as the reason is set turns those frames into a
 * string, so finished renders are collected again.
 */
export function releaseAbortReasonFrames(): void {
  const abort = AbortController.prototype.abort;
  AbortController.prototype.abort = function (this: AbortController, reason?: unknown) {
    // What Node would give a reason-less abort, made here so its frames can be let go too.
    const why = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    if (why instanceof Error) void why.stack;
    return abort.call(this, why);
  };
}
