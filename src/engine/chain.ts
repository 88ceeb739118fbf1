import { AgentPool, send, type SendResult, type WireRequest } from '../collect/http.js';
import type { Spot } from '../evidence/credential-place.js';
import { withCredential } from './build-request.js';
import { isAccepted, readAnswer } from '../evidence/answer.js';
import {
  bodyMayHoldCredential,
  crossOriginHeaders,
  registerAnswerSecrets,
} from './request-secrets.js';
import { holdsSecret } from '../secret/scrub.js';
import type { Sent } from '../evidence/request.js';
import type { RequestBudget } from './request-budget.js';

/** Moved to src/evidence/answer.ts; re-exported for src/capture only, until it imports it there. */

export const MAX_HOPS = 5;

export interface Transport {
  readonly agents: AgentPool;
  readonly proxyFor: (url: URL) => URL | undefined;
  readonly insecure: boolean;
  /** ms since the epoch by which everything must be done. */
  readonly deadline: number;
  /** Every request on the wire, resends included, counted against the check's budget. */
  readonly budget?: RequestBudget | undefined;
}

/** One request, read into a Sent record. */
export async function sendOne(
  label: string,
  request: WireRequest,
  carried: boolean,
  t: Transport,
  noProxy = false,
): Promise<Sent> {
  const proxy = noProxy ? undefined : t.proxyFor(request.url);
  const timeoutMs = Math.max(1, t.deadline - Date.now());
  t.budget?.spend();
  const result: SendResult = await send(request, {
    timeoutMs,
    proxy,
    insecure: t.insecure,
    agents: t.agents,
    mayResend: () => t.budget?.take() ?? true,
  });
  if (result.ok) registerAnswerSecrets(result.response.headers, result.response.body);
  const facts = result.ok ? readAnswer(result.response, Date.now()) : undefined;
  return {
    label,
    request,
    result,
    facts,
    accepted: isAccepted(facts),
    carried,
    viaProxy: proxy !== undefined,
  };
}

/**
 * Follows redirects by hand. The credential rides only while the origin stays the one the user
 * named; a hop to another origin goes without it (and is reported).
 */
export async function followChain(
  first: WireRequest,
  spot: Spot | undefined,
  t: Transport,
): Promise<Sent[]> {
  const origin = first.url.origin;
  const chain: Sent[] = [];
  const seen = new Set<string>();
  let request = first;
  let carried = spot !== undefined;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const label = hop === 0 ? 'request' : `redirect ${hop}`;
    const sent = await sendOne(label, request, carried, t);
    chain.push(sent);
    const status = sent.facts?.status ?? 0;
    const location = sent.facts?.location;
    if (!location || status < 300 || status >= 400 || status === 304) break;
    seen.add(request.url.href);
    let next: URL;
    try {
      next = new URL(location, request.url);
    } catch {
      break;
    }
    if (
      (next.protocol !== 'http:' && next.protocol !== 'https:') ||
      seen.has(next.href) ||
      Date.now() >= t.deadline ||
      t.budget?.left === 0
    )
      break;
    const method =
      status === 303 || ((status === 301 || status === 302) && request.method === 'POST')
        ? 'GET'
        : request.method;
    const keep = next.origin === origin && carried;
    const moved: WireRequest = {
      ...request,
      url: next,
      method,
      body: method === 'GET' ? undefined : request.body,
    };
    // To another origin: only headers known harmless, and no hop at all when a credential would
    // still travel, in a Location that echoes it or in a body that may hold one (307/308 keep it).
    const without = keep ? moved : withCredential(moved, spot, undefined, null);
    const stripped = keep ? moved : { ...without, headers: crossOriginHeaders(without.headers) };
    const carrier =
      next.origin === origin
        ? undefined
        : holdsSecret(decodeURIComponentSafe(stripped.url.href)) || holdsSecret(stripped.url.href)
          ? 'location'
          : stripped.body !== undefined &&
              (holdsSecret(stripped.body) || bodyMayHoldCredential(stripped.body))
            ? 'body'
            : undefined;
    if (carrier) {
      chain[chain.length - 1] = { ...sent, notFollowed: { to: next.origin, carrier } };
      break;
    }
    // The query credential of the first URL must not travel in a Location either.
    request = keep ? { ...stripped, url: next } : stripped;
    carried = keep;
  }
  return chain;
}

/** `%20` → ` `: a key echoed into a Location is percent-encoded; a malformed URL stays as is. */
function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
