/**
 * The library's `diagnose` and `diagnoseExchange`: the public request shapes (headers in any
 * common form, a key as a string) in, the engine's `sendAndJudge` / `judgeObserved` run, and the
 * one `Diagnosis` out (the object `check --json` prints).
 */
import { sendAndJudge } from '../engine/send-and-judge.js';
import {
  judgeObserved,
  type JudgeObservedOptions,
  type ExchangeFailure,
  type ExchangeRequest,
  type ExchangeResponse,
} from '../engine/judge-observed.js';
import { Secret } from '../secret/secret.js';
import type { Diagnosis } from '../diagnosis.js';
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
  /**
   * Values the provider's validation request needs (`{ AccountSID: 'AC…' }` for Twilio,
   * `{ APP_ID: '…' }` for Algolia), and `user`: the user of a Basic pair. `check --param`.
   */
  readonly params?: Readonly<Record<string, string>> | undefined;
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
  /**
   * For a refused OAuth bearer token, fetch its issuer's public metadata (OIDC discovery or
   * RFC 8414, the JWKS: on the token's `iss` origin only) and the API's RFC 9728 document, with
   * no credential, to tell a wrong issuer, audience, rotated key or bad signature apart. Off by
   * default in the library; `check` does it unless --no-discovery.
   */
  readonly discovery?: boolean | undefined;
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
  const { diagnosis } = await sendAndJudge(
    {
      url: request.url,
      method: request.method,
      headers: headerPairs(request.headers),
      body: request.body,
      key,
      baseUrl: request.baseUrl,
      params: request.params,
    },
    {
      providerId: options.provider,
      probe: options.probe === true,
      timeoutMs: options.timeoutMs,
      proxy: options.proxy,
      insecure: options.insecure,
      env: options.env,
      onProgress: options.onProgress,
      discovery: options.discovery === true,
    },
  );
  return diagnosis;
}

/** A request some client already sent: the engine's shape, with headers in any common form. */
export type SentRequest = Omit<ExchangeRequest, 'headers'> & {
  /** The headers as sent, credential headers included (they stay in this call, redacted out). */
  readonly headers?: HeadersInput | undefined;
};

/** The answer it got. */
export type ReceivedResponse = Omit<ExchangeResponse, 'headers'> & {
  readonly headers?: HeadersInput | undefined;
};

/** No answer came: the client refused to send it, or the network failed. */
export type FailedExchange = ExchangeFailure;

/** The engine's options, with the provider named `provider` as elsewhere in the library. */
export type DiagnoseExchangeOptions = Omit<JudgeObservedOptions, 'providerId'> & {
  readonly provider?: string | undefined;
};

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
  const { diagnosis } = await judgeObserved(
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
      discovery: options.discovery === true,
    },
  );
  return diagnosis;
}
