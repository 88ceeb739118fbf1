import { AgentPool } from '../collect/http.js';
import { parseProxyUrl, proxyFromEnv, type ProxyChoice } from '../collect/proxy-env.js';
import { KEY_CHECKS } from '../checks/key/index.js';
import { REQUEST_CHECKS } from '../checks/request/index.js';
import type { RequestEvidence, Sent } from '../checks/request/evidence.js';
import { runChecks } from '../checks/types.js';
import { loginTarget } from '../checks/request/redirect.js';
import { usageError } from '../errors.js';
import { dedupeFindings, renderFinding } from '../findings/render.js';
import type { Finding, RawFinding } from '../findings/types.js';
import { detectProvider, providerById, providerIds } from '../providers/detect.js';
import { buildRequest, resolveUrl, type RequestInput } from './build-request.js';
import { followChain, type Transport } from './chain.js';
import { buildKeyEvidence, meantValue } from './key-evidence.js';
import { summarize, withPrefix, type CredentialSummary } from './lint-key.js';
import { MAX_REQUESTS, planProbes, runProbes } from './probes.js';
import { decideVerdict, orderFindings, type Verdict } from './verdict.js';
import { exchangeJson, redactUrl, type ExchangeJson } from './exchanges.js';

export interface DiagnoseOptions {
  readonly providerId?: string | undefined;
  readonly timeoutMs?: number | undefined;
  /** A proxy URL, `null` for none (--no-proxy), undefined to read the environment. */
  readonly proxy?: string | null | undefined;
  readonly insecure?: boolean | undefined;
  /** Probes on (default) or off (--no-probe). */
  readonly probe?: boolean | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Progress lines (stderr in the CLI). */
  readonly onProgress?: ((line: string) => void) | undefined;
}

export interface Diagnosis {
  readonly schema: 'why401/diagnosis@1';
  readonly target: {
    readonly url: string;
    readonly method: string;
    readonly provider: string | null;
  };
  readonly credential: CredentialSummary | null;
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  readonly exchanges: readonly ExchangeJson[];
  /** Not in JSON: the evidence, for reporters that want more (curl, human details). */
  readonly evidence: RequestEvidence;
}

/** The engine of `check`: sends the request, probes what is suspected, names the cause. */
export async function diagnose(
  input: RequestInput,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  if (options.providerId !== undefined && !providerById(options.providerId)) {
    throw usageError(
      `unknown provider "${options.providerId.slice(0, 40)}"; known: ${providerIds().join(', ')}`,
    );
  }
  const keyHint = input.key ? meantValue(input.key.reveal()) : undefined;
  const pre = detectProvider({
    ...(input.url ? { url: input.url } : {}),
    ...(keyHint ? { key: keyHint } : {}),
    ...(options.providerId ? { providerId: options.providerId } : {}),
  });
  const url = resolveUrl(input, pre.provider);
  const detection = detectProvider({
    url: url.href,
    ...(keyHint ? { key: keyHint } : {}),
    ...(options.providerId ? { providerId: options.providerId } : {}),
  });
  const provider = detection.provider;
  const built = buildRequest(input, url, provider);
  const credential = built.credential
    ? { ...built.credential, secret: withPrefix(built.credential.secret) }
    : null;
  if (credential) credential.secret.derive(credential.meant, 'meant'); // registers it for scrubbing

  const proxy = chooseProxy(url, options);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agents = new AgentPool();
  const transport: Transport = {
    agents,
    proxyFor: (u) => (proxy && proxyFromEnvFor(u, options, proxy) ? proxy.url : undefined),
    insecure: options.insecure === true,
    deadline: Date.now() + timeoutMs,
  };
  try {
    options.onProgress?.(`${built.request.method} ${redactUrl(url, credential)}`);
    const chain = await followChain(built.request, credential?.spot, transport);
    const last = chain[chain.length - 1] as Sent;
    // A login page answering 200 after a redirect is not the API accepting the key.
    const final = chain.some((hop) => loginTarget(hop)) ? { ...last, accepted: false } : last;
    const serverNow = final.facts?.serverDate;
    const expected =
      provider && (detection.by === 'flag' || detection.by === 'host')
        ? { provider, by: detection.by }
        : null;
    const keyContext = (clock: number | undefined) => ({
      expected,
      ...(clock !== undefined ? { serverNow: clock } : {}),
      path: url.pathname,
      ...(credential?.spot.in === 'header' && credential.spot.scheme
        ? { scheme: credential.spot.scheme }
        : {}),
    });
    const keyFindings = credential
      ? runChecks(KEY_CHECKS, buildKeyEvidence(credential.secret, keyContext(serverNow)))
      : [];
    const keyFindingsLocalClock =
      credential && serverNow !== undefined
        ? runChecks(KEY_CHECKS, buildKeyEvidence(credential.secret, keyContext(undefined))).map(
            (k) => k.id,
          )
        : keyFindings.map((k) => k.id);

    const probing =
      options.probe !== false &&
      !final.accepted &&
      (final.result.ok || final.result.error.kind === 'client-refused' ? true : false);
    const plan = probing
      ? planProbes({
          first: built.request,
          final,
          credential,
          provider,
          keyFindings,
          usedProxy: chain[0]?.viaProxy === true,
          providerBy: detection.by,
          budget: MAX_REQUESTS - chain.length,
        })
      : { probes: [], alternatives: [] };
    if (plan.probes.length + plan.alternatives.length > 0)
      options.onProgress?.(
        `probing: ${[...plan.probes.map((p) => p.name), ...plan.alternatives.map(() => 'alternative')].join(', ')}`,
      );
    const { probes, alternatives } = await runProbes(plan, transport);

    const leftOrigin = findLeftOrigin(chain, url.origin);
    const evidence: RequestEvidence = {
      url,
      method: built.request.method,
      provider,
      providerBy: detection.by,
      credential,
      headerNames: built.request.headers.map(([n]) => n.toLowerCase()),
      asSent: built.asSent,
      chain,
      final,
      leftOrigin,
      proxy,
      probes,
      alternatives,
      keyFindings,
      keyFindingsLocalClock,
      userAgent: built.request.headers.find(([n]) => n.toLowerCase() === 'user-agent')?.[1],
      localNow: Date.now(),
    };
    const raw = [
      ...confirmHygiene(keyFindings, probes.sanitized),
      ...runChecks(REQUEST_CHECKS, evidence),
    ];
    const findings = orderFindings(
      dedupeFindings(raw)
        .map(renderFinding)
        .map((f) => (final.accepted ? demote(f) : f)),
    );
    const verdict = decideVerdict(evidence, findings);
    const sent = [...chain, ...Object.values(probes), ...alternatives];
    return {
      schema: 'why401/diagnosis@1',
      target: {
        url: redactUrl(url, credential),
        method: built.request.method,
        provider: provider?.id ?? null,
      },
      credential: credential ? summarize(credential.secret) : null,
      verdict,
      findings,
      exchanges: sent.map((s) => exchangeJson(s, credential)),
      evidence,
    };
  } finally {
    agents.destroy();
  }
}

function chooseProxy(url: URL, options: DiagnoseOptions): ProxyChoice | undefined {
  if (options.proxy === null) return undefined;
  if (options.proxy !== undefined) {
    const parsed = parseProxyUrl(options.proxy);
    if (!parsed)
      throw usageError(`--proxy is not an http(s) proxy URL: ${options.proxy.slice(0, 60)}`);
    return { url: parsed, from: '--proxy' };
  }
  return proxyFromEnv(url, options.env ?? process.env);
}

/** The chosen proxy applies to this URL (redirect hops may fall under NO_PROXY). */
function proxyFromEnvFor(u: URL, options: DiagnoseOptions, proxy: ProxyChoice): boolean {
  if (proxy.from === '--proxy') return true;
  return proxyFromEnv(u, options.env ?? process.env) !== undefined;
}

function findLeftOrigin(chain: readonly Sent[], origin: string) {
  for (let i = 1; i < chain.length; i++) {
    const hop = chain[i];
    const prev = chain[i - 1];
    if (hop && prev && hop.request.url.origin !== origin && prev.request.url.origin === origin) {
      return {
        from: prev.request.url.origin,
        to: hop.request.url.origin,
        status: prev.facts?.status ?? 0,
      };
    }
  }
  return undefined;
}

const HYGIENE = new Set([
  'key.whitespace',
  'key.newline',
  'key.invisible',
  'key.quoted',
  'key.scheme-included',
  'key.non-ascii',
]);

/** The sanitised key was accepted: the hygiene findings are the cause, confirmed. */
function confirmHygiene(
  keyFindings: readonly RawFinding[],
  sanitized: Sent | undefined,
): RawFinding[] {
  if (!sanitized?.accepted) return [...keyFindings];
  return keyFindings.map((f) =>
    HYGIENE.has(f.id)
      ? {
          ...f,
          confidence: 'confirmed',
          evidence: [
            ...f.evidence,
            `sent cleaned (trimmed, unquoted, hidden characters removed): accepted (${sanitized.facts?.status})`,
          ],
        }
      : f,
  );
}

/** On an accepted request nothing is an error: what would be one is a warning it tolerated. */
function demote(f: Finding): Finding {
  return f.severity === 'error' ? { ...f, severity: 'warning' } : f;
}
