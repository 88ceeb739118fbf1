import type { RawFinding } from '../findings/types.js';
import type { Provider } from '../providers/types.js';
import {
  canonicalScheme,
  saysNoCredential,
  type ProbeName,
  type Sent,
  type SentCredential,
} from '../evidence/request.js';
import { withCredential, WHY401_UA } from './build-request.js';
import {
  alternativesFor,
  describeSpot,
  sameSpot,
  spotFor,
  validationSpot,
  type Spot,
} from '../evidence/credential-place.js';
import { keyKindsAt } from '../providers/detect.js';
import { sendOne, type Transport } from './chain.js';
import { withoutCredentials } from './request-secrets.js';
import type { WireRequest } from '../collect/http.js';
import { HYGIENE_IDS } from '../checks/key/index.js';
import { secretParams } from '../secret/scrub.js';
import { decodeJwt } from '../parse/jwt.js';

/** spec/cli.md: probes are few: at most 6 requests per check, the main request's hops included. */
export const MAX_REQUESTS = 6;

/** Common placements to try when the provider is unknown, most common first. */
const COMMON_SPOTS: readonly Spot[] = [
  { in: 'header', name: 'Authorization', scheme: 'Bearer' },
  { in: 'header', name: 'x-api-key', scheme: null },
  { in: 'header', name: 'apikey', scheme: null },
  { in: 'header', name: 'api-key', scheme: null },
  { in: 'header', name: 'Authorization', scheme: null },
];

const LIBRARY_UA =
  /^(node|undici|axios|python-requests|python-urllib|go-http-client|curl|okhttp|java|libwww|wget|got|node-fetch)\b/i;

export interface ProbePlan {
  readonly probes: readonly {
    readonly name: ProbeName;
    readonly request: WireRequest;
    readonly carried: boolean;
    readonly noProxy?: boolean;
  }[];
  readonly alternatives: readonly { readonly spot: Spot; readonly request: WireRequest }[];
}

export interface PlanInput {
  readonly first: WireRequest;
  readonly final: Sent;
  readonly credential: SentCredential | null;
  readonly provider: Provider | null;
  readonly keyFindings: readonly RawFinding[];
  readonly usedProxy: boolean;
  readonly providerBy: 'flag' | 'host' | 'key' | 'none';
  readonly budget: number;
  /** Another value of the same variable (the .env file's, with --env-dir): does it work? */
  readonly fileValue?: string | undefined;
  /** --probe-unsafe: a POST, PUT, PATCH or DELETE may be sent again, changed. */
  readonly resendUnsafe?: boolean | undefined;
  /** `--param` values: the user of a Basic pair the provider expects (Twilio's AccountSID). */
  readonly params?: Readonly<Record<string, string>> | undefined;
}

/** Methods a probe may send again: they change nothing on the server (RFC 9110 §9.2.1). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method.toUpperCase());

/** Chooses the probes the suspicion calls for, within the budget, most telling first. */
export function planProbes(input: PlanInput): ProbePlan {
  const { first, final, credential, provider } = input;
  const facts = final.facts;
  const probes: ProbePlan['probes'][number][] = [];
  const alternatives: ProbePlan['alternatives'][number][] = [];
  // A probe that works would do what the user's request was refused: for a write, that is a
  // write nobody asked for. Writes are probed only through the read-only validation request.
  const resend = isSafeMethod(first.method) || input.resendUnsafe === true;
  let budget = input.budget;
  const add = (p: ProbePlan['probes'][number], readOnly = false) => {
    if (budget > 0 && (resend || readOnly)) {
      probes.push(p);
      budget--;
    }
  };
  const ids = new Set(input.keyFindings.map((f) => f.id));

  if (credential && input.fileValue !== undefined) {
    add({
      name: 'env-file-value',
      request: withCredential(first, credential.spot, credential.spot, input.fileValue),
      carried: true,
    });
  }
  if (
    credential &&
    credential.meant !== credential.secret.reveal() &&
    credential.meant !== '' &&
    [...ids].some((id) => HYGIENE_IDS.has(id))
  ) {
    add({
      name: 'sanitized',
      request: withCredential(first, credential.spot, credential.spot, credential.meant),
      carried: true,
    });
  }
  // `authorization: bearer <t>` is legal (RFC 9110: the scheme is case-insensitive), yet servers
  // that compare it as a string refuse it: one probe with the canonical case decides.
  const sentCase = credential?.spot.in === 'header' ? credential.spot : undefined;
  const canonical = canonicalScheme(sentCase?.scheme);
  const refused =
    facts !== undefined &&
    !final.accepted &&
    (facts.status === 401 || facts.status === 403 || facts.bodySaysFailure);
  if (sentCase && canonical && refused) {
    const recased = recaseScheme(first, sentCase.name, canonical);
    if (recased) add({ name: 'scheme-case', request: recased, carried: true });
  }
  // Digest, SigV4 or OAuth 1 parameters mean nothing in another header: not moved around.
  const movable = credential !== null && secretParams(credential.secret.reveal()) === undefined;
  // A Basic pair whose user is not known (no --param) cannot be built: not probed.
  const placed = provider && movable ? spotFor(provider.auth, input.params) : undefined;
  const expected =
    provider?.auth.in === 'basic' &&
    provider.auth.pair === 'user:key' &&
    placed?.in === 'header' &&
    placed.basicUser === undefined
      ? undefined
      : placed;
  const kinds = provider && credential ? keyKindsAt(provider, credential.meant) : [];
  const alternativesOk = provider
    ? [...alternativesFor(provider, kinds).map((p) => spotFor(p)), validationSpot(provider)].filter(
        (s): s is Spot => s !== undefined,
      )
    : [];
  // A key sent in one of the provider's other documented places and refused there (Postmark's
  // account-token header on a server endpoint) may belong in the main place: that is tried too.
  const refusedThere =
    facts !== undefined &&
    (facts.status === 401 || facts.status === 403 || (facts.status < 300 && facts.bodySaysFailure));
  if (
    credential &&
    expected &&
    !sameSpot(credential.spot, expected) &&
    (refusedThere || !alternativesOk.some((s) => sameSpot(s, credential.spot)))
  ) {
    add({
      name: 'expected-placement',
      request: withCredential(first, credential.spot, expected, credential.meant),
      carried: true,
    });
  }
  if (input.usedProxy && credential)
    add({ name: 'direct', request: first, carried: true, noProxy: true });
  // After a redirect the first URL only answers with the redirect again: nothing to compare there.
  const redirected = final.request.url.href !== first.url.href;
  if (credential && !redirected)
    add({
      name: 'without-credential',
      request: withoutCredentials(withCredential(first, credential.spot, undefined, null)),
      carried: false,
    });

  const ua = first.headers.find(([n]) => n.toLowerCase() === 'user-agent')?.[1];
  const blockedLooking =
    facts &&
    (facts.status === 403 || facts.status === 503 || facts.status === 429) &&
    (facts.says.has('waf') || facts.layers.some((l) => l.kind === 'cdn' || l.kind === 'waf'));
  if (
    facts &&
    (blockedLooking || (facts.status === 403 && (ua === undefined || LIBRARY_UA.test(ua))))
  ) {
    const headers = first.headers.filter(([n]) => n.toLowerCase() !== 'user-agent');
    add({
      name: 'user-agent',
      request: { ...first, headers: [...headers, ['User-Agent', WHY401_UA]] },
      carried: credential !== null,
    });
  }
  if (
    credential &&
    provider &&
    facts &&
    (facts.status === 403 || facts.status === 404) &&
    provider.validate.method === 'GET'
  ) {
    const path = provider.validate.url.replace(/^https?:\/\/[^/]+/, '');
    if (!/<[^>]+>/.test(path) && !first.url.pathname.endsWith(path.split('?')[0] ?? path)) {
      const url = new URL(path, first.url.origin);
      add(
        {
          name: 'validate',
          request: {
            ...withCredential({ ...first, url }, undefined, undefined, null),
            method: 'GET',
            body: undefined,
          },
          carried: true,
        },
        true,
      );
    }
  }
  // Where the credential may not have been read at all (unknown provider, or an answer that says
  // none arrived), try the common placements: an answer that changes shows which header the
  // layer reads.
  const unread = facts !== undefined && (saysNoCredential(facts) || input.providerBy !== 'host');
  if (
    resend &&
    !(credential && readAsToken(credential, facts, ids)) &&
    movable &&
    credential &&
    !redirected &&
    (!provider || unread) &&
    facts &&
    (facts.status === 401 || facts.status === 403)
  ) {
    // What the answer names comes first: a header in its words, a scheme in its challenge.
    const named: Spot[] = [
      ...facts.namedHeaders
        .filter((n) => n.toLowerCase() !== 'authorization')
        .map((name): Spot => ({ in: 'header', name, scheme: null })),
      ...facts.challenges
        .filter((c) => !['basic', 'digest', 'negotiate', 'ntlm'].includes(c.scheme))
        .map((c): Spot => ({ in: 'header', name: 'Authorization', scheme: c.rawScheme })),
    ];
    const spots = [...named, ...COMMON_SPOTS].filter(
      (spot, i, all) => all.findIndex((o) => sameSpot(o, spot)) === i,
    );
    for (const spot of spots) {
      if (budget <= 0) break;
      if (sameSpot(spot, credential.spot)) continue;
      alternatives.push({
        spot,
        request: withCredential(first, credential.spot, spot, credential.meant),
      });
      budget--;
    }
  }
  return { probes, alternatives };
}

/**
 * A JWT (or JWE) sent as `Authorization: Bearer` and refused with a Bearer challenge saying
 * `error="invalid_token"` (or a token.* finding from the token itself): the server read it as a
 * token. Moving it to `x-api-key` or sending it raw is noise that spends the budget.
 */
function readAsToken(
  credential: SentCredential,
  facts: Sent['facts'],
  ids: ReadonlySet<string>,
): boolean {
  const spot = credential.spot;
  if (
    spot.in !== 'header' ||
    spot.name.toLowerCase() !== 'authorization' ||
    spot.scheme?.toLowerCase() !== 'bearer'
  )
    return false;
  if (!decodeJwt(credential.meant).ok) return false;
  if ([...ids].some((id) => id.startsWith('token.'))) return true;
  return (
    facts?.challenges.some((c) => c.scheme === 'bearer' && c.params['error'] === 'invalid_token') ??
    false
  );
}

/** The request with the scheme word of its credential header in the canonical case. */
function recaseScheme(
  first: WireRequest,
  name: string,
  canonical: string,
): WireRequest | undefined {
  let changed = false;
  const headers = first.headers.map(([n, v]): readonly [string, string] => {
    if (changed || n.toLowerCase() !== name.toLowerCase()) return [n, v];
    const m = /^(\s*)(\S+)(\s[\s\S]*)$/.exec(v);
    if (!m || (m[2] ?? '').toLowerCase() !== canonical.toLowerCase()) return [n, v];
    changed = true;
    return [n, `${m[1] ?? ''}${canonical}${m[3] ?? ''}`];
  });
  return changed ? { ...first, headers } : undefined;
}

export async function runProbes(plan: ProbePlan, t: Transport) {
  const [probes, alternatives] = await Promise.all([
    Promise.all(
      plan.probes.map((p) =>
        sendOne(`probe: ${p.name}`, p.request, p.carried, t, p.noProxy === true).then(
          (s) => [p.name, s] as const,
        ),
      ),
    ),
    Promise.all(
      plan.alternatives.map((a) =>
        sendOne(`probe: ${describe(a.spot)}`, a.request, true, t).then((s) => ({
          ...s,
          spot: a.spot,
        })),
      ),
    ),
  ]);
  return { probes: Object.fromEntries(probes) as Partial<Record<ProbeName, Sent>>, alternatives };
}

function describe(spot: Spot): string {
  if (spot.in === 'query') return `?${spot.name}=`;
  if (spot.in !== 'header') return describeSpot(spot);
  return `${spot.name}${spot.scheme ? ` ${spot.scheme}` : ' (raw)'}`;
}
