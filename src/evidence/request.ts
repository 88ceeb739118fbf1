import type { NetError, ProxyChoice, SendResult, WireRequest } from './wire.js';
import type { AnswerFacts, Topic } from './answer.js';
import type { Spot } from './credential-place.js';
import type { RawFinding } from '../findings/types.js';
import type { ErrorShape, Provider } from '../providers/types.js';
import type { Secret } from '../secret/secret.js';
import type { TokenEvidence } from './token.js';

/** One request that went out, and what came back. */
export interface Sent {
  readonly label: string;
  readonly request: WireRequest;
  readonly result: SendResult;
  /** Read when an answer came. */
  readonly facts: AnswerFacts | undefined;
  /** 2xx and no failure in the body. */
  readonly accepted: boolean;
  /** Did this request carry the credential? */
  readonly carried: boolean;
  readonly viaProxy: boolean;
  /**
   * A redirect to another origin not followed, because the next request would still carry a
   * credential: in the Location (the server echoed it) or in the body a 307/308 sends again.
   */
  readonly notFollowed?: { readonly to: string; readonly carrier: 'location' | 'body' } | undefined;
}

export type ProbeName =
  | 'sanitized'
  | 'expected-placement'
  | 'without-credential'
  | 'direct'
  | 'user-agent'
  | 'validate'
  | 'env-file-value'
  | 'scheme-case';

export interface SentCredential {
  readonly secret: Secret;
  readonly spot: Spot;
  /** What the user meant (trimmed, unquoted, no scheme inside): for probes and comparisons. */
  readonly meant: string;
  /** True when why401 placed the key (--key*) rather than finding it in the request as sent. */
  readonly placedByUs: boolean;
  /** Other credential-looking headers of the request. */
  readonly others: readonly { readonly name: string; readonly fingerprint: string }[];
}

/** Everything request-level checks look at. Built by the engine; checks are pure. */
export interface RequestEvidence {
  readonly url: URL;
  readonly method: string;
  readonly provider: Provider | null;
  readonly providerBy: 'flag' | 'host' | 'key' | 'none';
  readonly credential: SentCredential | null;
  /** Header names of the first request, as sent (lower case), with repeat counts. */
  readonly headerNames: readonly string[];
  /** The user gave the headers (as sent) rather than only a key. */
  readonly asSent: boolean;
  /** The main request and its redirect hops, in order. */
  readonly chain: readonly Sent[];
  readonly final: Sent;
  /** The first hop that left the named origin, when one did. */
  readonly leftOrigin:
    | {
        readonly from: string;
        readonly to: string;
        readonly status: number;
        /** The hop was not made: it would have carried a credential there. */
        readonly notFollowed?: 'location' | 'body' | undefined;
      }
    | undefined;
  readonly proxy: ProxyChoice | undefined;
  readonly probes: Readonly<Partial<Record<ProbeName, Sent>>>;
  /** Other placements tried when the provider is unknown. */
  readonly alternatives: readonly (Sent & { readonly spot: Spot })[];
  readonly keyFindings: readonly RawFinding[];
  /** Key finding ids by this machine's clock: a JWT only "not yet valid" by the server's is skew. */
  readonly keyFindingsLocalClock: readonly string[];
  readonly userAgent: string | undefined;
  readonly localNow: number;
  /** The method of a write the probes did not send again (no --probe-unsafe). */
  readonly writeNotProbed?: string | undefined;
  /** A bearer token's public metadata (issuer discovery, RFC 9728), when discovery ran. */
  readonly token?: TokenEvidence | undefined;
}

export function errorOf(s: Sent): NetError | undefined {
  return s.result.ok ? undefined : s.result.error;
}

export function statusOf(s: Sent | undefined): number | undefined {
  return s?.result.ok ? s.result.response.status : undefined;
}

/** Did the final answer say no credential arrived? (RFC 6750: a challenge with no error code.) */
export function saysNoCredential(f: AnswerFacts | undefined): boolean {
  if (!f) return false;
  if (f.says.has('missing') && !f.says.has('invalid')) return true;
  const bearer = f.challenges.find((c) => c.scheme === 'bearer');
  return (
    f.status === 401 &&
    bearer !== undefined &&
    bearer.params['error'] === undefined &&
    !f.says.has('invalid')
  );
}

/**
 * A rate limit, whatever the status: a 429, or a 403/400 whose body speaks of a rate limit (not
 * of quota or billing) or whose `X-RateLimit-Remaining` is 0 (GitHub answers 403 so).
 */
export function rateLimited(f: AnswerFacts | undefined): boolean {
  if (!f) return false;
  if (f.status === 429) return true;
  if (f.status !== 403 && f.status !== 400) return false;
  if (f.says.has('quota') && !f.says.has('rate')) return false;
  return f.says.has('rate') || (f.rateLimit.remaining === 0 && !f.blamesCredential);
}

/** Auth schemes as their specifications and providers spell them. */
const CANONICAL_SCHEMES = ['Bearer', 'Basic', 'Token', 'Bot', 'Digest', 'JWT', 'DPoP', 'Negotiate'];

/**
 * The canonical spelling of a scheme sent in another case (`bearer` → `Bearer`), or undefined
 * when it is already canonical or not one of these. RFC 9110 makes the scheme case-insensitive,
 * yet servers that compare it as a string refuse `bearer`.
 */
export function canonicalScheme(scheme: string | null | undefined): string | undefined {
  if (!scheme) return undefined;
  const canonical = CANONICAL_SCHEMES.find((c) => c.toLowerCase() === scheme.toLowerCase());
  return canonical !== undefined && canonical !== scheme ? canonical : undefined;
}

/** How the key went, as a challenge scheme would name it: `bearer`, `basic`, `raw`; or null (not in Authorization). */
export function sentScheme(credential: SentCredential | null): string | null {
  const spot = credential?.spot;
  if (spot?.in !== 'header' || spot.name.toLowerCase() !== 'authorization') return null;
  return (spot.scheme ?? 'raw').toLowerCase();
}

/**
 * A 401 or 403 that is the web server's own stock page for the status (`401 Authorization
 * Required`: no words of an application), the very same without any credential, at a host that
 * is not the named provider's own: the layer in front refused, and the key played no part in it.
 * Returns the layer that announced itself, or a generic one (the page alone names a web server).
 */
export function layerOwnRefusal(
  ev: RequestEvidence,
): { name: string; evidence: string } | undefined {
  const f = ev.final.facts;
  if (!f || !ev.credential || ev.final.accepted || !f.stockPage) return undefined;
  if (f.status !== 401 && f.status !== 403) return undefined;
  if (ev.provider?.hosts.includes(ev.url.hostname)) return undefined;
  if (!sameAnswer(ev.probes['without-credential'], ev.final)) return undefined;
  const layer = f.layers.find((l) => l.kind === 'proxy' || l.kind === 'server');
  return layer ?? { name: 'the web server in front', evidence: 'a stock error page' };
}

/**
 * Through a proxy, the answer is the proxy's own, not the API's relayed: a 407; or a 401 whose
 * `Server` is not the one the API answers with when called directly (forward proxies relay the
 * API's `Server`), or, without that probe, names a proxy product (tinyproxy answers a wrong proxy
 * password with 401 and `WWW-Authenticate`).
 */
export function proxyOwnAnswer(ev: RequestEvidence): boolean {
  const f = ev.final.facts;
  if (!f || !ev.final.viaProxy) return false;
  if (f.status === 407) return true;
  if (f.status !== 401) return false;
  const server = f.headers['server'] ?? '';
  const direct = ev.probes.direct?.facts;
  if (direct && server !== '' && server !== (direct.headers['server'] ?? '')) return true;
  return /proxy|squid/i.test(server) && !/nginx|apache/i.test(server);
}

/**
 * A 403 page of its own (HTML, not a web server's stock page nor a sign-in form), no challenge,
 * no word of a credential, the very same without the key: a filter refused the request before
 * any auth (a WAF appliance's block page).
 */
export function isBlockPage(ev: RequestEvidence): boolean {
  const f = ev.final.facts;
  return (
    f?.status === 403 &&
    f.isHtml &&
    !f.stockPage &&
    !f.loginForm &&
    f.challenges.length === 0 &&
    !f.aboutCredential &&
    ev.credential !== null &&
    sameAnswer(ev.probes['without-credential'], ev.final)
  );
}

/**
 * What changes from one request to the next whatever the credential: UUIDs, hex ids of 8+ digits,
 * runs of 5+ digits (timestamps, request and trace ids), ISO times. Masked before two answers are
 * compared, so a body that carries a fresh request id does not pass for the server reading the key.
 */
const VOLATILE =
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\d{4}-\d\d-\d\dT[\d:.]+Z?|\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b|\d{5,}/gi;

function steady(text: string): string {
  return text.replace(VOLATILE, '#');
}

/**
 * Two answers that tell the same story: same status, same body text (request ids and times
 * aside) and same challenge (a `WWW-Authenticate` that gains `error="invalid_token"` with the key
 * is the server reading it).
 */
export function sameAnswer(a: Sent | undefined, b: Sent | undefined): boolean {
  if (!a?.result.ok || !b?.result.ok) return false;
  const ra = a.result.response;
  const rb = b.result.response;
  return (
    ra.status === rb.status &&
    (ra.body === rb.body || steady(ra.body) === steady(rb.body)) &&
    (ra.headers['www-authenticate'] ?? '') === (rb.headers['www-authenticate'] ?? '')
  );
}

/**
 * The main answer said no credential arrived, and with the key in another header the answer
 * changed (to a refusal of the key, or an acceptance): that header is the one the server reads.
 */
export function readingAlternative(
  ev: RequestEvidence,
): (Sent & { readonly spot: Spot }) | undefined {
  if (!saysNoCredential(ev.final.facts)) return undefined;
  return ev.alternatives.find(
    (a) =>
      a.facts !== undefined &&
      (a.facts.status < 300 || (a.facts.status >= 400 && a.facts.status !== 404)) &&
      !sameAnswer(a, ev.final) &&
      !saysNoCredential(a.facts),
  );
}

/** Words of a refusal that say something more specific than "who are you": scope, quota, a block. */
const SPECIFIC: readonly Topic[] = [
  'scope',
  'quota',
  'rate',
  'restricted',
  'waf',
  'sso',
  'region',
  'account',
  'clock',
  'expired',
];

/** What a provider documents of an unknown key (`when`): invalid, wrong, revoked… */
const UNKNOWN_KEY_WHEN = /\b(invalid|wrong|unknown|bad|incorrect|revoked|deleted)\b/i;

/** The quoted messages of a documented error body (`"Authentication required"`), 8+ characters. */
function literals(body: string): string[] {
  return [...body.matchAll(/"([^"]{8,200})"/g)]
    .map((m) => (m[1] ?? '').toLowerCase())
    .filter((t) => /[a-z]{4}/.test(t));
}

/**
 * The answer is one the provider's catalog documents: same status and one of its messages (a
 * message of words found in the answer, or a single word that is the whole answer: a type code
 * every auth error of the provider shares, `authentication_error`, tells nothing). With `when`,
 * only shapes documented for such a case.
 */
export function documentedShape(ev: RequestEvidence, when?: RegExp): ErrorShape | undefined {
  const f = ev.final.facts;
  if (!f || !ev.provider) return undefined;
  const text = f.errorText.toLowerCase().trim();
  if (text === '') return undefined;
  const says = (l: string) => (l.includes(' ') ? text.includes(l) : text === l);
  return ev.provider.errorShapes.find(
    (e) => e.status === f.status && (!when || when.test(e.when)) && literals(e.body).some(says),
  );
}

/**
 * The answer is the one the provider's catalog documents for an unknown key: same status, one of
 * its messages, and a `when` that names an invalid, wrong or revoked key (Datadog's bare 403
 * "Forbidden", Airtable's 401 "Authentication required" to a wrong token).
 */
export function documentedUnknownKey(ev: RequestEvidence): ErrorShape | undefined {
  return documentedShape(ev, UNKNOWN_KEY_WHEN);
}

/**
 * A 401 or 403 that is the provider's documented answer to an unknown key, with no more specific
 * word, and the very same as without any credential: however it is worded ("no credential", a
 * bare "Forbidden"), the key sent was not recognised.
 */
export function unknownKeyAnswer(ev: RequestEvidence): ErrorShape | undefined {
  const f = ev.final.facts;
  if (!f || (f.status !== 401 && f.status !== 403) || !ev.credential) return undefined;
  if (SPECIFIC.some((t) => f.says.has(t)) || rateLimited(f)) return undefined;
  // Offline (no probe) nothing shows the key made no difference
  if (!sameAnswer(ev.probes['without-credential'], ev.final)) return undefined;
  return documentedUnknownKey(ev);
}
