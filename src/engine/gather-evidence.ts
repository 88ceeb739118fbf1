import type { ProxyChoice } from '../collect/proxy-env.js';
import type { RequestEvidence, Sent, SentCredential } from '../evidence/request.js';
import { loginTarget } from '../checks/request/status/login-redirect.js';
import type { Detection } from '../providers/detect.js';
import type { Transport } from './chain.js';
import { expectedProvider, findLeftOrigin, judgeKey } from './conclude.js';
import { isSafeMethod, MAX_REQUESTS, planProbes, runProbes } from './probes.js';
import { onWire, RequestBudget } from './request-budget.js';
import { AgentPool } from '../collect/http.js';
import { discover, type DiscoveryTransport } from '../collect/discovery.js';
import type { TokenEvidence } from '../evidence/token.js';
import { decodeJwt } from '../parse/jwt.js';
import { isAccepted, readAnswer } from '../evidence/answer.js';

export interface GatherEvidenceOptions {
  /** With a transport, a few read-only probes confirm the cause; without, nothing is sent. */
  readonly transport?: Transport | undefined;
  readonly proxy?: ProxyChoice | undefined;
  /** Our clock when the answer arrived. */
  readonly localNow: number;
  /** The request is the client's own (false: `check` placed the key for the user). */
  readonly asSent?: boolean | undefined;
  /** A value from a .env file to try as a probe (check --env-dir). */
  readonly fileValue?: string | undefined;
  /** --probe-unsafe: probes may send a POST, PUT, PATCH or DELETE again. */
  readonly resendUnsafe?: boolean | undefined;
  /** `--param` values (the user of a Basic pair): a probe of the provider's placement needs them. */
  readonly params?: Readonly<Record<string, string>> | undefined;
  /** Told which probes go out, before they do (progress lines). */
  readonly onProbes?: ((names: readonly string[]) => void) | undefined;
  /**
   * Issuer discovery for a refused bearer token (cli.md "OAuth 2"): public metadata fetched
   * without the token, beside the probes, not counted in their budget. Undefined: none.
   */
  readonly discovery?: DiscoveryTransport | undefined;
}

/**
 * The evidence of a chain of hops already sent (the last hop is the answer judged): key checks,
 * probes when a transport is given, and every request sent, probes included. The one judgement
 * behind `check` (which sent the chain), the library's exchange helpers and capture (which saw
 * another client send it).
 */
export async function gatherEvidence(
  chain: readonly Sent[],
  credential: SentCredential | null,
  detection: Detection,
  options: GatherEvidenceOptions,
): Promise<{ evidence: RequestEvidence; sent: readonly Sent[] }> {
  const firstHop = chain[0];
  const last = chain[chain.length - 1];
  if (!firstHop || !last) throw new Error('gatherEvidence: an empty chain');
  // A login page answering 200 after a redirect is not the API accepting the key.
  const final = chain.some((hop) => loginTarget(hop)) ? { ...last, accepted: false } : last;
  const url = firstHop.request.url;
  const { keyFindings, keyFindingsLocalClock } = judgeKey(
    credential,
    url,
    expectedProvider(detection),
    final,
  );
  // The budget counts what reached the wire: hops, their resends, then probes and theirs. A chain
  // some other client sent counts as its hops.
  const transport = options.transport && {
    ...options.transport,
    budget:
      options.transport.budget ??
      new RequestBudget(MAX_REQUESTS - chain.reduce((n, s) => n + onWire(s), 0)),
  };
  const probing =
    transport !== undefined &&
    !final.accepted &&
    (final.result.ok || final.result.error.kind === 'client-refused');
  const plan = probing
    ? planProbes({
        first: firstHop.request,
        final,
        credential,
        provider: detection.provider,
        keyFindings,
        usedProxy: firstHop.viaProxy || options.proxy !== undefined,
        providerBy: detection.by,
        budget: transport?.budget.left ?? 0,
        fileValue: options.fileValue,
        resendUnsafe: options.resendUnsafe,
        params: options.params,
      })
    : { probes: [], alternatives: [] };
  if (plan.probes.length + plan.alternatives.length > 0)
    options.onProbes?.([
      ...plan.probes.map((p) => p.name),
      ...plan.alternatives.map(() => 'alternative'),
    ]);
  const [{ probes, alternatives }, token] = await Promise.all([
    transport && probing ? probeWithin(plan, transport) : { probes: {}, alternatives: [] },
    options.discovery && !final.accepted && final.facts
      ? discoverFor(credential, final, url, options.discovery)
      : undefined,
  ]);
  const evidence: RequestEvidence = {
    url,
    method: firstHop.request.method,
    provider: detection.provider,
    providerBy: detection.by,
    credential,
    headerNames: firstHop.request.headers.map(([n]) => n.toLowerCase()),
    asSent: options.asSent ?? true,
    chain: chain.map((hop) => (hop === last ? final : hop)),
    final,
    leftOrigin: findLeftOrigin(chain, url.origin),
    proxy: options.proxy,
    probes,
    alternatives,
    keyFindings,
    keyFindingsLocalClock,
    userAgent: firstHop.request.headers.find(([n]) => n.toLowerCase() === 'user-agent')?.[1],
    localNow: options.localNow,
    writeNotProbed:
      probing && !options.resendUnsafe && !isSafeMethod(firstHop.request.method)
        ? firstHop.request.method
        : undefined,
    ...(token ? { token: token.evidence } : {}),
  };
  return {
    evidence,
    sent: [...chain, ...Object.values(probes), ...alternatives, ...(token?.sent ?? [])],
  };
}

/**
 * Runs the probes. A probe that reuses a kept-alive connection may have to be sent again (the
 * server closed it unanswered), and that resend counts against the budget: when the plan spends
 * all of it, the probes go on connections of their own (they run in parallel: none is reused),
 * so none needs a resend the budget could not pay for.
 */
async function probeWithin(
  plan: ReturnType<typeof planProbes>,
  transport: Transport & { readonly budget: RequestBudget },
) {
  const planned = plan.probes.length + plan.alternatives.length;
  if (planned < transport.budget.left) return runProbes(plan, transport);
  const agents = new AgentPool();
  try {
    return await runProbes(plan, { ...transport, agents });
  } finally {
    agents.destroy();
  }
}

/**
 * Discovery for a refused bearer token: the issuer's metadata when the token is a JWT naming an
 * `iss`, the API's RFC 9728 metadata when its challenge names one. Only the `iss` claim and the
 * challenge reach the collector, never the token.
 */
async function discoverFor(
  credential: SentCredential | null,
  final: Sent,
  url: URL,
  t: DiscoveryTransport,
): Promise<{ evidence: TokenEvidence; sent: Sent[] } | undefined> {
  const status = final.facts?.status;
  if (!credential || (status !== 401 && status !== 403)) return undefined;
  const jwt = decodeJwt(credential.meant);
  const iss = jwt.ok && !jwt.encrypted ? jwt.claims['iss'] : undefined;
  const named = final.facts?.challenges.find((c) => c.params['resource_metadata'] !== undefined)
    ?.params['resource_metadata'];
  if (typeof iss !== 'string' && named === undefined) return undefined;
  const { evidence, fetched } = await discover(
    {
      ...(typeof iss === 'string' ? { iss } : {}),
      ...(named !== undefined ? { resourceMetadata: named } : {}),
      apiOrigin: url.origin,
    },
    t,
  );
  const sent = fetched.map((f): Sent => {
    const facts = f.result.ok ? readAnswer(f.result.response, Date.now()) : undefined;
    return {
      label: f.label,
      request: f.request,
      result: f.result,
      facts,
      accepted: isAccepted(facts),
      carried: false,
      viaProxy: f.viaProxy,
    };
  });
  return { evidence, sent };
}
