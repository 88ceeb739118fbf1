import type { ExchangeFailure, ExchangeRequest, HeaderPairs } from '../engine/judge-observed.js';
import { usageError } from '../errors.js';
import { headerPairs, type HeadersInput } from './headers.js';
import { checkOptions, diagnoseRefusal, reportRefusal, type RefusalOptions } from './refusal.js';

/** The shape of `fetch`: the global one, undici's, or a wrapper of it. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Options of withWhy401: what to do with a refused call, and whether to probe. */
export type WithWhy401Options = RefusalOptions<Response>;

/** At most this much of a refused answer's body is read (from a clone: the caller's stays whole). */
export const BODY_LIMIT = 64 * 1024;
/** A body that trickles is not waited for longer than this. */
const BODY_WAIT_MS = 5000;

/** Statuses worth reading: refusals, and answers that may hide one (400, 404, redirects). */
const CANDIDATES: ReadonlySet<number> = new Set([400, 401, 402, 403, 404, 407, 429]);

/** A 2xx body that starts like this may be an error in disguise (`ok:false`, `error:{…}`). */
const FAILURE_WORDS = /"(ok|success|status|error|errors)"\s*:/;

/**
 * Wraps a fetch: when the API refuses a call (401, 403, 407, 429, a redirect to a login page, a
 * 2xx whose body is an auth error, or a request fetch would not send), why401 diagnoses it
 * offline, from the request and the answer, and hands the diagnosis to `onRefused`, throws it
 * (`throw: true`), or prints it to stderr. Nothing else is sent unless `probe: true`. Accepted
 * calls pass through untouched; a refused answer's body stays readable by the caller.
 *
 * @example
 * import { withWhy401 } from 'why401';
 * const fetch401 = withWhy401(fetch, { onRefused: (d) => log.warn(d.verdict.summary) });
 * const res = await fetch401('https://api.openai.com/v1/models', {
 *   headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
 * });
 */
export function withWhy401(
  fetchImpl: FetchLike = globalThis.fetch,
  options: WithWhy401Options = {},
): FetchLike {
  if (typeof fetchImpl !== 'function')
    throw usageError('withWhy401: the first argument is not a fetch function');
  checkOptions(options);
  // Node's own fetch adds these when the caller did not (GitHub, for one, requires a User-Agent).
  const defaults = fetchImpl === globalThis.fetch ? NODE_FETCH_DEFAULTS : [];
  return async function fetchWithWhy401(input, init) {
    const started = Date.now();
    let response: Response;
    try {
      response = await fetchImpl(input, init);
    } catch (error) {
      const failure = clientRefusal(error);
      if (failure) {
        const request = requestOf(input, init, false, defaults);
        const now = Date.now();
        const d = await diagnoseRefusal(request, failure, options, {
          receivedAt: now,
          elapsedMs: now - started,
        });
        if (d) await reportRefusal(d, undefined, options, { cause: error });
      }
      throw error;
    }
    const receivedAt = Date.now();
    const answer = await readAnswerOf(response);
    if (!answer) return response;
    const d = await diagnoseRefusal(requestOf(input, init, true, defaults), answer, options, {
      receivedAt,
      elapsedMs: receivedAt - started,
    });
    if (d) await reportRefusal(d, response, options, { fetchResponse: response });
    return response;
  };
}

/**
 * The request as fetch sent it: the URL, the method, and the headers (init's replace the
 * Request's). Values are trimmed as fetch trims them, unless fetch refused them (`sent` false).
 */
function requestOf(
  input: string | URL | Request,
  init: RequestInit | undefined,
  sent: boolean,
  defaults: HeaderPairs,
): ExchangeRequest {
  const req = isRequest(input) ? input : undefined;
  const url = req ? req.url : input instanceof URL ? input.href : String(input);
  const method = init?.method ?? req?.method ?? 'GET';
  const raw = headerPairs((init?.headers ?? req?.headers) as HeadersInput | undefined);
  const headers = sent
    ? raw.map(([n, v]): [string, string] => [n, v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '')])
    : raw;
  for (const [name, value] of defaults)
    if (!headers.some(([n]) => n.toLowerCase() === name)) headers.push([name, value]);
  return { url, method, headers };
}

/** What Node's fetch (undici) sends when the caller set none of these. */
const NODE_FETCH_DEFAULTS: HeaderPairs = [
  ['accept', '*/*'],
  ['accept-language', '*'],
  ['sec-fetch-mode', 'cors'],
  ['user-agent', 'node'],
  ['accept-encoding', 'gzip, deflate'],
];

function isRequest(value: unknown): value is Request {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof URL) &&
    typeof (value as Request).url === 'string' &&
    typeof (value as Request).method === 'string'
  );
}

/**
 * fetch's refusal to send: a TypeError about a header value (a line break, a character above
 * 255), not a network failure ("fetch failed", with the cause's code).
 */
function clientRefusal(error: unknown): ExchangeFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const byCode =
    code === 'ERR_INVALID_CHAR' ||
    code === 'ERR_HTTP_INVALID_HEADER_VALUE' ||
    code === 'ERR_INVALID_HTTP_TOKEN';
  const byMessage =
    error.name === 'TypeError' &&
    /header|ByteString/i.test(error.message) &&
    !/^fetch failed/.test(error.message);
  if (!byCode && !byMessage) return undefined;
  return {
    error: {
      message: error.message,
      code: typeof code === 'string' ? code : 'TypeError',
      kind: 'client-refused',
    },
  };
}

/**
 * The answer's status, headers and first bytes of body, read from a clone, when it may be a
 * refusal; undefined for answers that cannot be one (a plain 2xx, 5xx, other statuses).
 */
async function readAnswerOf(response: Response) {
  const status = response.status;
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  const ok = status >= 200 && status < 300;
  const jsonish = type.includes('json') && !/ndjson|json-seq|stream/.test(type);
  const readable =
    CANDIDATES.has(status) ||
    (status >= 300 && status < 400) ||
    (ok && (response.redirected || jsonish));
  if (!readable) return undefined;
  // A 2xx is read only as far as its first chunk tells it might be an error.
  const body = await readHead(response, ok && !response.redirected);
  if (body === undefined) return undefined;
  if (ok && !response.redirected && !FAILURE_WORDS.test(body.text.slice(0, 4096))) return undefined;
  return {
    status,
    statusText: response.statusText,
    headers: headerPairs(response.headers),
    body: body.text,
    bodyBytes: body.bytes,
    truncated: body.truncated,
    url: response.url,
    redirected: response.redirected,
  };
}

/** Up to 64 KiB of a clone's body (only the first chunk when it does not look like an error). */
async function readHead(
  response: Response,
  firstChunkDecides: boolean,
): Promise<{ text: string; bytes: number; truncated: boolean } | undefined> {
  if (response.bodyUsed) return undefined;
  let clone: Response;
  try {
    clone = response.clone();
  } catch {
    return undefined;
  }
  const reader = clone.body?.getReader();
  if (!reader) return { text: '', bytes: 0, truncated: false };
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let done = false;
  const deadline = Date.now() + BODY_WAIT_MS;
  try {
    while (bytes < BODY_LIMIT) {
      const next = await readWithin(reader, deadline - Date.now());
      if (!next || next.done) {
        done = next?.done === true;
        break;
      }
      chunks.push(next.value);
      bytes += next.value.byteLength;
      if (firstChunkDecides && chunks.length === 1) {
        const head = new TextDecoder().decode(next.value.subarray(0, 4096));
        if (!FAILURE_WORDS.test(head)) break;
      }
    }
  } catch {
    // A body that fails mid-way: judge what arrived.
  } finally {
    if (!done) reader.cancel().catch(() => undefined);
  }
  const all = new Uint8Array(Math.min(bytes, BODY_LIMIT));
  let at = 0;
  for (const chunk of chunks) {
    if (at >= all.length) break;
    const part = chunk.subarray(0, all.length - at);
    all.set(part, at);
    at += part.length;
  }
  return { text: new TextDecoder().decode(all), bytes, truncated: !done || bytes > BODY_LIMIT };
}

async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
): Promise<Awaited<ReturnType<typeof reader.read>> | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  try {
    return await Promise.race([reader.read(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
