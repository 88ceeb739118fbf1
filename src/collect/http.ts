import http from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import { monotonicMs } from '../clock.js';

// TLS and decompression cost milliseconds to load: only a run that needs them pays.
const load = createRequire(import.meta.url);
const lazy = <T>(name: string) => {
  let mod: T | undefined;
  return () => (mod ??= load(name) as T);
};
const httpsModule = lazy<typeof import('node:https')>('node:https');
const tlsModule = lazy<typeof import('node:tls')>('node:tls');
const zlibModule = lazy<typeof import('node:zlib')>('node:zlib');

/** One request exactly as it goes on the wire (credential included: never logged as is). */
export interface WireRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string | undefined;
}

export interface WireResponse {
  readonly status: number;
  readonly statusText: string;
  /** Lower-cased names; repeated headers joined with ", " (set-cookie and www-authenticate kept apart in `all`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly all: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
  readonly bodyBytes: number;
  readonly truncated: boolean;
  /** Set when a forward proxy answered a CONNECT itself (407, 403, 502…). */
  readonly fromProxy: boolean;
}

export type NetErrorKind =
  | 'client-refused'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'tls'
  | 'protocol'
  | 'proxy'
  | 'other';

export interface NetError {
  readonly kind: NetErrorKind;
  readonly code: string;
  readonly message: string;
}

export type SendResult =
  | { readonly ok: true; readonly response: WireResponse; readonly elapsedMs: number }
  | { readonly ok: false; readonly error: NetError; readonly elapsedMs: number };

export interface SendOptions {
  readonly timeoutMs: number;
  readonly proxy?: URL | undefined;
  readonly insecure?: boolean | undefined;
  /** Bytes of body kept; the rest is not read (a 1 GB answer costs nothing). */
  readonly maxBodyBytes?: number | undefined;
  readonly agents?: AgentPool | undefined;
}

const DEFAULT_MAX_BODY = 64 * 1024;
const MAX_DECODED = 1024 * 1024;

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

/** Sends one request, follows nothing, never throws: every failure is a NetError. */
export function send(request: WireRequest, options: SendOptions): Promise<SendResult> {
  const started = monotonicMs();
  const elapsed = () => Math.round(monotonicMs() - started);
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (
      result: { ok: true; response: WireResponse } | { ok: false; error: NetError },
    ) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, elapsedMs: elapsed() });
    };
    /** Once the status line and headers are in, they are the answer, with the body read so far. */
    let partial: (() => WireResponse) | undefined;
    // A stall, reset or timeout after the head cuts the body short; it does not undo the answer.
    const fail = (error: unknown) =>
      partial
        ? finish({ ok: true, response: partial() })
        : finish({ ok: false, error: classify(error) });
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
        current = tunnel(
          request,
          options,
          onResponse,
          onProxyAnswer,
          fail,
          (req) => (current = req),
        );
      } else {
        // A kept-alive connection the server (or a proxy: tinyproxy) closed after its last answer
        // without saying so: the request dies unsent. Sent again once, on a new connection, as
        // Node's docs advise; only a method that changes nothing.
        const start = (fresh: boolean): http.ClientRequest => {
          const req = plain(
            request,
            fresh ? { ...options, agents: undefined } : options,
            (res) => void onResponse(res, false),
          );
          req.on('error', (error: NodeJS.ErrnoException) => {
            if (
              !fresh &&
              req.reusedSocket &&
              partial === undefined &&
              (error.code === 'ECONNRESET' || error.code === 'EPIPE') &&
              RESENDABLE.has(request.method.toUpperCase())
            ) {
              current = start(true);
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

function proxyAuthorization(proxy: URL): string | undefined {
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
  if (options.proxy) {
    // Absolute-form request to a forward proxy (plain http targets).
    const auth = proxyAuthorization(options.proxy);
    if (auth) headers['proxy-authorization'] = auth;
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'host')) headers['host'] = url.host;
    const mod = options.proxy.protocol === 'https:' ? httpsModule() : http;
    return mod.request(
      {
        host: options.proxy.hostname.replace(/^\[|\]$/g, ''),
        port: options.proxy.port || (options.proxy.protocol === 'https:' ? 443 : 80),
        method: request.method,
        path: url.href,
        headers,
        agent: options.agents?.get(options.proxy.protocol, options.insecure === true) ?? false,
        rejectUnauthorized: !options.insecure,
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
      agent: options.agents?.get(url.protocol, options.insecure === true) ?? false,
      rejectUnauthorized: !options.insecure,
    },
    onResponse,
  );
}

/** HTTPS through a forward proxy: CONNECT, then TLS inside the tunnel. */
function tunnel(
  request: WireRequest,
  options: SendOptions,
  onResponse: (res: http.IncomingMessage, fromProxy: boolean) => void,
  onProxyAnswer: (response: WireResponse) => void,
  fail: (e: unknown) => void,
  track: (req: http.ClientRequest) => void,
): http.ClientRequest {
  const proxy = options.proxy as URL;
  const target = `${request.url.hostname}:${request.url.port || 443}`;
  const auth = proxyAuthorization(proxy);
  const connectReq = http.request({
    host: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: proxy.port || 80,
    method: 'CONNECT',
    path: target,
    headers: { host: target, ...(auth ? { 'proxy-authorization': auth } : {}) },
    agent: false,
  });
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
              servername: request.url.hostname,
              rejectUnauthorized: !options.insecure,
            }),
        } as import('node:https').RequestOptions,
        (r) => onResponse(r, false),
      );
      track(inner);
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
      body: decodeBody(raw, headers['content-encoding'], cut),
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

/** Decompresses within a 1 MiB output cap: a gzip bomb costs nothing. */
function decodeBody(raw: Buffer, encoding: string | undefined, truncated: boolean): string {
  const enc = encoding?.trim().toLowerCase();
  if (!enc || enc === 'identity') return raw.toString('utf8');
  if (truncated) return `(a ${enc} body not read to its end; not decoded)`;
  try {
    const opts = { maxOutputLength: MAX_DECODED };
    const out =
      enc === 'gzip' || enc === 'x-gzip'
        ? zlibModule().gunzipSync(raw, opts)
        : enc === 'deflate'
          ? zlibModule().inflateSync(raw, opts)
          : enc === 'br'
            ? zlibModule().brotliDecompressSync(raw, opts)
            : undefined;
    return out ? out.toString('utf8') : `(a ${enc}-encoded body, not decoded)`;
  } catch {
    return `(a ${enc} body that does not decode within ${MAX_DECODED / 1024} KiB)`;
  }
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
