import type { NetErrorKind } from '../collect/http.js';
import { diagnose as diagnoseRequest } from '../engine/diagnose.js';
import { diagnoseExchange as diagnoseReceived } from '../engine/diagnose-exchange.js';
import { Secret } from '../secret/secret.js';
import { publicDiagnosis, type Diagnosis } from './diagnosis.js';
import { headerPairs, type HeadersInput } from './headers.js';

/** The request to diagnose. Without `url`, the provider's own validation request is sent. */
export interface DiagnoseRequest {
  readonly url?: string | undefined;
  readonly method?: string | undefined;
  /** Headers exactly as your app sends them, credential headers included. */
  readonly headers?: HeadersInput | undefined;
  readonly body?: string | undefined;
  /** A key to send the way the provider expects it (when `headers` carry none). */
  readonly key?: string | Secret | null | undefined;
  /** Send the provider's requests to another origin (self-hosted, regional, an emulator). */
  readonly baseUrl?: string | undefined;
}

export interface DiagnoseOptions {
  /** A provider id (`openai`, `github`, …): needed for local or self-hosted URLs. */
  readonly provider?: string | undefined;
  /**
   * Send up to 5 read-only probes to the same origin (without the key, the key cleaned, in the
   * provider's header, …) to confirm the cause. Off by default in the library; `check` probes.
   */
  readonly probe?: boolean | undefined;
  /** For the request and its probes together, in ms (default 10000). */
  readonly timeoutMs?: number | undefined;
  /** A proxy URL, `null` for none, undefined to read HTTP(S)_PROXY / NO_PROXY from `env`. */
  readonly proxy?: string | null | undefined;
  /** Accept any TLS certificate. */
  readonly insecure?: boolean | undefined;
  /** The environment proxies are read from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** A line per step (the request, the probes chosen). */
  readonly onProgress?: ((line: string) => void) | undefined;
}

/**
 * Sends the request (and, with `probe: true`, a few read-only probes), reads the answer and names
 * the cause: the engine of `why401 check`. Never throws for a refused or failed call (that is the
 * verdict); throws a `Why401Error` (`WHY401_E_USAGE`) for an unknown provider or a bad URL.
 *
 * @example
 * const d = await diagnose(
 *   { url: 'https://api.openai.com/v1/models', key: process.env.OPENAI_API_KEY },
 * );
 * if (d.verdict.status !== 'accepted') console.error(d.verdict.summary, d.verdict.cause);
 */
export async function diagnose(
  request: DiagnoseRequest,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  const key = typeof request.key === 'string' ? new Secret(request.key, 'option:key') : request.key;
  const d = await diagnoseRequest(
    {
      url: request.url,
      method: request.method,
      headers: headerPairs(request.headers),
      body: request.body,
      key,
      baseUrl: request.baseUrl,
    },
    {
      providerId: options.provider,
      probe: options.probe === true,
      timeoutMs: options.timeoutMs,
      proxy: options.proxy,
      insecure: options.insecure,
      env: options.env,
      onProgress: options.onProgress,
    },
  );
  return publicDiagnosis(d);
}

/** A request some client already sent. */
export interface SentRequest {
  readonly url: string | URL;
  readonly method?: string | undefined;
  /** The headers as sent, credential headers included (they stay in this call, redacted out). */
  readonly headers?: HeadersInput | undefined;
}

/** The answer it got. */
export interface ReceivedResponse {
  readonly status: number;
  readonly statusText?: string | undefined;
  readonly headers?: HeadersInput | undefined;
  /** The body as text; the first 64 KiB are enough. */
  readonly body?: string | undefined;
  readonly bodyBytes?: number | undefined;
  readonly truncated?: boolean | undefined;
  /** Where the answer came from after redirects the client followed (fetch: `response.url`). */
  readonly url?: string | undefined;
  readonly redirected?: boolean | undefined;
}

/** No answer came: the client refused to send it, or the network failed. */
export interface FailedExchange {
  readonly error: {
    readonly message: string;
    readonly code?: string | undefined;
    /** `client-refused` when the client would not send a header (a newline in the key, …). */
    readonly kind?: NetErrorKind | undefined;
  };
}

export interface DiagnoseExchangeOptions {
  readonly provider?: string | undefined;
  /** Send a few read-only probes to the same origin to confirm the cause (off by default). */
  readonly probe?: boolean | undefined;
  readonly timeoutMs?: number | undefined;
  /** The proxy the client went through, if any (probes use it too). */
  readonly proxy?: string | undefined;
  readonly insecure?: boolean | undefined;
  /** When the answer arrived (ms since the epoch; default now): for clock skew and JWT times. */
  readonly receivedAt?: number | undefined;
  readonly elapsedMs?: number | undefined;
}

/**
 * Diagnoses a request another client already sent and the answer it got, without sending
 * anything (unless `probe: true`). What `withWhy401` and the axios helper call.
 *
 * @example
 * const d = await diagnoseExchange(
 *   { url: 'https://api.example.com/v1/me', headers: { authorization: 'Bearer "tok_123456789"' } },
 *   { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: '' },
 * );
 * d.verdict.cause; // 'key.quoted'
 */
export async function diagnoseExchange(
  request: SentRequest,
  answer: ReceivedResponse | FailedExchange,
  options: DiagnoseExchangeOptions = {},
): Promise<Diagnosis> {
  const d = await diagnoseReceived(
    { url: request.url, method: request.method, headers: headerPairs(request.headers) },
    'error' in answer ? answer : { ...answer, headers: headerPairs(answer.headers) },
    {
      providerId: options.provider,
      probe: options.probe === true,
      timeoutMs: options.timeoutMs,
      proxy: options.proxy,
      insecure: options.insecure,
      receivedAt: options.receivedAt,
      elapsedMs: options.elapsedMs,
    },
  );
  return publicDiagnosis(d);
}
