import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { NetError } from '../collect/http.js';
import { BodySample } from './body-sample.js';
import { Deadlines } from './deadlines.js';
import { downstreamResponseHeaders, pairsOf, upstreamRequestHeaders } from './hop-headers.js';
import type { HeaderPairs, ObservedCall, ObservedResponse } from './observed-call.js';
import { headerPairs, tapRawHeads } from './raw-heads.js';
import { gatewayAnswer, netErrorOf, timeoutError, upstreamAgent } from './upstream.js';
import { wireText } from './wire-text.js';

export interface ProxyOptions {
  readonly target: URL;
  readonly port: number;
  readonly host?: string | undefined;
  readonly insecure?: boolean | undefined;
  /** How long to wait for the answer's head (not for its body: streams may idle). */
  readonly headTimeoutMs?: number | undefined;
  /** Every finished call: answered, failed or cut short. */
  readonly onCall: (call: ObservedCall) => void;
  /** Requests capture answers itself (the live view); true when handled. */
  readonly local?: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | undefined;
}

export interface CaptureProxy {
  readonly server: http.Server;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * A reverse proxy on the loopback: the app points its base URL here, every call goes on to the
 * target as sent (exact header values, streamed both ways, nothing buffered), and a copy of what
 * passed (the request head, the answer head, the first 64 KiB of the answer) is handed to onCall.
 */
export async function startProxy(options: ProxyOptions): Promise<CaptureProxy> {
  const agent = upstreamAgent(options.target, options.insecure === true);
  const deadlines = new Deadlines(options.headTimeoutMs ?? 60_000);
  let seq = 0;
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    if (options.local?.(req, res)) return;
    forward(req, res, ++seq, options, agent, deadlines);
  });
  tapRawHeads(server);
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
        deadlines.stop();
      }),
  };
}

/** The app's path on the target: a target with a path prefix gets it put in front. */
function upstreamPath(target: URL, url: string): string {
  const path = /^https?:\/\//i.test(url) ? new URL(url).pathname + new URL(url).search : url;
  const prefix = target.pathname.replace(/\/$/, '');
  return prefix && !path.startsWith(`${prefix}/`) && path !== prefix ? `${prefix}${path}` : path;
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
  const startedAt = Date.now();
  const t0 = performance.now();
  const sent = headerPairs(req);
  const path = upstreamPath(target, req.url ?? '/');
  const headTimeoutMs = deadlines.ms;
  const sample = new BodySample();
  let answer: Omit<ObservedResponse, 'bodySample' | 'bodyBytes' | 'truncated'> | undefined;
  let error: NetError | undefined;
  let interrupted: ObservedCall['interrupted'];
  let reported = false;

  const report = () => {
    if (reported) return;
    reported = true;
    options.onCall({
      id,
      startedAt,
      method: req.method ?? 'GET',
      url: new URL(path, target.origin),
      requestHeaders: asText(sent),
      response: answer && {
        ...answer,
        bodySample: sample.buffer(),
        bodyBytes: sample.bytes,
        truncated: sample.truncated,
      },
      error,
      interrupted,
      elapsedMs: Math.round(performance.now() - t0),
    });
  };

  const mod = target.protocol === 'https:' ? https : http;
  // A request without a body can be sent again when a kept-alive connection turns out closed.
  const hasBody = sent.some(([n, v]) => {
    const name = n.toLowerCase();
    return name === 'transfer-encoding' || (name === 'content-length' && v.trim() !== '0');
  });

  const attempt = (retried: boolean): http.ClientRequest => {
    const upstream = mod.request({
      protocol: target.protocol,
      hostname: target.hostname.replace(/^\[|\]$/g, ''),
      port: target.port || (target.protocol === 'https:' ? 443 : 80),
      method: req.method,
      path,
      headers: upstreamRequestHeaders(sent, target.host),
      setHost: false,
      agent,
    } as http.RequestOptions);
    deadlines.add(res, () =>
      upstream.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    upstream.on('response', (up) => {
      deadlines.delete(res);
      answer = {
        status: up.statusCode ?? 502,
        statusText: up.statusMessage ?? '',
        headers: pairsOf(up.rawHeaders),
      };
      try {
        res.writeHead(answer.status, answer.statusText, downstreamResponseHeaders(up.rawHeaders));
      } catch {
        res.writeHead(answer.status, downstreamResponseHeaders(up.rawHeaders));
      }
      up.on('data', (chunk: Buffer) => sample.add(chunk));
      up.pipe(res);
      up.on('close', () => {
        if (!up.complete && !res.writableEnded) {
          interrupted ??= 'upstream-reset';
          res.destroy(); // the app sees the cut, as it would without capture
        }
      });
    });
    upstream.on('error', (e) => {
      deadlines.delete(res);
      const code = (e as NodeJS.ErrnoException).code;
      if (answer) {
        interrupted ??=
          res.destroyed && !res.writableFinished ? 'client-aborted' : 'upstream-reset';
        res.destroy();
        return;
      }
      if (res.destroyed) return; // the app hung up first
      if (!retried && !hasBody && upstream.reusedSocket && code === 'ECONNRESET') {
        current = attempt(true);
        return;
      }
      error = code === 'ETIMEDOUT' ? timeoutError(headTimeoutMs) : netErrorOf(e);
      const { status, body } = gatewayAnswer(target, error);
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
      interrupted ??= 'client-aborted';
      current.destroy();
    }
    report();
  });
}

function asText(pairs: HeaderPairs): HeaderPairs {
  return pairs.map(([n, v]) => [n, wireText(v)] as const);
}
