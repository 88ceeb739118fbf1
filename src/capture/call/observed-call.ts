import type { NetError } from '../../collect/http.js';
import type { ProxyChoice } from '../../collect/proxy-env.js';

/** Raw header pairs in the order they were sent, names as spelled, values exact. */
export type HeaderPairs = readonly (readonly [string, string])[];

/** The answer as it passed through, with the first bytes of its body kept aside. */
export interface ObservedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeaderPairs;
  /** The first bytes of the body as they came (still content-encoded). */
  readonly bodySample: Buffer;
  /** Bytes of body that passed in all. */
  readonly bodyBytes: number;
  /** The body was longer than the sample. */
  readonly truncated: boolean;
}

/**
 * One call an app made, as seen by `capture` (between the app and the API) or by `run` (inside
 * the app's process). Holds the credential as sent: never printed as is, only diagnosed.
 */
export interface ObservedCall {
  readonly id: number;
  /** ms since the epoch when the request started. */
  readonly startedAt: number;
  readonly method: string;
  /** The URL the API sees (capture: the target origin and the app's path). */
  readonly url: URL;
  readonly requestHeaders: HeaderPairs;
  /** The first 8 KiB of the request body as text, when capture saw one. */
  readonly requestBody?: string | undefined;
  readonly response: ObservedResponse | undefined;
  /** Set when no complete answer came (connect failure, timeout, reset). */
  readonly error: NetError | undefined;
  /** What went wrong after the answer started: the app hung up, or the API reset mid-body. */
  readonly interrupted: 'client-aborted' | 'upstream-reset' | undefined;
  readonly elapsedMs: number;
  /** The user's proxy it went through (the forward proxy passes calls on through theirs). */
  readonly viaProxy?: ProxyChoice | undefined;
  /** Which process made it (run), when known. */
  readonly pid?: number | undefined;
  /**
   * Redirects the client followed by itself before this request (run: fetch), first first: the
   * call is what the app asked for (the first hop's request) and where it landed.
   */
  readonly before?: readonly ObservedHop[] | undefined;
}

/** A redirect a client followed: its request and the 3xx answer. */
export interface ObservedHop {
  readonly method: string;
  readonly url: URL;
  readonly requestHeaders: HeaderPairs;
  readonly response: ObservedResponse;
}

export const BODY_SAMPLE_BYTES = 64 * 1024;
