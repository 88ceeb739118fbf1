import type net from 'node:net';
import { PROXY_ENV } from './frames.js';
import type { Reporter } from './preload-reporter.js';

/**
 * A Node process of `why401 run` also has HTTP_PROXY and HTTPS_PROXY naming run's forward proxy,
 * so that what the preload cannot see (a program it starts that is not Node, a raw socket
 * speaking HTTP) still passes through it. A call the preload sees may take that way too (a
 * client that honours the proxy variables, an agent tunnelling through CONNECT): each
 * connection to the proxy that carries a call the preload watches is said once, by its local
 * port, before any byte of the call is written; why401 then leaves that connection's calls to
 * the preload. Returns what the watchers call with the socket of each call.
 */
export function proxiedClaims(reporter: Reporter): (socket: unknown) => void {
  const at = /^(.+):(\d+)$/.exec(process.env[PROXY_ENV] ?? '');
  if (!at) return () => undefined;
  const host = at[1] ?? '';
  const port = Number(at[2]);
  const said = new WeakSet<object>();
  const claim = (socket: net.Socket) => {
    if (said.has(socket)) return;
    // A TLS socket over a tunnel has the address of the connection it wraps: the proxy's.
    if (socket.remotePort !== port || socket.remoteAddress !== host) return;
    const local = socket.localPort;
    if (local === undefined) return;
    said.add(socket);
    reporter.send({ t: 'proxied', pid: process.pid, port: local });
  };
  return (value) => {
    try {
      const socket = value as net.Socket | undefined;
      if (!socket || typeof socket !== 'object' || typeof socket.once !== 'function') return;
      if (socket.connecting) socket.once('connect', () => claim(socket));
      else claim(socket);
    } catch {
      // never break the app
    }
  };
}
