import { subscribe } from 'node:diagnostics_channel';
import type http from 'node:http';
import { decodeBody } from '../../collect/decode-body.js';
import { BodySample } from '../call/body-sample.js';
import { HEAD_BYTES, looksFailed, mayHideRefusal } from '../call/failure-shapes.js';
import { OpenCalls, startCall, type PendingCall } from './preload-calls.js';
import type { Reporter } from './preload-reporter.js';

interface Pending extends PendingCall {
  response?: http.IncomingMessage;
  sample?: BodySample | undefined;
  /** A 2xx whose first bytes are still to be read: it may be a refusal in disguise. */
  sifting?: boolean;
}

const pending = new WeakMap<http.ClientRequest, Pending>();

function headersOf(req: http.ClientRequest): [string, string][] {
  const out: [string, string][] = [];
  for (const name of req.getRawHeaderNames()) {
    const value = req.getHeader(name);
    if (Array.isArray(value)) for (const v of value) out.push([name, String(v)]);
    else if (value !== undefined) out.push([name, String(value)]);
  }
  return out;
}

/**
 * The URL the call is for. Through an HTTP forward proxy (HTTP_PROXY, an agent that sends
 * absolute-form targets) the request goes to the proxy as `GET http://api.example/v1/x`: that
 * target is the URL, not the proxy's address.
 */
function urlOf(req: http.ClientRequest, headers: [string, string][]): string {
  if (/^https?:\/\//i.test(req.path)) return req.path;
  const host = headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? req.host;
  return `${req.protocol}//${host}${req.path}`;
}

function pairs(raw: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return out;
}

/** Watches an emitter's events without adding a listener (an 'error' listener would change the app). */
function observeEmit(
  target: NodeJS.EventEmitter,
  seen: (event: string | symbol, arg: unknown) => void,
): void {
  const emit = target.emit;
  target.emit = function (this: NodeJS.EventEmitter, event: string | symbol, ...args: unknown[]) {
    try {
      seen(event, args[0]);
    } catch {
      // observing must never break the app
    }
    return emit.apply(this, [event, ...args]);
  } as typeof target.emit;
}

/** http and https clients: `http.client.request.start` and `http.client.response.finish`. */
export function watchHttp(reporter: Reporter, onSocket: (socket: unknown) => void): () => void {
  const calls = new OpenCalls<Pending>(reporter, 'http');
  const finish = (p: Pending) =>
    calls.report(p, ({ response: res, sample, error }) =>
      res
        ? {
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            responseHeaders: pairs(res.rawHeaders),
            body: sample?.buffer().toString('base64') ?? '',
            bodyBytes: sample?.bytes ?? 0,
          }
        : {
            error: error ?? {
              code: 'ECONNRESET',
              message: 'the request ended without an answer',
            },
          },
    );

  subscribe('http.client.request.start', (message) => {
    try {
      const req = (message as { request: http.ClientRequest }).request;
      const requestHeaders = headersOf(req);
      const p: Pending = startCall(req.method, urlOf(req, requestHeaders), requestHeaders);
      pending.set(req, p);
      calls.add(p);
      // Node 20 publishes this once the request has its socket, before its head is written.
      if (req.socket) onSocket(req.socket);
      observeEmit(req, (event, arg) => {
        if (event === 'error' && !p.response) {
          const e = arg as NodeJS.ErrnoException | undefined;
          p.error = { code: String(e?.code ?? 'ERROR'), message: String(e?.message ?? e) };
        }
        if (event === 'close' && !p.response) finish(p);
        if (event === 'socket') onSocket(arg);
      });
    } catch {
      // never break the app
    }
  });

  /** A 2xx read far enough: sent on when it looks like a refusal, else only counted. */
  const decide = (p: Pending) => {
    p.sifting = false;
    const res = p.response;
    const sample = p.sample;
    const header = (name: string) => {
      const v = res?.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    const type = header('content-type');
    // Only the head is read: only as much is decoded (a 64 KiB gzip sample is up to 1 MiB).
    const head =
      sample && decodeBody(sample.buffer(), header('content-encoding'), { maxBytes: HEAD_BYTES });
    if (head !== undefined && looksFailed(head, type)) return;
    p.sample = undefined;
    calls.seen(p, res?.statusCode ?? 0);
  };
  const settle = (p: Pending) => {
    if (p.sifting) decide(p);
    finish(p);
  };

  subscribe('http.client.response.finish', (message) => {
    try {
      const { request, response } = message as {
        request: http.ClientRequest;
        response: http.IncomingMessage;
      };
      const p = pending.get(request);
      if (!p) return;
      p.response = response;
      const status = response.statusCode ?? 0;
      // Refusals; redirects (a login page's is one); 2xx that may be an error in disguise.
      const watched =
        status >= 400 ||
        (status >= 300 && response.headers.location !== undefined) ||
        (status >= 200 && status < 300 && mayHideRefusal(response.headers['content-type']));
      if (!watched) {
        calls.seen(p, status);
        return;
      }
      p.sifting = status < 300;
      // The parser pushes every body chunk: seen whether or how the app reads them.
      const sample = new BodySample();
      p.sample = sample;
      const push = response.push;
      response.push = function (
        this: http.IncomingMessage,
        chunk: unknown,
        encoding?: BufferEncoding,
      ) {
        try {
          if (chunk === null) settle(p);
          else if (Buffer.isBuffer(chunk) && !p.done) {
            sample.add(chunk);
            if (p.sifting && sample.bytes >= HEAD_BYTES) decide(p);
          }
        } catch {
          // never break the app
        }
        return push.call(this, chunk, encoding);
      };
      response.once('close', () => settle(p));
    } catch {
      // never break the app
    }
  });

  // Answers still arriving when the process exits: reported with what came.
  return () => {
    for (const p of calls.list()) if (p.response) settle(p);
  };
}
