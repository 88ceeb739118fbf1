import http from 'node:http';
import https from 'node:https';
import type { NetError } from '../collect/http.js';
import { BodySample } from './body-sample.js';
import type { Deadlines } from './deadlines.js';
import { downstreamResponseHeaders, pairsOf, upstreamRequestHeaders } from './hop-headers.js';
import type { HeaderPairs, ObservedCall, ObservedResponse } from './observed-call.js';
import type { ProxyOptions } from './proxy.js';
import { headerPairs, tapRawHeads } from './raw-heads.js';
import { gatewayAnswer, netErrorOf, timeoutError, upstreamAgent } from './upstream.js';
import { callUrl, upstreamPath } from './paths.js';
import { wireText } from './wire-text.js';

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
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    const status =
      e.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });
  return { server, agent };
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
      url: callUrl(target, path),
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
