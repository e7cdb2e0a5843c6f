// The live scenario of `npm run bench`: `streams` open Everyone streams (each from an address of its own, as behind a
// proxy), peeps posted at `rate` a second through the real action, and for every stream when each peep arrived.
// Returns delivery latency from the peep's commit (its event's time) to arrival, p50/p99/max, and deliveries missed.
import http from 'node:http';

function openStream(base, address, onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/live?stream=everyone`, { headers: { 'x-forwarded-for': address }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`live stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes('event: peep')) continue;
          const data = JSON.parse(block.split('\n').find((line) => line.startsWith('data: ')).slice(6));
          onEvent(data, Date.now());
        }
      });
      resolve(() => req.destroy());
    });
    req.on('error', reject);
  });
}

export async function measureLive({ base, post, streams = 1000, rate = 20, seconds = 10 }) {
  const arrivals = Array.from({ length: streams }, () => new Map());
  const closers = [];
  for (let i = 0; i < streams; i++) {
    closers.push(await openStream(base, `10.77.${Math.floor(i / 20)}.${i % 20}`, (data, at) => arrivals[i].set(data.peepId, at - data.at)));
  }
  let accepted = 0;
  const inFlight = [];
  const started = Date.now();
  for (let n = 0; Date.now() - started < seconds * 1000; n++) {
    inFlight.push(post(n).then((ok) => ok && accepted++));
    const next = started + ((n + 1) * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  await Promise.all(inFlight);
  // Time for the last deliveries, then every stream should have every peep any stream saw.
  await new Promise((r) => setTimeout(r, 2_000));
  closers.forEach((close) => close());
  const peeps = new Set(arrivals.flatMap((m) => [...m.keys()]));
  const latencies = arrivals.flatMap((m) => [...m.values()]).sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? null;
  return {
    streams,
    posted: accepted,
    delivered: latencies.length,
    missed: streams * Math.max(peeps.size, accepted) - latencies.length,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? null,
  };
}
