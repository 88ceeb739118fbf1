import type { Sent, SentCredential } from '../evidence/request.js';
import { pathSegmentIndex, splitScheme } from '../evidence/credential-place.js';
import { headerMayBeCredential } from '../secret/harmless.js';
import { redact } from '../secret/secret.js';
import { scrub } from '../secret/scrub.js';

export interface ExchangeJson {
  readonly label: string;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Record<string, string>;
  };
  readonly response: {
    readonly status: number;
    readonly headers: Record<string, string>;
    readonly body: string;
    readonly layer: string | null;
  } | null;
  readonly error: string | null;
  readonly elapsedMs: number;
  /**
   * Present when the request went on the wire more than once: how many more times (a kept-alive
   * connection closed unanswered, the request sent again on a new one). Every request sent is
   * `exchanges.length` plus the sum of these.
   */
  readonly resent?: number;
}

const BODY_CAP = 4096;

/** A header value with its secret part redacted: `Bearer sk-p…x9Qz`. */
export function redactHeaderValue(value: string): string {
  const { scheme, token } = splitScheme(value);
  return `${scheme ? `${scheme}${scheme.endsWith('=') ? '' : ' '}` : ''}${redact(token)}`;
}

export function redactUrl(url: URL, credential: SentCredential | null): string {
  const copy = redactedCopy(url, credential);
  if (copy.password) copy.password = '[redacted]';
  return scrub(copy.href);
}

/** A copy of the URL with the credential in it (query parameter, path segment) redacted. */
export function redactedCopy(url: URL, credential: SentCredential | null): URL {
  const copy = new URL(url.href);
  const spot = credential?.spot;
  if (spot?.in === 'query' && copy.searchParams.has(spot.name)) {
    copy.searchParams.set(spot.name, credential?.secret.redacted ?? '');
  }
  if (spot?.in === 'path') {
    const segments = copy.pathname.split('/');
    const i = pathSegmentIndex(segments, spot.prefix);
    if (i >= 0 && (segments[i]?.length ?? 0) > spot.prefix.length) {
      segments[i] = `${spot.prefix}${credential?.secret.redacted ?? ''}`;
      copy.pathname = segments.join('/');
    }
  }
  return copy;
}

export function exchangeJson(s: Sent, credential: SentCredential | null): ExchangeJson {
  const headers: Record<string, string> = {};
  const credName =
    credential?.spot.in === 'header' ? credential.spot.name.toLowerCase() : undefined;
  for (const [name, value] of s.request.headers) {
    const n = name.toLowerCase();
    headers[name] =
      n === credName || headerMayBeCredential(n, value) ? redactHeaderValue(value) : scrub(value);
  }
  const r = s.result.ok ? s.result.response : undefined;
  return {
    label: s.label,
    request: { method: s.request.method, url: redactUrl(s.request.url, credential), headers },
    response: r
      ? {
          status: r.status,
          headers: Object.fromEntries(
            Object.entries(r.headers).map(([k, v]) => [
              k,
              k === 'set-cookie' ? '[redacted]' : scrub(v),
            ]),
          ),
          body: scrub(r.body.length > BODY_CAP ? `${r.body.slice(0, BODY_CAP)}…` : r.body),
          layer: s.facts?.layers[0]?.name ?? null,
        }
      : null,
    error: s.result.ok ? null : scrub(`${s.result.error.code}: ${s.result.error.message}`),
    elapsedMs: s.result.elapsedMs,
    ...(s.result.resent ? { resent: s.result.resent } : {}),
  };
}
