// Reads Server-Sent Events as a browser's EventSource would, for tests that hold a live stream open.

export type Received = { id: string | null; event: string; data: Record<string, unknown> };

/** An open live stream: everything it has received so far, and a way to wait for one event. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const received: Received[] = [];
  const done = (async () => {
    if (!res.ok || !res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done: ended, value } = await reader.read();
        if (ended) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
          const event = field('event');
          if (event) received.push({ id: field('id'), event, data: JSON.parse(field('data') ?? '{}') as Record<string, unknown> });
        }
      }
    } catch {
      // Closed by the test.
    }
  })();
  return {
    res,
    received,
    /** Settles as 'ended' once the server ends or cuts the stream. */
    ended: done.then(() => 'ended' as const),
    async waitFor(pick: (r: Received) => boolean, ms = 3_000): Promise<Received> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = received.find(pick);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching event in ${ms} ms; received ${received.length}, the last ${JSON.stringify(received.slice(-3))}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      abort.abort();
      await done;
    },
  };
}
