/**
 * Rate limits count in fixed windows, each a whole number of minutes starting on the clock (lib/rate-limit.ts). A test
 * that fills a limit first waits out an edge nearer than `needMs`, so all its tries land in one window of every limit.
 */
export async function clearOfLimitEdge(needMs: number, windowMs = 60_000): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 200));
}
