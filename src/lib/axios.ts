import type {
  ExchangeFailure,
  ExchangeRequest,
  ExchangeResponse,
} from '../engine/judge-observed.js';
import { isWhy401Error } from '../errors.js';
import { headerPairs, type HeadersInput } from './headers.js';
import {
  checkOptions,
  diagnoseRefusal,
  reportRefusal,
  refusedError,
  type RefusalOptions,
} from './refusal.js';

/**
 * The axios helper. axios is an optional peer dependency and is never imported: instances,
 * responses and errors are read by their shape, so any axios 1.x (or a look-alike) works.
 */

/** What the helper needs of an axios instance: its response interceptors. */
export interface AxiosInstanceLike {
  readonly interceptors: {
    readonly response: {
      use(
        onFulfilled: <R>(response: R) => Promise<R>,
        onRejected: (error: unknown) => Promise<never>,
      ): number;
      eject(id: number): void;
    };
  };
}

/** An axios response, as far as the diagnosis reads it. */
export interface AxiosResponseLike {
  readonly status: number;
  readonly statusText?: string;
  readonly headers?: unknown;
  readonly data?: unknown;
  readonly config?: unknown;
  readonly request?: unknown;
}

export type Why401AxiosOptions = RefusalOptions<AxiosResponseLike>;

export interface Why401AxiosInterceptor {
  /** For `interceptors.response.use(onFulfilled, onRejected)`: a 2xx whose body is an auth error. */
  readonly onFulfilled: <R>(response: R) => Promise<R>;
  /** A refused status (401, 403, 407, 429, …) or a request Node would not send. */
  readonly onRejected: (error: unknown) => Promise<never>;
}

const BODY_LIMIT = 64 * 1024;
const CANDIDATES: ReadonlySet<number> = new Set([400, 401, 402, 403, 404, 407, 429]);
const FAILURE_WORDS = /"(ok|success|status|error|errors)"\s*:/;
const CLIENT_REFUSED = new Set([
  'ERR_INVALID_CHAR',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_UNESCAPED_CHARACTERS',
]);

/**
 * The two handlers of an axios response interceptor. On a refused call the offline diagnosis is
 * attached to axios' error as `error.why401` and handed to `onRefused` (or printed to stderr);
 * with `throw: true` a `Why401Error` (`WHY401_E_REFUSED`, axios' error as its `cause`) is thrown
 * instead. Nothing is sent unless `probe: true`.
 *
 * @example
 * const { onFulfilled, onRejected } = why401AxiosInterceptor({ onRefused: (d) => log.warn(d) });
 * api.interceptors.response.use(onFulfilled, onRejected);
 */
export function why401AxiosInterceptor(options: Why401AxiosOptions = {}): Why401AxiosInterceptor {
  checkOptions(options);
  return {
    async onFulfilled<R>(response: R): Promise<R> {
      const res = asResponse(response);
      if (!res) return response;
      const answer = answerOf(res);
      if (!answer) return response;
      const d = await diagnoseRefusal(requestOf(res.config), answer, options, timing());
      if (d) await reportRefusal(d, res, options);
      return response;
    },
    async onRejected(error: unknown): Promise<never> {
      if (isWhy401Error(error) || typeof error !== 'object' || error === null) throw error;
      const e = error as {
        response?: unknown;
        config?: unknown;
        code?: unknown;
        message?: unknown;
      };
      const res = asResponse(e.response);
      const answer: ExchangeResponse | ExchangeFailure | undefined = res
        ? answerOf(res)
        : typeof e.code === 'string' && CLIENT_REFUSED.has(e.code)
          ? { error: { message: String(e.message ?? ''), code: e.code } }
          : undefined;
      const config = res?.config ?? e.config;
      if (!answer || !isObject(config)) throw error;
      const d = await diagnoseRefusal(requestOf(config), answer, options, timing());
      if (!d) throw error;
      if (options.throw === true) throw refusedError(d, { cause: error });
      Object.defineProperty(error, 'why401', {
        value: d,
        enumerable: false,
        configurable: true,
        writable: true,
      });
      await reportRefusal(d, res, options);
      throw error;
    },
  };
}

/**
 * Adds the why401 interceptor to an axios instance; returns a function that removes it.
 *
 * @example
 * import axios from 'axios';
 * import { attachWhy401 } from 'why401';
 * const api = axios.create({ baseURL: 'https://api.example.com' });
 * const detach = attachWhy401(api, { throw: true });
 */
export function attachWhy401(
  instance: AxiosInstanceLike,
  options: Why401AxiosOptions = {},
): () => void {
  const { onFulfilled, onRejected } = why401AxiosInterceptor(options);
  const id = instance.interceptors.response.use(onFulfilled, onRejected);
  return () => instance.interceptors.response.eject(id);
}

function timing() {
  return { receivedAt: Date.now(), elapsedMs: 0 };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function asResponse(value: unknown): AxiosResponseLike | undefined {
  return isObject(value) && typeof value['status'] === 'number' && isObject(value['config'])
    ? (value as unknown as AxiosResponseLike)
    : undefined;
}

/** AxiosHeaders (toJSON) or a plain object. */
function headersOf(value: unknown): HeadersInput | undefined {
  if (!isObject(value)) return undefined;
  const toJSON = value['toJSON'];
  const plain = typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
  return isObject(plain) ? (plain as HeadersInput) : undefined;
}

/** The request as axios built it: baseURL + url + params, the headers, `auth` as Basic. */
function requestOf(config: unknown): ExchangeRequest {
  const c = isObject(config) ? config : {};
  const url = fullUrl(str(c['baseURL']), str(c['url']) ?? '', c['params']);
  const headers = headerPairs(headersOf(c['headers'])).filter(
    ([, v]) => v !== '' && v !== 'undefined',
  );
  const auth = c['auth'];
  if (isObject(auth) && !headers.some(([n]) => n.toLowerCase() === 'authorization')) {
    const pair = `${str(auth['username']) ?? ''}:${str(auth['password']) ?? ''}`;
    headers.push(['Authorization', `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`]);
  }
  return { url, method: (str(c['method']) ?? 'get').toUpperCase(), headers };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** axios' buildFullPath and its default params serialisation, for plain values. */
function fullUrl(baseURL: string | undefined, url: string, params: unknown): string {
  const absolute = /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url);
  const joined =
    baseURL && !absolute
      ? url
        ? `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
        : baseURL
      : url;
  if (!isObject(params)) return joined;
  let u: URL;
  try {
    u = new URL(joined);
  } catch {
    return joined;
  }
  const entries =
    typeof URLSearchParams !== 'undefined' && params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params);
  for (const [name, value] of entries) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      u.searchParams.append(name, String(value));
  }
  return u.href;
}

/** The answer when it may be a refusal; undefined for answers that cannot be one. */
function answerOf(res: AxiosResponseLike): ExchangeResponse | undefined {
  const status = res.status;
  const ok = status >= 200 && status < 300;
  const redirectedTo = landedAt(res.request);
  if (!(CANDIDATES.has(status) || (status >= 300 && status < 400) || ok)) return undefined;
  const body = bodyText(res.data);
  if (ok && !redirectedTo && !FAILURE_WORDS.test(body.text.slice(0, 4096))) return undefined;
  return {
    status,
    statusText: res.statusText,
    headers: headerPairs(headersOf(res.headers)),
    body: body.text,
    bodyBytes: body.bytes,
    truncated: body.truncated,
    ...(redirectedTo ? { url: redirectedTo, redirected: true } : {}),
  };
}

/** Where follow-redirects (Node) or XHR (browsers) landed. */
function landedAt(request: unknown): string | undefined {
  if (!isObject(request)) return undefined;
  const res = request['res'];
  const node = isObject(res) ? str(res['responseUrl']) : undefined;
  const redirects = isObject(res) ? res['redirects'] : undefined;
  if (node && Array.isArray(redirects) && redirects.length > 0) return node;
  return undefined;
}

/** `data` as text: a string, bytes, or the parsed JSON again; a stream is left unread. */
function bodyText(data: unknown): { text: string; bytes: number; truncated: boolean } {
  let text = '';
  if (typeof data === 'string') text = data;
  else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    const bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return {
      text: new TextDecoder().decode(bytes.subarray(0, BODY_LIMIT)),
      bytes: bytes.byteLength,
      truncated: bytes.byteLength > BODY_LIMIT,
    };
  } else if (isObject(data) && typeof data['pipe'] !== 'function') {
    try {
      text = JSON.stringify(data) ?? '';
    } catch {
      text = '';
    }
  }
  const bytes = Buffer.byteLength(text);
  return { text: text.slice(0, BODY_LIMIT), bytes, truncated: bytes > BODY_LIMIT };
}
