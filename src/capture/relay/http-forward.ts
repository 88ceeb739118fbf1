import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import type { NetError } from '../../collect/http.js';
import { BodySample } from '../call/body-sample.js';
import type { Deadlines } from './deadlines.js';
import { downstreamResponseHeaders, pairsOf, upstreamRequestHeaders } from './hop-headers.js';
import type { HeaderPairs, ObservedCall, ObservedResponse } from '../call/observed-call.js';
import type { ProxyOptions } from './options.js';
import { headerPairs, tapRawHeads } from '../http1/raw-heads.js';
import { judgeLocation } from './redirect-location.js';
import {
  gatewayAnswer,
  gatewayResponse,
  netErrorOf,
  timeoutError,
  upstreamAgent,
} from './upstream.js';
import { callUrl, upstreamPath } from './paths.js';
import { wireText } from '../http1/wire-text.js';
import { monotonicMs } from '../../clock.js';

/**
 * The connections the relay does not handle itself go to node:http: the live view's pages,
 * upgrades, CONNECT, and heads the relay will not read (ambiguous framing, too large, bare LF).
 * node:http answers or refuses them as it does for any server; a call that reaches `forward`
 * goes on to the target through an http.Agent, observed like the relay's calls.
 */
export function fallbackServer(
  options: ProxyOptions,
  deadlines: Deadlines,
  nextId: () => number,
): { server: http.Server; agent: http.Agent } {
  const agent = upstreamAgent(options.target, options.insecure === true);
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    if (options.local?.(req, res)) return;
    forward(req, res, nextId(), options, agent, deadlines);
  });
  tapRawHeads(server);
  // An app that took capture for a forward proxy (HTTPS_PROXY=http://127.0.0.1:8401): told why,
  // where node:http would only drop the connection.
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    const body = `why401 capture is a reverse proxy for ${options.target.origin}, not a forward proxy: point the app's base URL at it (not HTTPS_PROXY / HTTP_PROXY).\n`;
    socket.on('error', () => undefined);
    socket.end(
      'HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n' +
        `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Why401: not-a-forward-proxy\r\nConnection: close\r\n\r\n' +
        body,
    );
    options.onNotice?.(`CONNECT ${(req.url ?? '').slice(0, 100)}: ${body.trim()}`);
  });
  // Without this listener node:http would serve an upgrade as a plain request, its Upgrade
  // header dropped: a WebSocket (realtime and speech APIs) would get 200 instead of 101.
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) =>
    upgrade(req, socket, head, nextId(), options, agent, deadlines),
  );
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    const status =
      e.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    // Nothing went on to the target: say so, or the app's 400 has no line at all. A line break
    // inside a header value (a key read from a file with its newline) is the usual cause.
    if (e.code !== 'ECONNRESET')
      options.onNotice?.(
        `a request it could not read as HTTP/1.1 (${e.code ?? 'parse error'}) was answered ${status.slice(0, 3)} and not passed on` +
          (/CR|LF|HEADER|INVALID/.test(e.code ?? '')
            ? ': a header line is malformed, often a value holding a line break (a key read from a file with its newline)'
            : ''),
      );
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });
  return { server, agent };
}

/** One call through node:http: what it has seen so far, reported to `onCall` once. */
class CallRecord {
  readonly startedAt = Date.now();
  readonly t0 = monotonicMs();
  readonly sample = new BodySample();
  readonly sent: HeaderPairs;
  /** The path on the target (its prefix put in front). */
  readonly path: string;
  readonly #url: URL;
  answer: Omit<ObservedResponse, 'bodySample' | 'bodyBytes' | 'truncated'> | undefined;
  error: NetError | undefined;
  interrupted: ObservedCall['interrupted'];
  private reported = false;

  constructor(
    private readonly id: number,
    readonly req: http.IncomingMessage,
    readonly options: ProxyOptions,
  ) {
    this.sent = headerPairs(req);
    this.path = upstreamPath(options.target, req.url ?? '/');
    this.#url = callUrl(options.target, this.path);
  }

  /** The answer's head came (`fallback`: the status when node:http gives none). */
  answered(up: http.IncomingMessage, fallback: number): NonNullable<CallRecord['answer']> {
    this.answer = {
      status: up.statusCode ?? fallback,
      statusText: up.statusMessage ?? '',
      headers: pairsOf(up.rawHeaders),
    };
    return this.answer;
  }

  /** No answer came: the error, kept for the report. */
  failed(e: Error, timeoutMs: number): NetError {
    const code = (e as NodeJS.ErrnoException).code;
    this.error = code === 'ETIMEDOUT' ? timeoutError(timeoutMs) : netErrorOf(e);
    return this.error;
  }

  /** False when the call was reported already. */
  report(): boolean {
    if (this.reported) return false;
    this.reported = true;
    const { answer, sample } = this;
    this.options.onCall({
      id: this.id,
      startedAt: this.startedAt,
      method: this.req.method ?? 'GET',
      url: this.#url,
      requestHeaders: asText(this.sent),
      response: answer && {
        ...answer,
        bodySample: sample.buffer(),
        bodyBytes: sample.bytes,
        truncated: sample.truncated,
      },
      error: this.error,
      interrupted: this.interrupted,
      elapsedMs: Math.round(monotonicMs() - this.t0),
    });
    return true;
  }
}

/**
 * The call's request to the target through `agent`, with these headers; destroyed with
 * ETIMEDOUT when no answer's head came within the deadline (`owner` is its key there).
 */
function sendUpstream(
  call: CallRecord,
  headers: string[],
  agent: http.Agent,
  deadlines: Deadlines,
  owner: object,
): http.ClientRequest {
  const { target } = call.options;
  const secure = target.protocol === 'https:';
  const upstream = (secure ? https : http).request({
    protocol: target.protocol,
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: target.port || (secure ? 443 : 80),
    method: call.req.method,
    path: call.path,
    headers,
    setHost: false,
    agent,
  } as http.RequestOptions);
  deadlines.add(owner, () =>
    upstream.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
  );
  return upstream;
}

/** A redirect's Location at the target points back at capture; one elsewhere is said (relay.ts). */
function redirected(
  status: number,
  headers: string[],
  target: URL,
  req: http.IncomingMessage,
  options: ProxyOptions,
): string[] {
  if (status < 300 || status >= 400) return headers;
  const at = headers.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === 'location');
  const verdict = judgeLocation(status, headers[at + 1], target, req.headers.host);
  if (verdict?.kind === 'elsewhere') {
    const path = (req.url ?? '').split('?')[0] ?? '';
    options.onNotice?.(
      `redirect: ${status} for ${req.method ?? 'GET'} ${path.slice(0, 80)} sends the app to ${verdict.origin}, another origin: its next call goes there directly, not through capture (not seen), and clients send no Authorization there`,
      `redirect ${verdict.origin}`,
    );
  }
  if (verdict?.kind !== 'rewrite' || at < 0) return headers;
  const out = [...headers];
  out[at + 1] = verdict.location;
  return out;
}

function forward(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  id: number,
  options: ProxyOptions,
  agent: http.Agent,
  deadlines: Deadlines,
): void {
  const { target } = options;
  const call = new CallRecord(id, req, options);
  const { sent } = call;
  const report = () => void call.report();

  // A request without a body can be sent again when a kept-alive connection turns out closed.
  const hasBody = sent.some(([n, v]) => {
    const name = n.toLowerCase();
    return name === 'transfer-encoding' || (name === 'content-length' && v.trim() !== '0');
  });

  const attempt = (retried: boolean): http.ClientRequest => {
    const headers = upstreamRequestHeaders(sent, target.host);
    const upstream = sendUpstream(call, headers, agent, deadlines, res);
    upstream.on('response', (up) => {
      deadlines.delete(res);
      const answer = call.answered(up, 502);
      const headers = redirected(
        answer.status,
        downstreamResponseHeaders(up.rawHeaders),
        target,
        req,
        options,
      );
      try {
        res.writeHead(answer.status, answer.statusText, headers);
      } catch {
        res.writeHead(answer.status, headers);
      }
      up.on('data', (chunk: Buffer) => call.sample.add(chunk));
      up.pipe(res);
      up.on('close', () => {
        if (!up.complete && !res.writableEnded) {
          call.interrupted ??= 'upstream-reset';
          res.destroy(); // the app sees the cut, as it would without capture
        }
      });
    });
    upstream.on('error', (e) => {
      deadlines.delete(res);
      if (call.answer) {
        call.interrupted ??=
          res.destroyed && !res.writableFinished ? 'client-aborted' : 'upstream-reset';
        res.destroy();
        return;
      }
      if (res.destroyed) return; // the app hung up first
      const code = (e as NodeJS.ErrnoException).code;
      if (!retried && !hasBody && upstream.reusedSocket && code === 'ECONNRESET') {
        current = attempt(true);
        return;
      }
      const { status, body } = gatewayAnswer(target, call.failed(e, deadlines.ms));
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-why401': 'upstream-unreachable',
      });
      res.end(body);
    });
    if (hasBody) req.pipe(upstream);
    else {
      upstream.end();
      req.resume();
    }
    return upstream;
  };

  let current = attempt(false);
  res.on('close', () => {
    deadlines.delete(res);
    if (!res.writableFinished) {
      call.interrupted ??= 'client-aborted';
      current.destroy();
    }
    report();
  });
}

function asText(pairs: HeaderPairs): HeaderPairs {
  return pairs.map(([n, v]) => [n, wireText(v)] as const);
}

/** A response head as the API wrote it (names, order, repeats), for a socket of our own. */
function rawResponseHead(
  status: number,
  reason: string,
  raw: readonly string[],
  skip: (name: string) => boolean = () => false,
  extra = '',
): string {
  let text = `HTTP/1.1 ${status} ${reason}\r\n`;
  for (let i = 0; i + 1 < raw.length; i += 2)
    if (!skip((raw[i] ?? '').toLowerCase())) text += `${raw[i]}: ${raw[i + 1]}\r\n`;
  return `${text}${extra}\r\n`;
}

/**
 * An upgrade (a WebSocket handshake): sent on with its Connection and Upgrade headers, Host
 * rewritten; a 101 joins the two connections, byte for byte both ways. A refused handshake
 * (401, 403) is passed back and observed like any refused call, then the connection closes.
 */
function upgrade(
  req: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
  id: number,
  options: ProxyOptions,
  agent: http.Agent,
  deadlines: Deadlines,
): void {
  const call = new CallRecord(id, req, options);
  const report = () => {
    if (call.report()) deadlines.delete(socket);
  };
  const headers = upstreamRequestHeaders(call.sent, options.target.host, { upgrade: true });
  const upstream = sendUpstream(call, headers, agent, deadlines, socket);
  socket.on('error', () => undefined); // 'close' follows
  socket.on('close', () => {
    if (!call.answer) {
      call.interrupted ??= 'client-aborted';
      upstream.destroy();
    }
    report();
  });

  upstream.on('upgrade', (up: http.IncomingMessage, upSocket: Duplex, upHead: Buffer) => {
    deadlines.delete(socket);
    const answer = call.answered(up, 101);
    report(); // the call is its handshake: what follows is the app's own protocol
    if (socket.destroyed) {
      upSocket.destroy();
      return;
    }
    socket.write(rawResponseHead(answer.status, answer.statusText, up.rawHeaders));
    if (upHead.length > 0) socket.write(upHead);
    if (head.length > 0) upSocket.write(head);
    // Either side gone: the other goes too (capture's Ctrl-C included).
    upSocket.on('error', () => socket.destroy());
    upSocket.on('close', () => socket.destroy());
    socket.on('close', () => upSocket.destroy());
    upSocket.pipe(socket);
    socket.pipe(upSocket);
  });

  upstream.on('response', (up) => {
    // The handshake refused: the answer goes back as it came, then the connection closes.
    deadlines.delete(socket);
    const answer = call.answered(up, 502);
    if (socket.destroyed) {
      up.destroy();
      return;
    }
    const framing = new Set(['connection', 'keep-alive', 'transfer-encoding']);
    const noBody = req.method === 'HEAD' || up.statusCode === 204 || up.statusCode === 304;
    socket.write(
      rawResponseHead(
        answer.status,
        answer.statusText,
        up.rawHeaders,
        (name) => framing.has(name),
        // No Content-Length: the body (chunked on the API's side) runs until the close.
        'Connection: close\r\n',
      ),
    );
    up.on('data', (chunk: Buffer) => {
      call.sample.add(chunk);
      if (!noBody) socket.write(chunk);
    });
    up.on('end', () => {
      socket.end();
      report();
    });
    up.on('close', () => {
      if (!up.complete) {
        call.interrupted ??= 'upstream-reset';
        socket.destroy();
      }
    });
  });

  upstream.on('error', (e) => {
    deadlines.delete(socket);
    if (call.answer) {
      socket.destroy();
      return;
    }
    const error = call.failed(e, deadlines.ms);
    if (!socket.destroyed) socket.end(gatewayResponse(options.target, error, req.method ?? 'GET'));
    report();
  });
  upstream.end();
}
