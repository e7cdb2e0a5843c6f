import net from 'node:net';

/**
 * How a cut looks from the app:
 * - 'refuse': every open connection is destroyed and new ones are refused (the database stopped, or its host
 *   answers with a reset);
 * - 'blackhole': open connections go silent and new ones are accepted but never answered (a network partition, or a
 *   host that vanished without a reset). Silent connections are destroyed when the link is restored.
 */
export type CutMode = 'refuse' | 'blackhole';

export type TcpProxy = {
  /** The loopback port the proxy listens on. */
  port: number;
  /** `databaseUrl` with its host and port replaced by the proxy's. */
  urlFor(databaseUrl: string): string;
  cut(mode?: CutMode): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
};

/** A cuttable TCP proxy on 127.0.0.1 in front of `target`, for making a database go away and come back. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let state: 'up' | CutMode = 'up';

  const server = net.createServer((client) => {
    track(client);
    if (state === 'refuse') return client.destroy();
    if (state === 'blackhole') {
      client.on('data', () => {});
      return;
    }
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    const forward = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk) => {
        if (state === 'up') to.write(chunk);
      });
      from.on('close', () => to.destroy());
      from.on('error', () => to.destroy());
    };
    forward(client, upstream);
    forward(upstream, client);
  });

  function track(socket: net.Socket) {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {});
  }

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const destroyAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  await listen(0);
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    urlFor(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    async cut(mode = 'refuse') {
      if (state !== 'up') throw new Error('the proxy is already cut');
      state = mode;
      if (mode === 'refuse') {
        destroyAll();
        await stopListening();
      }
    },
    async restore() {
      if (state === 'up') return;
      const was = state;
      state = 'up';
      if (was === 'refuse') await listen(port);
      else destroyAll();
    },
    async close() {
      state = 'up';
      destroyAll();
      if (server.listening) await stopListening();
    },
  };
}
