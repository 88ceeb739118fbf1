import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { OpenCalls, startCall, type PendingCall } from './preload-calls.js';
import type { Reporter } from './preload-reporter.js';
import type { WireHop } from './frames.js';
import { HEAD_BYTES, looksFailed, mayHideRefusal } from '../call/failure-shapes.js';
import { BODY_SAMPLE_BYTES } from '../call/observed-call.js';

interface UndiciRequest {
  readonly origin: string | URL;
  readonly path: string;
  readonly method: string;
  readonly headers: unknown;
}

interface Pending extends PendingCall {
  /** Made by fetch(): the body arrives through the fetch wrapper. */
  viaFetch: boolean;
  status?: number;
  statusText?: string;
  responseHeaders?: [string, string][];
  body?: Buffer;
  /** Redirects fetch followed before this request. */
  hops?: WireHop[];
}

interface FetchContext {
  /** The request fetch is on now (a redirect makes a new one). */
  call?: Pending;
  /** The redirects it followed so far. */
  hops: WireHop[];
}

const pending = new WeakMap<object, Pending>();
const fetchContext = new AsyncLocalStorage<FetchContext>();

const headerOf = (headers: readonly [string, string][] | undefined, name: string) =>
  headers?.find(([n]) => n.length === name.length && n.toLowerCase() === name)?.[1];

/** undici keeps request headers as a flat list, a CRLF block or an object, by version. */
function requestHeadersOf(headers: unknown): [string, string][] {
  const out: [string, string][] = [];
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      out.push([String(headers[i]), String(headers[i + 1])]);
  } else if (typeof headers === 'string') {
    for (const line of headers.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) out.push([line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')]);
    }
  } else if (headers && typeof headers === 'object') {
    for (const [n, v] of Object.entries(headers)) out.push([n, String(v)]);
  }
  return out;
}

function responseHeadersOf(raw: unknown): [string, string][] {
  const list = Array.isArray(raw) ? raw : [];
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < list.length; i += 2)
    out.push([
      String(list[i]?.toString('latin1') ?? ''),
      String(list[i + 1]?.toString('latin1') ?? ''),
    ]);
  return out;
}

/**
 * The first 64 KiB of a body (`untilBytes` decides after that many whether to go on: the head of
 * a 2xx answer says whether it may be a refusal).
 */
async function readSample(
  body: ReadableStream<Uint8Array> | null,
  goOn: (head: Buffer) => boolean = () => true,
): Promise<Buffer | undefined> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let kept = 0;
  let decided = false;
  try {
    while (kept < BODY_SAMPLE_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      kept += value.length;
      if (!decided && kept >= HEAD_BYTES) {
        decided = true;
        if (!goOn(Buffer.concat(chunks))) return undefined;
      }
    }
    if (!decided && !goOn(Buffer.concat(chunks))) return undefined;
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, BODY_SAMPLE_BYTES);
}

/** fetch() and undici: `undici:request:create`, `:headers`, `:trailers`, `:error`. */
export function watchUndici(reporter: Reporter, onSocket: (socket: unknown) => void): () => void {
  const calls = new OpenCalls<Pending>(reporter, 'undici');
  const finish = (p: Pending) =>
    calls.report(p, () => ({
      ...(p.viaFetch ? { decoded: true } : {}),
      ...(p.hops?.length ? { hops: p.hops } : {}),
      ...(p.status !== undefined
        ? {
            status: p.status,
            statusText: p.statusText ?? '',
            responseHeaders: p.responseHeaders ?? [],
            body: p.body?.toString('base64') ?? '',
            bodyBytes: p.body?.length ?? 0,
          }
        : { error: p.error ?? { code: 'ERROR', message: 'no answer' } }),
    }));

  subscribe('undici:request:create', (message) => {
    try {
      const request = (message as { request: UndiciRequest }).request;
      const origin = String(request.origin).replace(/\/$/, '');
      // Through a forward proxy (a Pool on the proxy's origin) the path is the absolute URL.
      const absolute = /^https?:\/\//i.test(request.path);
      const p: Pending = {
        ...startCall(
          request.method,
          absolute ? request.path : `${origin}${request.path}`,
          requestHeadersOf(request.headers),
        ),
        viaFetch: false,
      };
      const context = fetchContext.getStore();
      if (context) {
        const before = context.call;
        if (before && !before.done && before.status !== undefined) {
          // fetch followed the redirect `before` answered: it goes with the call it leads to.
          calls.close(before);
          context.hops.push({
            method: before.method,
            url: before.url,
            requestHeaders: before.requestHeaders,
            status: before.status,
            statusText: before.statusText ?? '',
            responseHeaders: before.responseHeaders ?? [],
          });
        }
        context.call = p;
        p.viaFetch = true;
        if (context.hops.length > 0) p.hops = [...context.hops];
      }
      pending.set(request, p);
      calls.add(p);
    } catch {
      // never break the app
    }
  });

  subscribe('undici:request:headers', (message) => {
    try {
      const { request, response } = message as {
        request: object;
        response: { statusCode: number; statusText?: string; headers: unknown };
      };
      const p = pending.get(request);
      if (!p) return;
      p.status = response.statusCode;
      p.statusText = response.statusText ?? '';
      p.responseHeaders = responseHeadersOf(response.headers);
      const status = p.status;
      const location = status >= 300 && status < 400 && headerOf(p.responseHeaders, 'location');
      const context = p.viaFetch ? fetchContext.getStore() : undefined;
      // A redirect fetch follows is judged with the request it leads to (see :create); one it
      // does not follow (`redirect: 'manual'`) is the answer, read by the fetch wrapper.
      if (location && context) return;
      // Refusals, redirects, and (fetch only: its body can be read) a 2xx that may hide one.
      const watched =
        status >= 400 ||
        location ||
        (p.viaFetch &&
          status >= 200 &&
          status < 300 &&
          (p.hops !== undefined || mayHideRefusal(headerOf(p.responseHeaders, 'content-type'))));
      if (!watched) calls.seen(p, status);
    } catch {
      // never break the app
    }
  });

  const ended = (message: unknown) => {
    try {
      const { request, error } = message as { request: object; error?: NodeJS.ErrnoException };
      const p = pending.get(request);
      if (!p || p.done) return;
      if (error && p.status === undefined)
        p.error = { code: String(error.code ?? error.name), message: String(error.message) };
      if (!p.viaFetch || p.status === undefined) finish(p);
    } catch {
      // never break the app
    }
  };
  subscribe('undici:request:trailers', ended);
  subscribe('undici:request:error', ended);
  // Published before the request's head is written on the socket (a proxy's, through an agent).
  subscribe('undici:client:sendHeaders', (message) => {
    onSocket((message as { socket?: unknown }).socket);
  });

  wrapFetch(finish, (p) => calls.seen(p, p.status ?? 0));
  return () => {
    for (const p of calls.list()) if (p.status !== undefined) finish(p);
  };
}

/**
 * undici's channels in Node 20 carry no body. fetch() is wrapped only to read a copy (clone) of
 * a refused answer's first 64 KiB: the Response the app gets is the very one fetch made.
 */
function wrapFetch(finish: (p: Pending) => void, seen: (p: Pending) => void): void {
  const original = globalThis.fetch;
  if (typeof original !== 'function') return;
  const wrapped = function fetch(this: unknown, ...args: Parameters<typeof globalThis.fetch>) {
    const context: FetchContext = { hops: [] };
    return fetchContext
      .run(context, () => original.apply(this, args))
      .then((response) => {
        const p = context.call;
        if (p && !p.done && p.status !== undefined) {
          const status = response.status;
          const type = response.headers.get('content-type') ?? undefined;
          // A 2xx is sent on only when its head looks like a refusal, or a redirect led to it.
          const goOn = (head: Buffer) =>
            status >= 300 || p.hops !== undefined || looksFailed(head.toString('utf8'), type);
          try {
            readSample(response.clone().body, goOn).then(
              (body) => {
                if (body === undefined) seen(p);
                else {
                  p.body = body;
                  finish(p);
                }
              },
              () => finish(p),
            );
          } catch {
            finish(p);
          }
        }
        return response;
      });
  };
  Object.defineProperty(wrapped, 'name', { value: 'fetch' });
  globalThis.fetch = wrapped as typeof globalThis.fetch;
}
