/**
 * The wire as the checks see it: a request exactly as sent, an answer as received, why a request
 * got no answer, the proxy it went through. Types only: `src/collect/http.ts` and
 * `src/collect/proxy-env.ts` produce them (and re-export them for their callers).
 */

/** One request exactly as it goes on the wire (credential included: never logged as is). */
export interface WireRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string | undefined;
}

export interface WireResponse {
  readonly status: number;
  readonly statusText: string;
  /** Lower-cased names; repeated headers joined with ", " (set-cookie and www-authenticate kept apart in `all`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly all: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
  readonly bodyBytes: number;
  readonly truncated: boolean;
  /** Set when a forward proxy answered a CONNECT itself (407, 403, 502…). */
  readonly fromProxy: boolean;
}

export type NetErrorKind =
  | 'client-refused'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'tls'
  | 'protocol'
  | 'proxy'
  | 'other';

/** How far a request got before a timeout: the DNS lookup, the TCP connect, TLS, or the answer. */
export type NetStage = 'dns' | 'connect' | 'tls' | 'answer';

export interface NetError {
  readonly kind: NetErrorKind;
  readonly code: string;
  readonly message: string;
  /** For a timeout: what was still pending when time ran out. */
  readonly stage?: NetStage | undefined;
  /** The failure was on the connection to the proxy (its TLS, its address), not the origin's. */
  readonly atProxy?: boolean | undefined;
}

/**
 * `resent`: how many more times the request went on the wire (a kept-alive connection closed
 * unanswered, the request sent again on a new one). Absent or 0: sent once.
 */
export type SendResult =
  | {
      readonly ok: true;
      readonly response: WireResponse;
      readonly elapsedMs: number;
      readonly resent?: number;
    }
  | {
      readonly ok: false;
      readonly error: NetError;
      readonly elapsedMs: number;
      readonly resent?: number;
    };

/** A forward proxy chosen for a request (from the environment or `--proxy`). */
export interface ProxyChoice {
  readonly url: URL;
  /** The variable it came from, e.g. `HTTPS_PROXY`, or `--proxy`. */
  readonly from: string;
}
