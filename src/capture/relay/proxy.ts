import net, { type AddressInfo } from 'node:net';
import { Deadlines } from './deadlines.js';
import { fallbackServer } from './http-forward.js';
import type { ProxyOptions } from './options.js';
import { Relay } from './relay.js';
import { UpstreamPool } from './upstream-pool.js';

export interface CaptureProxy {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  close(): Promise<void>;
}

/** How long a request head may take to arrive once it started (node:http's headersTimeout). */
const HEAD_MS = 60_000;

/**
 * A reverse proxy on the loopback: the app points its base URL here and every call goes on to
 * the target as sent. Each app connection is relayed to one API connection (relay.ts), which
 * reads the heads itself and streams bodies untouched; what it does not relay (the live view,
 * upgrades, heads it will not read) is served by node:http (http-forward.ts).
 */
export async function startProxy(options: ProxyOptions): Promise<CaptureProxy> {
  let seq = 0;
  const nextId = () => ++seq;
  const answerDeadlines = new Deadlines(options.headTimeoutMs ?? 60_000);
  const headDeadlines = new Deadlines(HEAD_MS);
  const pool = new UpstreamPool(options.target, options.insecure === true);
  const fallback = fallbackServer(options, answerDeadlines, nextId);
  const localPath = options.local ? options.localPath : undefined;
  const sockets = new Set<net.Socket>();

  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    new Relay(socket, {
      target: options.target,
      pool,
      answerDeadlines,
      headDeadlines,
      nextId,
      onCall: options.onCall,
      onNotice: options.onNotice && ((text, kind) => options.onNotice?.(text, kind)),
      isLocal: (path) =>
        localPath !== undefined &&
        (path.startsWith(localPath) || path === localPath.replace(/\/$/, '')),
      handOver: (client, bytes) => {
        if (bytes.length > 0) client.unshift(bytes);
        fallback.server.emit('connection', client);
        client.resume();
      },
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: async () => {
      // A socket's 'close' (where its call in flight is reported) comes a turn after the
      // server's: wait for both, so the summary counts every call.
      const closing = [...sockets].map(
        (socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())),
      );
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        fallback.server.closeAllConnections();
        fallback.agent.destroy();
        pool.destroy();
        answerDeadlines.stop();
        headDeadlines.stop();
      });
      await Promise.all(closing);
    },
  };
}
