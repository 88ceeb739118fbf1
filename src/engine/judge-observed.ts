import { AgentPool, classify, type NetErrorKind, type WireRequest } from '../collect/http.js';
import type { WireResponse } from '../collect/http.js';
import { parseProxyUrl, type ProxyChoice } from '../collect/proxy-env.js';
import type { Sent, SentCredential } from '../evidence/request.js';
import { loginTarget } from '../checks/request/status/login-redirect.js';
import { usageError } from '../errors.js';
import { detectProvider, providerById, providerIds, type Detection } from '../providers/detect.js';
import { isAccepted, readAnswer } from '../evidence/answer.js';
import { findCredential, parseUrl, withCredential } from './build-request.js';
import { makeDiagnosis, type Judgement } from './make-diagnosis.js';
import { conclude, prepareCredential } from './conclude.js';
import { gatherEvidence } from './gather-evidence.js';

/**
 * What another client sent and the answer it got (or its failure) in, judged without sending
 * anything unless probes are asked for, and the `Diagnosis` out: the entry of the library's
 * `diagnoseExchange`, `withWhy401` and axios helper.
 */

/** Header pairs in the order they were sent, names as spelled. */
export type HeaderPairs = readonly (readonly [string, string])[];

export interface ExchangeRequest {
  readonly url: string | URL;
  readonly method?: string | undefined;
  /** The headers as sent, credential headers included. */
  readonly headers?: HeaderPairs | undefined;
}

export interface ExchangeResponse {
  readonly status: number;
  readonly statusText?: string | undefined;
  readonly headers?: HeaderPairs | undefined;
  /** The body as text, decoded; its first 64 KiB are enough. */
  readonly body?: string | undefined;
  /** Bytes of body in all, when known. */
  readonly bodyBytes?: number | undefined;
  /** The body was cut short before `body` ends. */
  readonly truncated?: boolean | undefined;
  /** The URL that answered, when the client followed redirects (fetch's `response.url`). */
  readonly url?: string | undefined;
  /** The client followed at least one redirect (fetch's `response.redirected`). */
  readonly redirected?: boolean | undefined;
}

/** No answer came: the client refused to send (a bad header character), or the network failed. */
export interface ExchangeFailure {
  readonly error: {
    readonly message: string;
    /** `ERR_INVALID_CHAR`, `ECONNREFUSED`, … */
    readonly code?: string | undefined;
    /** Overrides what the code says: fetch's TypeError for a bad header has no code. */
    readonly kind?: NetErrorKind | undefined;
  };
}

export interface JudgeObservedOptions {
  readonly providerId?: string | undefined;
  /** Send a few read-only, same-origin probes to confirm the cause. Off unless asked for. */
  readonly probe?: boolean | undefined;
  /** Time for the probes, in ms (default 10000). */
  readonly timeoutMs?: number | undefined;
  /** The proxy the client used, if any (probes go through it too). */
  readonly proxy?: string | undefined;
  readonly insecure?: boolean | undefined;
  /** Our clock (ms since the epoch) when the answer arrived; default now. */
  readonly receivedAt?: number | undefined;
  /**
   * A refused bearer token's public metadata (issuer discovery and JWKS, RFC 9728) is fetched,
   * without any credential. Off unless asked for.
   */
  readonly discovery?: boolean | undefined;
  readonly elapsedMs?: number | undefined;
}

/** Statuses that refuse the call whatever the body says. */
const REFUSAL_STATUSES: ReadonlySet<number> = new Set([401, 402, 403, 407, 429]);

/** Diagnoses one exchange offline (or with probes when asked): the same checks as `check`. */
export async function judgeObserved(
  request: ExchangeRequest,
  answer: ExchangeResponse | ExchangeFailure,
  options: JudgeObservedOptions = {},
): Promise<Judgement> {
  const providerId = options.providerId;
  if (providerId !== undefined && !providerById(providerId)) {
    throw usageError(
      `unknown provider "${providerId.slice(0, 40)}"; known: ${providerIds().join(', ')}`,
    );
  }
  const url =
    typeof request.url === 'string'
      ? parseUrl(request.url, 'the request URL')
      : new URL(request.url.href);
  const headers = request.headers ?? [];
  const { detection, credential } = locateCredential(headers, url, providerId);
  const first: WireRequest = { method: (request.method ?? 'GET').toUpperCase(), url, headers };
  const chain = chainOf(first, answer, credential, options);
  const proxy = proxyChoice(options.proxy);
  const agents = new AgentPool();
  try {
    const { evidence, sent } = await gatherEvidence(chain, credential, detection, {
      proxy,
      ...(options.probe
        ? {
            transport: {
              agents,
              proxyFor: () => proxy?.url,
              insecure: options.insecure === true,
              deadline: Date.now() + (options.timeoutMs ?? 10_000),
            },
          }
        : {}),
      localNow: options.receivedAt ?? Date.now(),
      discovery:
        options.discovery === true
          ? {
              agents,
              proxyFor: () => proxy?.url,
              insecure: options.insecure === true,
              deadline: Date.now() + (options.timeoutMs ?? 10_000),
            }
          : undefined,
    });
    const { findings, verdict } = conclude(evidence);
    const diagnosis = makeDiagnosis({
      url,
      method: first.method,
      provider: detection.provider,
      credential,
      verdict,
      findings,
      sent,
    });
    return { diagnosis, evidence };
  } finally {
    agents.destroy();
  }
}

/**
 * Was the call refused, as the engine judges it? 401, 402, 403, 407 and 429 always; a redirect to
 * a login page; a request the client would not send; and a 2xx, 400 or 404 whose diagnosis is a
 * rejection on more than a guess (an auth error in the body, a masked 404). Server errors, a 404
 * of a route that does not exist and other answers are not.
 */
export function isRefusal({ diagnosis: d, evidence }: Judgement): boolean {
  const final = evidence.final;
  if (!final.result.ok) return final.result.error.kind === 'client-refused';
  if (evidence.chain.some((hop) => loginTarget(hop) !== undefined)) return true;
  const status = final.result.response.status;
  if (REFUSAL_STATUSES.has(status)) return true;
  if (final.accepted) return false;
  const candidate = (status >= 200 && status < 300) || status === 400 || status === 404;
  if (!candidate || d.verdict.status !== 'rejected') return false;
  // A guess is not enough here: a 200 saying `channel_not_found` is the app's bug, not a refusal.
  const cause = d.findings.find((f) => f.id === d.verdict.cause);
  // A 404 for a route that does not exist is a wrong URL, not a refused call.
  if (status === 404 && cause?.id === 'status.no-route') return false;
  return cause !== undefined && cause.confidence !== 'heuristic';
}

/** The provider (flag, host, then key) and the credential as the request carried it. */
function locateCredential(
  headers: HeaderPairs,
  url: URL,
  providerId: string | undefined,
): { detection: Detection; credential: SentCredential | null } {
  const byHost = detectProvider({ url: url.href, ...(providerId ? { providerId } : {}) });
  let found = findCredential(headers, url, byHost.provider);
  const detection = detectProvider({
    url: url.href,
    ...(found ? { key: found.meant } : {}),
    ...(providerId ? { providerId } : {}),
  });
  if (detection.provider !== byHost.provider)
    found = findCredential(headers, url, detection.provider);
  return { detection, credential: prepareCredential(found) };
}

/** The request and its answer as the engine's chain; a redirect the client followed is a hop. */
function chainOf(
  first: WireRequest,
  answer: ExchangeResponse | ExchangeFailure,
  credential: SentCredential | null,
  options: JudgeObservedOptions,
): Sent[] {
  const receivedAt = options.receivedAt ?? Date.now();
  const elapsedMs = options.elapsedMs ?? 0;
  const carried = credential !== null;
  if ('error' in answer) {
    const net = classify(Object.assign(new Error(answer.error.message), answer.error));
    const error = answer.error.kind ? { ...net, kind: answer.error.kind } : net;
    return [
      {
        label: 'request',
        request: first,
        result: { ok: false, error, elapsedMs },
        facts: undefined,
        accepted: false,
        carried,
        viaProxy: false,
      },
    ];
  }
  const chain: Sent[] = [];
  let request = first;
  let carriedNow = carried;
  const landed = landedAt(first.url, answer);
  if (landed) {
    // fetch follows redirects and hides their status: the hop is shown as a 302 to where it landed.
    const hop: WireResponse = {
      status: 302,
      statusText: 'Found (followed by the client; the exact 3xx is not known)',
      headers: { location: landed.href },
      all: { location: [landed.href] },
      body: '',
      bodyBytes: 0,
      truncated: false,
      fromProxy: false,
    };
    chain.push({
      label: 'request (redirect followed by the client)',
      request: first,
      result: { ok: true, response: hop, elapsedMs: 0 },
      facts: readAnswer(hop, receivedAt),
      accepted: false,
      carried,
      viaProxy: false,
    });
    // Clients drop the credential header on a hop to another origin (fetch, undici, curl); a
    // query credential travels only if the Location kept it.
    const spot = credential?.spot;
    if (spot?.in === 'query') {
      carriedNow = landed.searchParams.has(spot.name);
      request = { ...first, url: landed };
    } else {
      carriedNow = carried && landed.origin === first.url.origin;
      request = carriedNow
        ? { ...first, url: landed }
        : withCredential({ ...first, url: landed }, spot, undefined, null);
    }
  }
  const response = wireResponse(answer);
  const facts = readAnswer(response, receivedAt);
  chain.push({
    label: landed ? 'redirect 1' : 'request',
    request,
    result: { ok: true, response, elapsedMs },
    facts,
    accepted: isAccepted(facts),
    carried: carriedNow,
    viaProxy: false,
  });
  return chain;
}

function landedAt(asked: URL, answer: ExchangeResponse): URL | undefined {
  if (!answer.url || answer.redirected !== true) return undefined;
  try {
    const landed = new URL(answer.url);
    return landed.href === asked.href ? undefined : landed;
  } catch {
    return undefined;
  }
}

/** The answer as the engine reads it: lower-cased names, repeats joined (kept apart in `all`). */
function wireResponse(r: ExchangeResponse): WireResponse {
  const all: Record<string, string[]> = {};
  for (const [name, value] of r.headers ?? []) (all[name.toLowerCase()] ??= []).push(value);
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(all)) headers[name] = values.join(', ');
  const body = r.body ?? '';
  return {
    status: r.status,
    statusText: r.statusText ?? '',
    headers,
    all,
    body,
    bodyBytes: r.bodyBytes ?? Buffer.byteLength(body),
    truncated: r.truncated === true,
    fromProxy: false,
  };
}

function proxyChoice(proxy: string | undefined): ProxyChoice | undefined {
  if (proxy === undefined) return undefined;
  const url = parseProxyUrl(proxy);
  if (!url) throw usageError(`proxy is not an http(s) proxy URL: ${proxy.slice(0, 60)}`);
  return { url, from: 'option' };
}
