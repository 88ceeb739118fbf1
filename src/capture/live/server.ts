import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIVE_PATH, type LiveHub } from './hub.js';

export interface LiveServer {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * The live view on a port of its own, for `capture --forward`: there every request to the proxy
 * is an app's call for some host, so the page cannot live among them as it does beside --target.
 * Loopback only; the hub answers its paths (and refuses Host names that are not loopback), `/`
 * leads to the page, anything else is 404.
 */
export async function startLiveServer(hub: LiveHub, port: number): Promise<LiveServer> {
  const server = createServer((req, res) => {
    if (hub.handle(req, res)) return;
    if (req.url === '/') res.writeHead(302, { location: LIVE_PATH, 'content-length': 0 }).end();
    else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  });
  await listen(server, port);
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
