import { lookup as dnsLookup } from 'node:dns';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { monotonicMs } from '../clock.js';
import { decodeBody } from './decode-body.js';
import type {
  NetError,
  NetErrorKind,
  NetStage,
  SendResult,
  WireRequest,
  WireResponse,
} from '../evidence/wire.js';

// TLS costs milliseconds to load: only a run that needs them pays.
const load = createRequire(import.meta.url);
const lazy = <T>(name: string) => {
  let mod: T | undefined;
  return () => (mod ??= load(name) as T);
};
const httpsModule = lazy<typeof import('node:https')>('node:https');
const tlsModule = lazy<typeof import('node:tls')>('node:tls');

export type {
  NetError,
  NetErrorKind,
  NetStage,
  SendResult,
  WireRequest,
  WireResponse,
} from '../evidence/wire.js';

export interface SendOptions {
  readonly timeoutMs: number;
  readonly proxy?: URL | undefined;
  /** Accept any certificate from the origin (--insecure). Not the proxy's: see `proxyInsecure`. */
  readonly insecure?: boolean | undefined;
  /**
   * Accept any certificate from an https:// proxy (curl's --proxy-insecure). Off by default, and
   * --insecure does not turn it on: the proxy gets the proxy password and, for http:// targets,
   * the whole request. A private CA is trusted with NODE_EXTRA_CA_CERTS.
   */
  readonly proxyInsecure?: boolean | undefined;
  /**
   * Asked before a request is sent again on a new connection (a kept-alive one closed
   * unanswered): false keeps it to one send (a request budget spent). Default: allowed.
   */
  readonly mayResend?: (() => boolean) | undefined;
  /** The DNS lookup (tests inject one); bounded by the timeout either way. */
  readonly lookup?: LookupFunction | undefined;
  /** Bytes of body kept; the rest is not read (a 1 GB answer costs nothing). */
  readonly maxBodyBytes?: number | undefined;
  readonly agents?: AgentPool | undefined;
}

const DEFAULT_MAX_BODY = 64 * 1024;

/** Keep-alive agents shared by the main request and its probes: one connection setup per origin. */
export class AgentPool {
  readonly #agents = new Map<string, http.Agent>();

  get(protocol: string, insecure: boolean): http.Agent {
    const key = `${protocol}|${insecure}`;
    let agent = this.#agents.get(key);
    if (!agent) {
      agent =
        protocol === 'https:'
          ? new (httpsModule().Agent)({
              keepAlive: true,
              maxSockets: 8,
              rejectUnauthorized: !insecure,
            })
          : new http.Agent({ keepAlive: true, maxSockets: 8 });
      this.#agents.set(key, agent);
    }
    return agent;
  }

  destroy(): void {
    for (const agent of this.#agents.values()) agent.destroy();
    this.#agents.clear();
  }
}

/** Methods sent again when a kept-alive connection turns out closed before any answer. */
const RESENDABLE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The port of a proxy URL: its own, else the scheme's (443 for https://, 80 for http://). */
export function proxyPort(proxy: URL): number {
  return proxy.port ? Number(proxy.port) : proxy.protocol === 'https:' ? 443 : 80;
}

/** The name a TLS client sends as SNI and checks the certificate against; none for an address. */
const serverName = (host: string): string => (isIP(host) ? '' : host);

const bare = (hostname: string): string => hostname.replace(/^\[|\]$/g, '');

/**
 * Lookups under way in the resolver. getaddrinfo cannot be cancelled and holds the process open
 * until it returns (15 s and more for a silent DNS server), long after the request it served
 * timed out; a lookup still pending when a command is done is one given up at its deadline. A
 * global counter, so the CLI's runtime bundle reads it without loading this module, and exits
 * instead of waiting for them.
 */
const PENDING_LOOKUPS = Symbol.for('why401.pendingLookups');
type LookupCounter = { [PENDING_LOOKUPS]?: number };
export const pendingLookups = (): number => (globalThis as LookupCounter)[PENDING_LOOKUPS] ?? 0;
const countPending = (delta: number) => {
  const g = globalThis as LookupCounter;
  g[PENDING_LOOKUPS] = Math.max(0, (g[PENDING_LOOKUPS] ?? 0) + delta);
};

/**
 * A DNS lookup bounded by the time left: when `remainingMs()` runs out first, the callback gets an
 * ETIMEDOUT error and the resolver's late answer is dropped.
 */
export function boundedLookup(lookup: LookupFunction, remainingMs: () => number): LookupFunction {
  return (hostname, options, callback) => {
    let done = false;
    const timer = setTimeout(
      () => {
        done = true;
        callback(
          Object.assign(new Error(`the DNS lookup of ${hostname} did not finish in time`), {
            code: 'ETIMEDOUT',
            hostname,
          }),
          '',
          0,
        );
      },
      Math.max(0, remainingMs()),
    );
    countPending(1);
    lookup(hostname, options, (...args: Parameters<typeof callback>) => {
      countPending(-1);
      if (done) return;
      done = true;
      clearTimeout(timer);
      callback(...args);
    });
  };
}

/**
 * The system's lookup, counted as pending and given up after a minute (ETIMEDOUT): for
 * connections opened outside `send` (capture's and the forward proxy's), so a command that is
 * done does not wait on the resolver.
 */
export const countedLookup = (): LookupFunction =>
  boundedLookup(dnsLookup as LookupFunction, () => 60_000);

const STAGE_TEXT: Record<NetStage, (host: string, where: string) => string> = {
  dns: (host) => `the DNS lookup of ${host} did not finish`,
  connect: (_, where) => `connecting to ${where} did not finish`,
  tls: (_, where) => `the TLS handshake with ${where} did not finish`,
  answer: (_, where) => `connected to ${where}, which sent no answer`,
};

/** Sends one request, follows nothing, never throws: every failure is a NetError. */
export function send(request: WireRequest, options: SendOptions): Promise<SendResult> {
  const started = monotonicMs();
  const elapsed = () => Math.round(monotonicMs() - started);
  const lookup = boundedLookup(
    options.lookup ?? (dnsLookup as LookupFunction),
    () => options.timeoutMs - (monotonicMs() - started),
  );
  const opts: SendOptions = { ...options, lookup };
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let resent = 0;
    const finish = (
      result: { ok: true; response: WireResponse } | { ok: false; error: NetError },
    ) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, elapsedMs: elapsed(), ...(resent > 0 ? { resent } : {}) });
    };
    // What a timeout interrupted: the lookup, the connect, the handshake or the wait for an answer.
    let stage: NetStage = 'dns';
    let host = '';
    let where = '';
    let atProxy = false;
    const watch = (req: http.ClientRequest, to: string, port: number, tls: boolean) => {
      host = to;
      where = `${to.includes(':') ? `[${to}]` : to}:${port}`;
      stage = isIP(to) ? 'connect' : 'dns';
      req.once('socket', (socket: Socket) => {
        if (!socket.connecting) {
          stage = 'answer'; // a kept-alive connection, or the tunnel's
          return;
        }
        // 'lookup' comes with the lookup's error too (our own ETIMEDOUT): still the DNS stage then
        socket.once('lookup', (error: Error | null) => {
          if (!error) stage = 'connect';
        });
        socket.once('connect', () => (stage = tls ? 'tls' : 'answer'));
        if (tls) socket.once('secureConnect', () => (stage = 'answer'));
      });
    };
    /** Once the status line and headers are in, they are the answer, with the body read so far. */
    let partial: (() => WireResponse) | undefined;
    // A stall, reset or timeout after the head cuts the body short; it does not undo the answer.
    const fail = (error: unknown) => {
      if (partial) return finish({ ok: true, response: partial() });
      const classified = classify(error);
      const e = atProxy ? { ...classified, atProxy } : classified;
      finish({
        ok: false,
        error:
          e.kind === 'timeout'
            ? {
                ...e,
                stage,
                message: `no answer within ${options.timeoutMs} ms: ${STAGE_TEXT[stage](host, where)}`,
              }
            : e,
      });
    };
    const timer = setTimeout(() => {
      fail(
        Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' }),
      );
      current?.destroy();
    }, options.timeoutMs);
    let current: http.ClientRequest | undefined;
    const onResponse = (res: http.IncomingMessage, fromProxy: boolean) => {
      const reading = readResponse(res, options.maxBodyBytes ?? DEFAULT_MAX_BODY, fromProxy);
      partial = reading.partial;
      return reading.done.then((response) => finish({ ok: true, response }), fail);
    };
    try {
      if (options.proxy && request.url.protocol === 'https:') {
        const onProxyAnswer = (response: WireResponse) => finish({ ok: true, response });
        current = tunnel(request, opts, onResponse, onProxyAnswer, fail, (req, phase) => {
          current = req;
          atProxy = phase === 'connect';
          if (phase === 'connect')
            watch(
              req,
              bare(options.proxy?.hostname ?? ''),
              proxyPort(options.proxy as URL),
              options.proxy?.protocol === 'https:',
            );
          else {
            // The tunnel is up: TLS with the origin inside it, then its answer.
            stage = 'tls';
            where = request.url.host;
            req.once('socket', (socket: Socket) =>
              socket.once('secureConnect', () => (stage = 'answer')),
            );
          }
        });
      } else {
        // A kept-alive connection the server (or a proxy: tinyproxy) closed after its last answer
        // without saying so: the request dies unsent. Sent again once, on a new connection, as
        // Node's docs advise; only a method that changes nothing, and only within the caller's
        // request budget (`mayResend`): the resend is a request on the wire like any other.
        const start = (fresh: boolean): http.ClientRequest => {
          const req = plain(
            request,
            fresh ? { ...opts, agents: undefined } : opts,
            (res) => void onResponse(res, false),
          );
          const via = options.proxy;
          atProxy = via !== undefined; // the origin's own failures come back as the proxy's 502
          if (via) watch(req, bare(via.hostname), proxyPort(via), via.protocol === 'https:');
          else
            watch(
              req,
              bare(request.url.hostname),
              Number(request.url.port || (request.url.protocol === 'https:' ? 443 : 80)),
              request.url.protocol === 'https:',
            );
          req.on('error', (error: NodeJS.ErrnoException) => {
            const closedUnanswered =
              !fresh &&
              req.reusedSocket &&
              partial === undefined &&
              (error.code === 'ECONNRESET' || error.code === 'EPIPE') &&
              RESENDABLE.has(request.method.toUpperCase());
            if (closedUnanswered) {
              if (options.mayResend?.() ?? true) {
                resent++;
                current = start(true);
                return;
              }
              fail(
                Object.assign(
                  new Error(
                    'the kept-alive connection closed before an answer; not sent again: the request budget is spent',
                  ),
                  { code: error.code },
                ),
              );
              return;
            }
            fail(error);
          });
          req.end(request.body);
          return req;
        };
        current = start(false);
      }
    } catch (error) {
      fail(error); // Node refused to build the request: a bad character in a header
    }
  });
}

function headersObject(request: WireRequest): http.OutgoingHttpHeaders {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of request.headers) {
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  if (
    request.body !== undefined &&
    !request.headers.some(([n]) => n.toLowerCase() === 'content-length')
  ) {
    out['content-length'] = String(Buffer.byteLength(request.body));
  }
  return out;
}

/** Basic credentials for a proxy from its URL's userinfo (a secret: never printed). */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username) return undefined;
  const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}

function plain(
  request: WireRequest,
  options: SendOptions,
  onResponse: (res: http.IncomingMessage) => void,
) {
  const { url } = request;
  const headers = headersObject(request);
  const proxy = options.proxy;
  if (proxy) {
    // Absolute-form request to a forward proxy (plain http targets); to an https:// proxy over
    // TLS, its certificate checked against the proxy's own name (not the target's, which Node
    // would take from the Host header), whatever --insecure says about the origin's.
    const auth = proxyAuthorization(proxy);
    if (auth) headers['proxy-authorization'] = auth;
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'host')) headers['host'] = url.host;
    const tls = proxy.protocol === 'https:';
    const host = bare(proxy.hostname);
    return (tls ? httpsModule() : http).request(
      {
        host,
        port: proxyPort(proxy),
        method: request.method,
        path: url.href,
        headers,
        lookup: options.lookup,
        agent: options.agents?.get(proxy.protocol, options.proxyInsecure === true) ?? false,
        ...(tls
          ? { servername: serverName(host), rejectUnauthorized: !options.proxyInsecure }
          : {}),
      },
      onResponse,
    );
  }
  const mod = url.protocol === 'https:' ? httpsModule() : http;
  return mod.request(
    url,
    {
      method: request.method,
      headers,
      lookup: options.lookup,
      agent: options.agents?.get(url.protocol, options.insecure === true) ?? false,
      rejectUnauthorized: !options.insecure,
    },
    onResponse,
  );
}

/**
 * HTTPS through a forward proxy: CONNECT, then TLS with the origin inside the tunnel. To an
 * https:// proxy the CONNECT itself (and its Proxy-Authorization) goes over TLS with the proxy.
 */
function tunnel(
  request: WireRequest,
  options: SendOptions,
  onResponse: (res: http.IncomingMessage, fromProxy: boolean) => void,
  onProxyAnswer: (response: WireResponse) => void,
  fail: (e: unknown) => void,
  track: (req: http.ClientRequest, phase: 'connect' | 'origin') => void,
): http.ClientRequest {
  const proxy = options.proxy as URL;
  const target = `${request.url.hostname}:${request.url.port || 443}`;
  const auth = proxyAuthorization(proxy);
  const tls = proxy.protocol === 'https:';
  const host = bare(proxy.hostname);
  const connectReq = (tls ? httpsModule() : http).request({
    host,
    port: proxyPort(proxy),
    method: 'CONNECT',
    path: target,
    headers: { host: target, ...(auth ? { 'proxy-authorization': auth } : {}) },
    agent: false,
    lookup: options.lookup,
    ...(tls ? { servername: serverName(host), rejectUnauthorized: !options.proxyInsecure } : {}),
  });
  track(connectReq, 'connect');
  connectReq.on('connect', (res: http.IncomingMessage, socket: Duplex) => {
    if (res.statusCode !== 200) {
      // The proxy refused the tunnel (407, 403, 502): its status and headers are the answer.
      socket.destroy();
      onProxyAnswer(headersOnly(res));
      return;
    }
    try {
      const inner = httpsModule().request(
        request.url,
        {
          method: request.method,
          headers: headersObject(request),
          // No agent: with `agent: false` node makes a fresh Agent, which ignores
          // createConnection and dials the target directly, around the proxy (and without
          // --insecure). Without one, the request goes through this TLS-in-the-tunnel socket.
          agent: undefined,
          createConnection: () =>
            tlsModule().connect({
              socket: socket as import('node:net').Socket,
              servername: serverName(bare(request.url.hostname)),
              host: bare(request.url.hostname),
              rejectUnauthorized: !options.insecure,
            }),
        } as import('node:https').RequestOptions,
        (r) => onResponse(r, false),
      );
      track(inner, 'origin');
      inner.on('error', fail);
      inner.on('close', () => socket.destroy()); // the tunnel ends with its one request
      inner.end(request.body);
    } catch (e) {
      fail(e);
    }
  });
  connectReq.on('error', fail);
  connectReq.end();
  return connectReq;
}

function collectHeaders(res: http.IncomingMessage) {
  // Header names come from the server: no prototype (`__proto__` or `constructor` is a name).
  const all = Object.create(null) as Record<string, string[]>;
  for (const [name, values] of Object.entries(res.headersDistinct)) if (values) all[name] = values;
  const headers = Object.create(null) as Record<string, string>;
  for (const [name, values] of Object.entries(all)) headers[name] = values.join(', ');
  return { all, headers };
}

function headersOnly(res: http.IncomingMessage): WireResponse {
  const { all, headers } = collectHeaders(res);
  const status = res.statusCode ?? 0;
  return {
    status,
    statusText: res.statusMessage ?? '',
    headers,
    all,
    body: '',
    bodyBytes: 0,
    truncated: false,
    fromProxy: true,
  };
}

/** Reads a body up to `maxBytes`; `partial` is the answer as far as it came (cut short). */
function readResponse(
  res: http.IncomingMessage,
  maxBytes: number,
  fromProxy: boolean,
): { done: Promise<WireResponse>; partial: () => WireResponse } {
  const chunks: Buffer[] = [];
  let kept = 0;
  let truncated = false;
  const answer = (cut: boolean): WireResponse => {
    const raw = Buffer.concat(chunks);
    const { all, headers } = collectHeaders(res);
    return {
      status: res.statusCode ?? 0,
      statusText: res.statusMessage ?? '',
      headers,
      all,
      body: decodeBody(raw, headers['content-encoding'], { truncated: cut }),
      bodyBytes: kept,
      truncated: cut,
      fromProxy,
    };
  };
  const done = new Promise<void>((resolve, reject) => {
    res.on('data', (chunk: Buffer) => {
      if (kept >= maxBytes) return;
      const room = maxBytes - kept;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      kept += Math.min(chunk.length, room);
      if (kept >= maxBytes) {
        truncated = true;
        res.destroy(); // stop reading: the rest could be a gigabyte
        resolve();
      }
    });
    res.on('end', resolve);
    res.on('close', resolve);
    res.on('error', reject);
  }).then(() => answer(truncated || !res.complete)); // closed before its end: cut short too
  return { done, partial: () => answer(true) };
}

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH|ERR_OSSL)/;

export function classify(error: unknown): NetError {
  const code = String((error as { code?: unknown })?.code ?? 'UNKNOWN');
  const message = error instanceof Error ? error.message : String(error);
  const kind: NetErrorKind =
    code === 'ERR_INVALID_CHAR' ||
    code === 'ERR_INVALID_HTTP_TOKEN' ||
    code === 'ERR_HTTP_INVALID_HEADER_VALUE' ||
    code === 'ERR_UNESCAPED_CHARACTERS' ||
    code === 'ERR_INVALID_ARG_VALUE'
      ? 'client-refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME'
        ? 'dns'
        : code === 'ECONNREFUSED' ||
            code === 'EHOSTUNREACH' ||
            code === 'ENETUNREACH' ||
            code === 'EADDRNOTAVAIL'
          ? 'refused'
          : code === 'ECONNRESET' ||
              code === 'EPIPE' ||
              code === 'ERR_STREAM_PREMATURE_CLOSE' ||
              message === 'socket hang up'
            ? 'reset'
            : code === 'ETIMEDOUT'
              ? 'timeout'
              : TLS_CODE.test(code) || /certificate|ssl|tls/i.test(message)
                ? 'tls'
                : code.startsWith('HPE_')
                  ? 'protocol'
                  : 'other';
  // Node's connect errors end in ` - Local (undefined:undefined)` when no local address was bound
  const line = (message.split('\n')[0] ?? message).replace(/ - Local \([^)]*\)$/, '');
  return { kind, code, message: line };
}
