import net, { type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import type { ObservedCall } from '../call/observed-call.js';
import { requestFraming } from '../http1/framing.js';
import { HeadReader, parseRequestHead, staysHttp, type RequestHead } from '../http1/heads.js';
import { Deadlines } from '../relay/deadlines.js';
import { Relay, type RelayContext } from '../relay/relay.js';
import { UpstreamPool } from '../relay/upstream-pool.js';
import { ConnectTunnel, ProxyRefusal, shownProxy, type UserProxy } from '../relay/proxy-tunnel.js';
import { countedLookup } from '../../collect/http.js';
import { proxyFromEnv, unsupportedProxy } from '../../collect/proxy-env.js';
import type { CertificateAuthority } from './certs.js';
import { connectTarget } from './connect-target.js';
import { mappedOrigin, type HostMap } from './map.js';
import { refusalShape, refusedAfterHandshake } from './refusal.js';
import { UpstreamTrust } from './upstream-trust.js';

export interface ForwardOptions {
  readonly port: number;
  readonly host?: string | undefined;
  /** The run's CA: CONNECT is intercepted with its leaves; absent (`--no-intercept-tls`), tunnelled. */
  readonly ca: CertificateAuthority | undefined;
  readonly maps: readonly HostMap[];
  readonly insecure?: boolean | undefined;
  /**
   * What the API's certificate is verified against (PEM texts): what the app was told to trust,
   * minus the run's CA (trust.ts). Absent: Node's roots.
   */
  readonly upstreamRoots?: readonly string[] | undefined;
  readonly headTimeoutMs?: number | undefined;
  /** How long a client has for a request head, its TLS handshake included (60 s). */
  readonly requestHeadTimeoutMs?: number | undefined;
  /** Each call, with the client's port on the loopback (which connection of the app it came on). */
  readonly onCall: (call: ObservedCall, from: { readonly clientPort: number }) => void;
  /** A client's connection ended (its port may now be reused by another). */
  readonly onClientClosed?: ((clientPort: number) => void) | undefined;
  readonly onNotice?: ((text: string, kind: string) => void) | undefined;
  /**
   * The environment the user had (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY): calls go on
   * through the proxy it names, as the user's clients would have sent them. A --map to the
   * loopback never does.
   */
  readonly userEnv?: Readonly<Record<string, string | undefined>> | undefined;
}

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT`: what HTTP_PROXY and HTTPS_PROXY name. */
  readonly origin: string;
  close(): Promise<void>;
}

const HEAD_MS = 60_000;
const MAX_CONTEXTS = 512;
const EMPTY = Buffer.alloc(0);

function answer(socket: net.Socket, status: string, text: string): void {
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

function originOf(scheme: 'http' | 'https', host: string, port: number): URL {
  const h = net.isIPv6(host) ? `[${host}]` : host;
  return new URL(`${scheme}://${h}:${port}`);
}

/**
 * An intercepting forward proxy on the loopback (HTTP_PROXY, HTTPS_PROXY): absolute-form
 * requests and CONNECT. A CONNECT is answered, then TLS is ended here with a leaf for the host
 * the app asked for, signed by the run's CA (ALPN http/1.1 only: an h2-only client fails its
 * handshake and is said); the calls inside are read by capture's relay (relay/relay.ts) and
 * go on to the real host over TLS, verified as a client would, or where `--map` sends them.
 */
export async function startForwardProxy(options: ForwardOptions): Promise<ForwardProxy> {
  let seq = 0;
  const nextId = () => ++seq;
  const answerDeadlines = new Deadlines(options.headTimeoutMs ?? 60_000);
  const headDeadlines = new Deadlines(options.requestHeadTimeoutMs ?? HEAD_MS);
  const pools = new Map<string, UpstreamPool>();
  const contexts = new Map<string, tls.SecureContext>();
  /** Hosts whose client refused the run's CA: their next connections are tunnelled untouched. */
  const refused = new Set<string>();
  const sockets = new Set<Duplex>();
  const notice = (text: string, kind: string) => options.onNotice?.(text, kind);
  const upstreamTrust = new UpstreamTrust(options.upstreamRoots);

  /**
   * The user's proxy for a target (none for a --map to the loopback), said once by proxy; read
   * once per target (the environment does not change during a run, and each connection asks).
   */
  const vias = new Map<string, UserProxy | undefined>();
  const viaFor = (target: URL, mapped: boolean): UserProxy | undefined => {
    const key = `${mapped ? 'map' : 'app'} ${target.origin}`;
    if (vias.has(key)) return vias.get(key);
    const via = readVia(target, mapped);
    vias.set(key, via);
    return via;
  };
  const readVia = (target: URL, mapped: boolean): UserProxy | undefined => {
    const env = options.userEnv;
    if (!env || (mapped && isLoopback(target.hostname))) return undefined;
    const choice = proxyFromEnv(target, env);
    if (choice) return choice;
    const unsupported = unsupportedProxy(target, env);
    if (unsupported)
      notice(
        `${unsupported.from} names a ${unsupported.scheme ?? 'proxy URL'} the forward proxy cannot go through: calls to ${target.host} go direct, not as your clients would send them`,
        `unsupported ${unsupported.from}`,
      );
    return undefined;
  };

  const poolFor = (target: URL, mapped: boolean) => {
    const via = viaFor(target, mapped);
    const key = via ? `${target.origin} ${via.url.href}` : target.origin;
    let pool = pools.get(key);
    if (!pool) {
      pool = new UpstreamPool(target, options.insecure === true, via, () =>
        upstreamTrust.context(),
      );
      pools.set(key, pool);
      if (via) notice(`calls go on through the proxy you set (${shownProxy(via)})`, `via ${key}`);
    }
    return pool;
  };

  const relay = (
    client: net.Socket,
    host: string,
    port: number,
    scheme: 'http' | 'https',
    inTls: boolean,
  ) => {
    const appOrigin = originOf(scheme, host, port);
    const clientPort = client.remotePort ?? 0;
    const from = { clientPort };
    if (options.onClientClosed) client.once('close', () => options.onClientClosed?.(clientPort));
    const mapped = mappedOrigin(options.maps, host, port);
    const target = mapped ?? appOrigin;
    const pool = poolFor(target, mapped !== undefined);
    const ctx: RelayContext = {
      target,
      appOrigin,
      pool,
      answerDeadlines,
      headDeadlines,
      nextId,
      onCall: (call) => options.onCall(call, from),
      onNotice: options.onNotice,
      upgrades: true,
      // Plain http: a request for another origin (absolute-form) is dispatched again. Inside a
      // TLS tunnel every request goes to the tunnel's host, whatever its Host or target says:
      // TLS went there, as it would from the app without the proxy.
      isLocal: (requestTarget) =>
        !inTls && /^https?:\/\//i.test(requestTarget) && !sameOrigin(requestTarget, appOrigin),
      handOver: (socket, bytes) => {
        if (inTls) pipeRest(socket, bytes, target, pool);
        else dispatch(socket, bytes);
      },
    };
    new Relay(client, ctx);
  };

  /**
   * What the relay will not read inside a TLS tunnel (CONNECT in a tunnel, an upgrade with a
   * body, an ambiguous head) goes on to the tunnel's host untouched, and so does everything
   * after it on this connection: not seen, but the app's call is not broken.
   */
  const pipeRest = (client: net.Socket, bytes: Buffer, target: URL, pool: UpstreamPool) => {
    notice(
      `${target.host}: a request inside the TLS tunnel that the proxy does not read (${describeHead(bytes)}) goes on untouched; the rest of that connection is not seen`,
      `unread ${target.host}`,
    );
    join(client, pool.connect(), bytes);
  };

  /** Two connections joined byte for byte; either one closing or failing ends the other. */
  const join = (client: net.Socket, up: Duplex, first: Buffer) => {
    // The API side is ours to close too when the proxy closes (pipe half-closes each end).
    sockets.add(up);
    up.once('close', () => sockets.delete(up));
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
    if (first.length > 0) up.write(first);
    up.pipe(client);
    client.pipe(up);
    client.resume();
  };

  /** A CONNECT passed on untouched (not seen): to the host, a --map, or through the user's proxy. */
  const tunnel = (client: net.Socket, host: string, port: number) => {
    const mapped = mappedOrigin(options.maps, host, port);
    const to = mapped
      ? {
          host: mapped.hostname.replace(/^\[|\]$/g, ''),
          port: Number(mapped.port) || (mapped.protocol === 'https:' ? 443 : 80),
        }
      : { host, port };
    const via = viaFor(originOf('https', to.host, to.port), mapped !== undefined);
    if (!via) {
      join(client, net.connect({ ...to, lookup: countedLookup() }), EMPTY);
      return;
    }
    const up = new ConnectTunnel(
      via,
      `${net.isIPv6(to.host) ? `[${to.host}]` : to.host}:${to.port}`,
    );
    up.on('error', (e) => {
      if (e instanceof ProxyRefusal)
        notice(`${e.message}: the tunnel to ${host}:${port} is closed`, `proxy ${e.status}`);
    });
    join(client, up, EMPTY);
  };

  const intercept = (
    client: net.Socket,
    host: string,
    port: number,
    ca: CertificateAuthority,
    decided = false,
  ) => {
    // The API's TLS handshake starts now, alongside the app's with us (the first call waits less).
    const mapped = mappedOrigin(options.maps, host, port);
    const pool = poolFor(mapped ?? originOf('https', host, port), mapped !== undefined);
    // Until the API's certificate has verified once, the app's handshake (its ClientHello unread)
    // waits for the API's: a certificate that does not verify is the app's to judge, untouched
    // (not a --map's: the app would meet a certificate for another name; the relay says why).
    const waits = options.insecure !== true && mapped === undefined;
    const passage = decided ? 'intercept' : upstreamTrust.passage(pool, waits);
    if (passage !== 'intercept') {
      void Promise.resolve(passage).then((then) => {
        if (client.destroyed) return;
        if (then === 'intercept') intercept(client, host, port, ca, true);
        else {
          const why = upstreamTrust.problem(pool);
          if (why)
            notice(
              `${host}:${port}: its certificate ${why}: tunnelled so your app decides, not seen. Add its CA to SSL_CERT_FILE or NODE_EXTRA_CA_CERTS, or use --insecure, to see its calls.`,
              `untrusted ${host}:${port}`,
            );
          tunnel(client, host, port);
        }
      });
      return;
    }
    let secureContext = contexts.get(host);
    if (!secureContext) {
      const leaf = ca.leafFor(host);
      secureContext = tls.createSecureContext({ key: leaf.key, cert: leaf.cert });
      // About 27 KB of OpenSSL memory each: an app (or a client) calling thousands of hosts
      // keeps the newest; an evicted one is made again from its leaf (a fraction of a ms).
      if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value as string);
      contexts.set(host, secureContext);
    }
    const secure = new tls.TLSSocket(client, {
      isServer: true,
      secureContext,
      ALPNProtocols: ['http/1.1'],
    });
    sockets.add(secure);
    secure.once('close', () => sockets.delete(secure));
    let ok = false;
    // The client hung up before its handshake ended (no 'secure', no 'error' follows): done.
    secure.once('end', () => {
      if (!ok) secure.destroy();
    });
    secure.once('secure', () => {
      ok = true;
      headDeadlines.delete(client);
      relay(secure, host, port, 'https', true);
    });
    secure.on('error', (e: NodeJS.ErrnoException) => {
      const late = ok && refusedAfterHandshake(secure, e);
      if (ok && !late) return; // the relay's own 'close' reports what was in flight
      refused.add(`${host}:${port}`);
      notice(
        `${host}:${port}: the client ${refusalShape(late, e)}: it does not trust this run's CA (a pinned certificate or its own trust store), or it speaks only HTTP/2. Its next connections to ${host} are tunnelled untouched (not seen). Point its CA setting at the bundle why401 made, or use why401 capture --target.`,
        `refused ${host}:${port}`,
      );
      secure.destroy();
    });
  };

  /** The first head of a connection (or of one a relay handed back) says what to do with it. */
  const dispatch = (socket: net.Socket, held: Buffer) => {
    const reader = new HeadReader();
    // A client that sends no head, trickles one (slowloris), stalls its TLS handshake or does
    // not close after a refusal is let go at the head deadline; route() lifts it for what lives.
    headDeadlines.add(socket, () => socket.destroy());
    const onData = (chunk: Buffer) => {
      const step = reader.push(chunk, 0);
      if (step.kind === 'more') return;
      socket.removeListener('data', onData);
      socket.pause();
      if (step.kind === 'too-large') {
        answer(socket, '431 Request Header Fields Too Large', '');
        return;
      }
      const rest = chunk.subarray(step.used);
      route(socket, parseRequestHead(step.text), step.bytes, rest);
    };
    socket.on('data', onData);
    if (held.length > 0) onData(held);
    socket.resume();
  };

  const route = (
    socket: net.Socket,
    head: RequestHead | undefined,
    bytes: Buffer,
    rest: Buffer,
  ) => {
    if (head?.method === 'CONNECT') {
      const to = connectTarget(head.target);
      if (!to) {
        answer(
          socket,
          '400 Bad Request',
          'why401: CONNECT needs host:port, the host a DNS name or an IP address\n',
        );
        return;
      }
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      // Clients wait for the 200 before their first byte; one that did not is tunnelled.
      if (!options.ca || refused.has(`${to.host}:${to.port}`) || rest.length > 0) {
        if (rest.length > 0) socket.unshift(rest);
        headDeadlines.delete(socket);
        tunnel(socket, to.host, to.port);
        socket.resume();
      } else intercept(socket, to.host, to.port, options.ca);
      return;
    }
    // Absolute-form http:// and, as squid takes them, https:// (axios sends those to a proxy
    // in the clear, with no CONNECT): the proxy speaks TLS to the host itself.
    const url = head && /^https?:\/\//i.test(head.target) ? safeUrl(head.target) : undefined;
    const framing = head && requestFraming(head);
    const unread =
      framing === undefined ||
      framing === 'ambiguous' ||
      (head !== undefined && !staysHttp(head) && framing.kind !== 'none');
    if (!head || !url || unread) {
      const why = !head
        ? 'this is not an HTTP/1 request'
        : !url
          ? 'a forward proxy takes absolute http(s):// URLs or CONNECT (set HTTP_PROXY / HTTPS_PROXY)'
          : 'upgrades with a body and ambiguous bodies through the forward proxy are not supported';
      answer(socket, head && url ? '501 Not Implemented' : '400 Bad Request', `why401: ${why}\n`);
      return;
    }
    socket.unshift(Buffer.concat([bytes, rest]));
    headDeadlines.delete(socket); // the relay times its heads itself
    const https = url.protocol === 'https:';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    relay(socket, host, Number(url.port) || (https ? 443 : 80), https ? 'https' : 'http', false);
    socket.resume();
  };

  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      headDeadlines.delete(socket);
    });
    socket.on('error', () => socket.destroy());
    dispatch(socket, Buffer.alloc(0));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: async () => {
      const closing = [...sockets].map(
        (socket) =>
          new Promise<void>((resolve) =>
            socket.destroyed ? resolve() : socket.once('close', () => resolve()),
          ),
      );
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        for (const pool of pools.values()) pool.destroy();
        answerDeadlines.stop();
        headDeadlines.stop();
      });
      await Promise.all(closing);
    },
  };
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function sameOrigin(requestTarget: string, origin: URL): boolean {
  const url = safeUrl(requestTarget);
  return (
    url !== undefined &&
    url.protocol === origin.protocol &&
    url.host === new URL(origin.origin).host
  );
}

/** What a head the relay did not read is, in words that hold nothing the app sent but its kind. */
function describeHead(bytes: Buffer): string {
  const end = bytes.indexOf('\r\n\r\n');
  const head = parseRequestHead(
    bytes.toString('latin1', 0, end < 0 ? Math.min(bytes.length, 8192) : end),
  );
  if (!head) return 'not HTTP/1 as the proxy reads it';
  if (head.method === 'CONNECT') return 'a CONNECT inside the tunnel';
  if (!staysHttp(head)) return 'an upgrade with a body';
  return 'a body whose length can be read two ways';
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)
  );
}
