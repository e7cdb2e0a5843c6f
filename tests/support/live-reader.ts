/**
 * A live page's stream as a browser's EventSource keeps it: when the stream ends or breaks it waits the `retry:` the
 * server asked for and connects again with `Last-Event-ID`; an answer other than 200 ends it for good, as it would
 * in a browser.
 */
export type LiveReader = {
  /** Every peep announced to this page, over all its connections. */
  peepIds: Set<number>;
  /** Each connection's answer, in order. */
  connections: { status: number }[];
  waitForPeep(peepId: number, ms: number): Promise<void>;
  close(): Promise<void>;
};

export async function openLiveReader(url: string): Promise<LiveReader> {
  const abort = new AbortController();
  const peepIds = new Set<number>();
  const connections: { status: number }[] = [];
  let lastId: string | null = null;
  let retryMs = 2_000;
  let firstAnswer!: () => void;
  const answered = new Promise<void>((resolve) => (firstAnswer = resolve));

  const connectOnce = async (): Promise<boolean> => {
    const res = await fetch(url, { headers: lastId ? { 'last-event-id': lastId } : {}, signal: abort.signal });
    connections.push({ status: res.status });
    firstAnswer();
    if (res.status !== 200 || !res.body) return false;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
        const id = field('id');
        if (id) lastId = id;
        const retry = field('retry');
        if (retry) retryMs = Number(retry);
        if (field('event') === 'peep') peepIds.add((JSON.parse(field('data') ?? '{}') as { peepId: number }).peepId);
      }
    }
  };

  const running = (async () => {
    while (!abort.signal.aborted) {
      try {
        if (!(await connectOnce())) return;
      } catch {
        // Broken mid-stream, or refused: reconnect after the retry interval, unless the test closed it.
        firstAnswer();
      }
      if (abort.signal.aborted) return;
      await new Promise((r) => setTimeout(r, retryMs));
    }
  })();
  await answered;

  return {
    peepIds,
    connections,
    async waitForPeep(peepId, ms) {
      const deadline = Date.now() + ms;
      while (!peepIds.has(peepId)) {
        if (Date.now() > deadline) throw new Error(`peep ${peepId} did not reach a live page in ${ms} ms (connections: ${JSON.stringify(connections)})`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      abort.abort();
      await running;
    },
  };
}
