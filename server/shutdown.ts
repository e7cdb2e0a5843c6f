import type { Server, ServerResponse } from 'node:http';
import net from 'node:net';
import { runShutdownTasks, runStoppingTasks } from './context';
import { log } from '@/lib/log';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * On SIGTERM or SIGINT: tell `onSignal` (so `/readyz` answers 503), keep serving for `delayMs` while a balancer that
 * checks it takes the instance out, then stop accepting, let the requests in flight finish (at most `graceMs`), then run the app's
 * shutdown steps (the mail worker stops after its current message, the database closes) and exit 0. A second
 * signal exits at once.
 */
export function stopGracefully(server: Server, { graceMs = 10_000, stepsMs = 10_000, delayMs = 0, onSignal = () => {} } = {}): void {
  const open = new Set<ServerResponse>();
  // Connections that have carried a request, with what they had read when their last response ended: one with no
  // response in progress and nothing read since is an idle keep-alive connection. One that has read more is receiving
  // its next request, or the rest of a body a refusal did not wait for.
  const served = new Map<net.Socket, number>();
  let stopping = false;
  server.on('request', (req, res: ServerResponse) => {
    const socket = req.socket;
    if (stopping && !res.headersSent) res.setHeader('connection', 'close');
    open.add(res);
    res.on('close', () => {
      open.delete(res);
      if (!socket.destroyed) served.set(socket, socket.bytesRead);
    });
    if (!served.has(socket)) {
      served.set(socket, -1);
      socket.once('close', () => served.delete(socket));
    }
  });
  const closeIdleKeepAlive = () => {
    const busy = new Set([...open].map((res) => res.socket));
    for (const [socket, readAtLastAnswer] of served) if (!busy.has(socket) && socket.bytesRead === readAtLastAnswer) socket.destroy();
  };

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    onSignal();
    // A response already under way kept its connection open for more: close it as that response ends, so that no
    // proxy still holds it, idle, when this instance stops accepting and closes what is idle.
    // (Node detaches the socket from the response before a 'finish' listener added here runs: hold it now.)
    for (const res of open) {
      const socket = res.socket;
      if (res.headersSent && socket) res.once('finish', () => socket.end());
    }
    setTimeout(() => {
      log.error('Shutdown took too long; stopping now.');
      process.exit(1);
    }, delayMs + graceMs + stepsMs).unref();
    if (delayMs > 0) {
      log.info(`${signal}: not ready from now on; still serving for ${delayMs} ms while balancers notice.`);
      await sleep(delayMs);
    }
    log.info(`${signal}: finishing ${open.size} request(s) in flight, then stopping.`);
    // Connections end once their last response has gone out (each carries `Connection: close` from now on); only
    // those still busy at the deadline are cut.
    // net.Server's close stops accepting and waits for the connections to end. http.Server's would also destroy every
    // connection with no request in progress, and that includes one just accepted whose first request is still
    // unread: the client, having sent it, gets a reset, and a proxy may not retry a POST that met one (a 502).
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
    // Live streams never finish by themselves: they are ended now, and their browsers reconnect to another instance.
    await runStoppingTasks();
    closeIdleKeepAlive();
    const idle = setInterval(closeIdleKeepAlive, 25);
    const finished = await Promise.race([closed.then(() => true), sleep(graceMs).then(() => false)]);
    clearInterval(idle);
    if (!finished) {
      log.warn(`${open.size} request(s) did not finish in ${graceMs} ms; closing them.`);
      server.closeAllConnections();
    }
    await runShutdownTasks();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
}
