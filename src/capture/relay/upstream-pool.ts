import * as net from 'node:net';
import type * as tls from 'node:tls';
import { createRequire } from 'node:module';
import { countedLookup, proxyAuthorization } from '../../collect/http.js';
import { ConnectTunnel, type UserProxy } from './proxy-tunnel.js';

/** A connection to the API, and whether it served a call before (a kept-alive one may be stale). */
export interface UpstreamSocket {
  readonly socket: net.Socket;
  readonly reused: boolean;
}

const IDLE_MS = 30_000;
const EVENTS = ['data', 'end', 'error', 'close', 'timeout'] as const;
const MAX_IDLE = 256;

/**
 * Connections to the API: the relay ties one to each app connection while it lasts, and hands
 * it back here when the app's connection closes between calls, so the next app connection does
 * not pay for a TCP and TLS handshake. Newest first: the likeliest still open.
 */
export class UpstreamPool {
  readonly #idle: net.Socket[] = [];
  /** The listener each idle socket has (removed one by one: sockets have listeners of their own). */
  readonly #drops = new WeakMap<net.Socket, () => void>();
  /** Opened by warm() and not used yet: not stale if it fails (no replay). */
  readonly #fresh = new WeakSet<net.Socket>();
  readonly #host: string;
  readonly #port: number;
  readonly #tls: boolean;
  /** The user's proxy every connection goes through, if any. */
  readonly via: UserProxy | undefined;
  #closed = false;
  /**
   * Through the user's proxy to a plain-http target, requests go in absolute form with the
   * proxy's credentials: the relay writes heads this way (undefined: origin-form, direct).
   */
  readonly absoluteForm: { readonly origin: string; readonly headerLines: string } | undefined;

  constructor(
    target: URL,
    private readonly insecure: boolean,
    /** The user's proxy for this target (HTTPS_PROXY…): https goes by CONNECT, http in absolute form. */
    via?: UserProxy,
    /** What the API's certificate is verified with (made once, shared); absent: Node's roots. */
    private readonly trust?: () => tls.SecureContext | undefined,
  ) {
    this.#host = target.hostname.replace(/^\[|\]$/g, '');
    this.#tls = target.protocol === 'https:';
    this.#port = Number(target.port) || (this.#tls ? 443 : 80);
    this.via = via;
    const auth = via && proxyAuthorization(via.url);
    this.absoluteForm =
      via && !this.#tls
        ? { origin: target.origin, headerLines: auth ? `Proxy-Authorization: ${auth}\r\n` : '' }
        : undefined;
  }

  take(): UpstreamSocket {
    for (let socket = this.#idle.pop(); socket; socket = this.#idle.pop()) {
      const drop = this.#drops.get(socket);
      if (drop) for (const event of EVENTS) socket.removeListener(event, drop);
      socket.setTimeout(0);
      const fresh = this.#fresh.delete(socket);
      if (fresh && !socket.destroyed) return { socket, reused: false };
      if (!socket.destroyed && socket.readyState === 'open') return { socket, reused: true };
      socket.destroy();
    }
    return { socket: this.connect(), reused: false };
  }

  /**
   * A connection opened ahead of the first call, when none is idle: the forward proxy asks at a
   * CONNECT, so the TLS handshake with the API runs while the app's with the proxy does. The
   * new connection, if one was opened (its handshake's outcome is upstream-trust.ts's to read).
   */
  warm(): net.Socket | undefined {
    if (this.#closed || this.#idle.length > 0) return undefined;
    const socket = this.connect();
    this.#fresh.add(socket);
    this.release(socket);
    return socket;
  }

  /** A new connection (writes made before it is up are queued by the socket). */
  connect(): net.Socket {
    const via = this.via;
    if (via && !this.#tls) {
      const host = via.url.hostname.replace(/^\[|\]$/g, '');
      const port = Number(via.url.port) || (via.url.protocol === 'https:' ? 443 : 80);
      const lookup = countedLookup();
      if (via.url.protocol !== 'https:') return net.connect({ host, port, noDelay: true, lookup });
      const servername = net.isIP(host) ? undefined : host;
      return this.#tlsConnect({ host, port, servername, lookup });
    }
    // Counted: a lookup still in the resolver when the run ends does not hold its exit.
    const lookup = countedLookup();
    const options = { host: this.#host, port: this.#port, noDelay: true, lookup };
    if (!this.#tls) return net.connect(options);
    const servername = net.isIP(this.#host) ? undefined : this.#host;
    const secureContext = this.insecure ? undefined : this.trust?.();
    if (!via)
      return this.#tlsConnect({
        ...options,
        servername,
        rejectUnauthorized: !this.insecure,
        secureContext,
      });
    // TLS with the host inside a CONNECT tunnel through the user's proxy; the proxy refusing
    // (a 407) ends the TLS socket with its answer (a ProxyRefusal), which the relay passes on.
    const tunnel = new ConnectTunnel(
      via,
      `${net.isIPv6(this.#host) ? `[${this.#host}]` : this.#host}:${this.#port}`,
    );
    const socket = this.#tlsConnect({
      socket: tunnel,
      servername,
      rejectUnauthorized: !this.insecure,
      secureContext,
    });
    tunnel.on('error', (e) => socket.destroy(e));
    return socket;
  }

  #tlsConnect(options: tls.ConnectionOptions): tls.TLSSocket {
    // node:tls only when TLS is spoken: most captures point at a local or plain-http API.
    const { connect } = createRequire(import.meta.url)('node:tls') as typeof tls;
    return connect({ ALPNProtocols: ['http/1.1'], ...options });
  }

  /**
   * Keep a connection that sits between two calls for the next app connection (the caller has
   * taken its own listeners off).
   */
  release(socket: net.Socket): void {
    if (this.#closed || socket.destroyed || this.#idle.length >= MAX_IDLE) {
      socket.destroy();
      return;
    }
    const drop = () => {
      const at = this.#idle.indexOf(socket);
      if (at >= 0) this.#idle.splice(at, 1);
      socket.destroy();
    };
    // Anything the API says on an idle connection (a timeout notice, a close) ends it.
    for (const event of EVENTS) socket.on(event, drop);
    this.#drops.set(socket, drop);
    socket.setTimeout(IDLE_MS);
    socket.resume();
    this.#idle.push(socket);
  }

  destroy(): void {
    this.#closed = true;
    for (const socket of this.#idle.splice(0)) socket.destroy();
  }
}
