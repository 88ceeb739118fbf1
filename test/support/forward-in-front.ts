/**
 * The run's forward proxy in front of a server on the loopback, as the forward tests of hostile
 * peers use it: `api.test` mapped to the server, a CA of its own, and TLS through a CONNECT.
 */
import type { Server } from 'node:net';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ObservedCall } from '../../src/capture/call/observed-call.js';
import { CertificateAuthority } from '../../src/capture/forward/certs.js';
import {
  startForwardProxy,
  type ForwardOptions,
  type ForwardProxy,
} from '../../src/capture/forward/forward-proxy.js';
import { parseMap } from '../../src/capture/forward/map.js';

export interface InFront {
  readonly proxy: ForwardProxy;
  readonly ca: CertificateAuthority;
  readonly calls: ObservedCall[];
}

/** Listens `server` on the loopback, then a forward proxy sending `api.test` to it. */
export async function forwardInFront(
  server: Server,
  options: Partial<ForwardOptions> = {},
): Promise<InFront> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  const ca = new CertificateAuthority();
  const calls: ObservedCall[] = [];
  const proxy = await startForwardProxy({
    port: 0,
    ca,
    maps: [parseMap(`api.test=${origin}`)],
    onCall: (c) => calls.push(c),
    ...options,
  });
  return { proxy, ca, calls };
}

/** A TLS connection to `host` through the proxy's CONNECT, trusting the run's CA. */
export async function tlsThrough(
  proxy: ForwardProxy,
  host: string,
  ca: string,
): Promise<tls.TLSSocket> {
  const { hostname, port } = new URL(proxy.origin);
  const raw = net.connect(Number(port), hostname);
  raw.write(`CONNECT ${host}:443 HTTP/1.1\r\nHost: ${host}:443\r\n\r\n`);
  await new Promise((resolve) => raw.once('data', resolve));
  const secure = tls.connect({ socket: raw, servername: host, ca });
  await new Promise((resolve) => secure.once('secureConnect', resolve));
  return secure;
}

export const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
