/**
 * Servers that misbehave on purpose, on 127.0.0.1 (port 0): they never answer, stall, flood,
 * loop, lie about time, speak no HTTP, or echo the credential back. Each records what it received
 * so a test can assert on the server side (a credential must never reach another origin).
 *
 * Shared by test/security/hostile.test.ts and scripts/hostile-report.mjs (which bundles this file
 * with esbuild), so the figures in the report come from the very servers the tests use.
 */
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  connect as connectTcp,
  createServer as createNetServer,
  type Server,
  type Socket,
} from 'node:net';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { selfSigned as selfSignedWithOpenssl } from '../support/self-signed.js';

const HOST = '127.0.0.1';

/** One request as a hostile server saw it. */
export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The request head as text (method, target, every header): what a leak test searches. */
  readonly raw: string;
}

export interface Hostile {
  readonly origin: string;
  readonly port: number;
  /** Every request that reached this server, in order. */
  readonly seen: Seen[];
  /** Body bytes it managed to write before the client went away (the flood servers). */
  readonly bytesSent: () => number;
  stop(): Promise<void>;
}

function headOf(req: IncomingMessage): Seen {
  const lines = [`${req.method ?? ''} ${req.url ?? ''} HTTP/${req.httpVersion}`];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    lines.push(`${req.rawHeaders[i] ?? ''}: ${req.rawHeaders[i + 1] ?? ''}`);
  return {
    method: req.method ?? '',
    url: req.url ?? '',
    headers: req.headers,
    raw: lines.join('\r\n'),
  };
}

function listening(
  server: Server,
  scheme: 'http' | 'https',
  seen: Seen[],
  bytesSent: () => number = () => 0,
  cleanup: () => void = () => undefined,
): Promise<Hostile> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      let stopped = false;
      resolve({
        origin: `${scheme}://${HOST}:${port}`,
        port,
        seen,
        bytesSent,
        stop: () => {
          if (stopped) return Promise.resolve();
          stopped = true;
          for (const s of sockets) s.destroy();
          cleanup();
          return new Promise<void>((r) => server.close(() => r()));
        },
      });
    });
  });
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void;

/** An HTTP server whose handler sees the request once its head is in (bodies are ignored). */
function http(handler: Handler, extra?: { bytesSent?: () => number }): Promise<Hostile> {
  const seen: Seen[] = [];
  const server = createHttpServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    seen.push(headOf(req));
    req.resume();
    res.on('error', () => undefined);
    handler(req, res, seen);
  });
  return listening(server, 'http', seen, extra?.bytesSent);
}

const BEARER = { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' };
const JSON_401 = JSON.stringify({ error: { message: 'Invalid API key', code: 'invalid_api_key' } });

/** A Readable of `total` bytes of `fill`, made lazily, chunk by chunk, as the reader pulls. */
function lazyBytes(total: number, fill: number, count: (n: number) => void): Readable {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      count(piece.length);
      this.push(piece);
    },
  });
}

// ------------------------------------------------------------------------------ silence, stalls

/** Accepts the connection, reads the request, never answers a byte. */
export function neverAnswers(): Promise<Hostile> {
  const seen: Seen[] = [];
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (d: Buffer) =>
      seen.push({ method: '', url: '', headers: {}, raw: d.toString('latin1') }),
    );
  });
  return listening(server, 'http', seen);
}

/** Sends a 401 status line and headers, one byte of body, then stalls forever. */
export function stallsBody(): Promise<Hostile> {
  return http((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json', ...BEARER });
    res.write('{');
  });
}

// ------------------------------------------------------------------------------ floods

export const GIB = 1024 * 1024 * 1024;

/** A 401 with a 1 GiB body, streamed lazily: only what the client pulls is ever made. */
export function hugeBody(): Promise<Hostile> {
  let sent = 0;
  return http(
    (_req, res) => {
      res.writeHead(401, {
        'content-type': 'application/json',
        'content-length': String(GIB),
        ...BEARER,
      });
      res.write(JSON_401.slice(0, -1));
      lazyBytes(GIB, 0x20, (n) => (sent += n)).pipe(res);
    },
    { bytesSent: () => sent },
  );
}

/** A 401 whose head carries 10,000 headers (about 200 KiB: past any client's header limit). */
export function tenThousandHeaders(): Promise<Hostile> {
  const seen: Seen[] = [];
  const head =
    'HTTP/1.1 401 Unauthorized\r\n' +
    Array.from({ length: 10_000 }, (_, i) => `X-Flood-${i}: ${'v'.repeat(8)}\r\n`).join('') +
    'WWW-Authenticate: Bearer\r\nContent-Length: 0\r\n\r\n';
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', (d: Buffer) => {
      seen.push({ method: '', url: '', headers: {}, raw: d.toString('latin1') });
      socket.write(head);
    });
  });
  return listening(server, 'http', seen);
}

/**
 * 1 GiB of zeros, gzip-compressed at start-up by streaming zlib (about 1 MiB on the wire), sent
 * as a 401 with `Content-Encoding: gzip`: the client must neither read nor inflate it all.
 */
export async function gzipBomb(size = GIB): Promise<Hostile> {
  const gz: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const zip = createGzip({ level: 9 });
    zip.on('data', (c: Buffer) => gz.push(c));
    zip.on('end', resolve);
    zip.on('error', reject);
    lazyBytes(size, 0, () => undefined).pipe(zip);
  });
  const bomb = Buffer.concat(gz);
  let sent = 0;
  return http(
    (_req, res) => {
      res.writeHead(401, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(bomb.length),
        ...BEARER,
      });
      sent += bomb.length;
      res.end(bomb);
    },
    { bytesSent: () => sent },
  );
}

// ------------------------------------------------------------------------------ broken answers

/** Answers every connection with bytes that are not HTTP, then closes. */
export function notHttp(): Promise<Hostile> {
  const seen: Seen[] = [];
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (d: Buffer) => {
      seen.push({ method: '', url: '', headers: {}, raw: d.toString('latin1') });
      socket.end('SSH-2.0-OpenSSH_9.6\r\n\x00\x01\x02\xff garbage, not HTTP at all\r\n\r\n');
    });
  });
  return listening(server, 'http', seen);
}

/** A 401 head, half of its promised body, then a TCP reset. */
export function resetMidBody(): Promise<Hostile> {
  return http((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json', 'content-length': '4096', ...BEARER });
    res.write(JSON_401.slice(0, 20), () => setTimeout(() => res.socket?.resetAndDestroy(), 20));
  });
}

/** A redirect loop: /a → /b → /a … (302, relative Location). */
export function redirectLoop(): Promise<Hostile> {
  return http((req, res) => {
    res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a', 'content-length': '0' });
    res.end();
  });
}

/** 307 to `target()` + the same path: another origin when the target is another server. */
export function redirectTo(target: () => string, status = 307): Promise<Hostile> {
  return http((req, res) => {
    res.writeHead(status, { location: `${target()}${req.url ?? '/'}`, 'content-length': '0' });
    res.end();
  });
}

/** Always 401 with a Bearer challenge (the target of redirects: records who came). */
export function bearer401(): Promise<Hostile> {
  return http((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json', ...BEARER });
    res.end(JSON_401);
  });
}

/** A 401 whose Date says 1970. */
export function date1970(): Promise<Hostile> {
  return http((_req, res) => {
    res.writeHead(401, {
      'content-type': 'application/json',
      date: 'Thu, 01 Jan 1970 00:00:00 GMT',
      ...BEARER,
    });
    res.end(JSON_401);
  });
}

/**
 * Echoes every request header back: in the body (JSON and plain), in response headers, in
 * Location (a redirect to a path carrying them) and in WWW-Authenticate. What a logging proxy or a
 * careless error page does with a credential.
 */
export function reflector(): Promise<Hostile> {
  return http((req, res) => {
    const auth = req.headers.authorization ?? '';
    const all = Object.entries(req.headers)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join('; ');
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const echo = [auth, ...q.values(), all].join(' | ');
    const safe = (v: string) => v.replace(/[^\x20-\x7e]/g, '?').slice(0, 4000);
    res.writeHead(401, {
      'content-type': 'application/json',
      'x-echo-authorization': safe(auth),
      'x-echo-all': safe(all),
      'www-authenticate': `Bearer realm="${safe(echo).replace(/["\\]/g, '')}", error="invalid_token", error_description="bad token ${safe(auth).replace(/["\\]/g, '')}"`,
      'set-cookie': `seen=${encodeURIComponent(auth)}`,
      link: `</echo?auth=${encodeURIComponent(auth)}>; rel="self"`,
    });
    res.end(
      JSON.stringify({
        error: { message: `Invalid API key: ${echo}`, code: 'invalid_api_key', received: echo },
        headers: req.headers,
      }),
    );
  });
}

/** Like reflector(), but answers 302 with the credential in Location (to `target` when given). */
export function reflectingRedirect(target?: () => string): Promise<Hostile> {
  return http((req, res) => {
    const auth = req.headers.authorization ?? req.headers['x-api-key'] ?? '';
    const where = `${target ? target() : ''}/next?seen=${encodeURIComponent(String(auth))}`;
    res.writeHead(req.url?.startsWith('/next') ? 401 : 302, {
      location: where,
      'content-type': 'text/plain',
      ...BEARER,
    });
    res.end(`you sent ${String(auth)}`);
  });
}

/** Any handler, with every request recorded (the origins of the origin-guarantee tests). */
export function recording(handler: Handler): Promise<Hostile> {
  return http(handler);
}

export interface ForwardProxy extends Hostile {
  /** CONNECT requests (https targets): only host:port and proxy headers are the proxy's to see. */
  readonly connects: Seen[];
  /** What went through the CONNECT tunnels from the client, as the proxy could read it. */
  readonly tunnelled: () => Buffer;
}

/**
 * A forward proxy: absolute-form requests (plain http targets) are forwarded and recorded;
 * CONNECT opens a TCP tunnel whose bytes from the client are kept, to show they are TLS only.
 */
export function forwardProxy(): Promise<ForwardProxy> {
  const seen: Seen[] = [];
  const connects: Seen[] = [];
  const tunnel: Buffer[] = [];
  const server = createHttpServer((req, res) => {
    seen.push(headOf(req));
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    connects.push(headOf(req));
    const [host, port] = (req.url ?? '').split(':');
    const up = connectTcp(Number(port), host ?? HOST, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) up.write(head);
      client.on('data', (d: Buffer) => tunnel.push(d));
      client.pipe(up);
      up.pipe(client);
    });
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  return listening(server, 'http', seen).then((h) => ({
    ...h,
    connects,
    tunnelled: () => Buffer.concat(tunnel),
  }));
}

// ------------------------------------------------------------------------------ TLS

/** A self-signed certificate for 127.0.0.1, made with openssl at test time (null without it). */
export function selfSigned(): { key: Buffer; cert: Buffer } | null {
  try {
    return selfSignedWithOpenssl();
  } catch {
    return null;
  }
}

/** HTTPS with a certificate nobody signed; answers 401 to whoever completes the handshake. */
export function tlsSelfSigned(tls: { key: Buffer; cert: Buffer }): Promise<Hostile> {
  const seen: Seen[] = [];
  const server = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    seen.push(headOf(req));
    res.writeHead(401, { 'content-type': 'application/json', ...BEARER });
    res.end(JSON_401);
  });
  return listening(server, 'https', seen);
}

// ------------------------------------------------------------------------------ the catalogue

export interface Scenario {
  /** What the server does, as the report's first column says it. */
  readonly name: string;
  readonly start: () => Promise<Hostile>;
  /** The path to request. */
  readonly path: string;
  /** The expected finding (verdict cause) and exit code. */
  readonly cause: string;
  readonly exit: number;
}

/** Every single-server scenario, in report order (redirects to another origin are apart). */
export function scenarios(tls: { key: Buffer; cert: Buffer } | null): Scenario[] {
  const list: Scenario[] = [
    {
      name: 'never answers',
      start: neverAnswers,
      path: '/v1/items',
      cause: 'net.unreachable',
      exit: 3,
    },
    {
      name: 'headers, then the body stalls',
      start: stallsBody,
      path: '/v1/items',
      cause: 'credential.invalid',
      exit: 1,
    },
    {
      name: '1 GiB body',
      start: hugeBody,
      path: '/v1/items',
      cause: 'credential.invalid',
      exit: 1,
    },
    {
      name: 'redirect loop /a ↔ /b',
      start: redirectLoop,
      path: '/a',
      cause: 'inconclusive (no cause)',
      exit: 1,
    },
    {
      name: 'not HTTP (garbage bytes)',
      start: notHttp,
      path: '/v1/items',
      cause: 'net.unreachable',
      exit: 3,
    },
    {
      name: 'reset mid-body',
      start: resetMidBody,
      path: '/v1/items',
      cause: 'credential.invalid',
      exit: 1,
    },
    {
      name: '10,000 headers',
      start: tenThousandHeaders,
      path: '/v1/items',
      cause: 'net.unreachable',
      exit: 3,
    },
    {
      name: 'gzip bomb (1 GiB of zeros)',
      start: () => gzipBomb(),
      path: '/v1/items',
      cause: 'credential.invalid',
      exit: 1,
    },
    {
      name: 'gzip bomb under the read cap (32 MiB of zeros)',
      start: () => gzipBomb(32 * 1024 * 1024),
      path: '/v1/items',
      cause: 'credential.invalid',
      exit: 1,
    },
    {
      name: 'Date: 1970',
      start: date1970,
      path: '/v1/items',
      cause: 'credential.invalid',
      exit: 1,
    },
    {
      name: 'reflects the credential',
      start: reflector,
      path: '/v1/items',
      cause: 'credential.invalid',
      exit: 1,
    },
  ];
  if (tls)
    list.splice(5, 0, {
      name: 'TLS, self-signed certificate',
      start: () => tlsSelfSigned(tls),
      path: '/v1/items',
      cause: 'net.tls-error',
      exit: 3,
    });
  return list;
}
