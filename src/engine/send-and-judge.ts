import { AgentPool } from '../collect/http.js';
import {
  parseProxyUrl,
  proxyFromEnv,
  unsupportedProxy,
  type ProxyChoice,
} from '../collect/proxy-env.js';
import type { Sent } from '../evidence/request.js';
import { usageError } from '../errors.js';
import type { Finding } from '../findings/types.js';
import { renderFinding } from '../findings/render.js';
import { detectProvider, providerById, providerIds } from '../providers/detect.js';
import { buildRequest, resolveTarget, WHY401_UA, type RequestInput } from './build-request.js';
import { followChain, type Transport } from './chain.js';
import { meantValue } from '../evidence/key-evidence.js';
import { conclude, prepareCredential } from './conclude.js';
import { gatherEvidence } from './gather-evidence.js';
import { redactUrl } from './exchanges.js';
import { makeDiagnosis, type Judgement } from './make-diagnosis.js';
import { MAX_REQUESTS } from './probes.js';
import { RequestBudget } from './request-budget.js';
import type { EnvSource } from '../evidence/env.js';
import { where } from '../checks/env/describe.js';
import type { Secret } from '../secret/secret.js';

export interface SendAndJudgeOptions {
  readonly providerId?: string | undefined;
  readonly timeoutMs?: number | undefined;
  /** A proxy URL, `null` for none (--no-proxy), undefined to read the environment. */
  readonly proxy?: string | null | undefined;
  readonly insecure?: boolean | undefined;
  /** Probes on (default) or off (--no-probe). */
  readonly probe?: boolean | undefined;
  /** --probe-unsafe: probes may send a POST, PUT, PATCH or DELETE again. */
  readonly probeUnsafe?: boolean | undefined;
  /**
   * A refused bearer token's public metadata is fetched (the issuer's discovery and JWKS, the
   * API's RFC 9728 document; no credential sent). Off unless true: the CLI turns it on unless
   * --no-discovery.
   */
  readonly discovery?: boolean | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Progress lines (stderr in the CLI). */
  readonly onProgress?: ((line: string) => void) | undefined;
  /**
   * With --key-env NAME: trace the variable's sources in `dir` (--env-dir DIR, by default the
   * working directory), and try another value found there. `walk` false: only the folder's .env
   * files and the shell start-up files (no compose files, Dockerfiles, manifests).
   */
  readonly envTrace?:
    | { readonly name: string; readonly dir: string; readonly walk?: boolean | undefined }
    | undefined;
}

/**
 * The engine of `check`, `curl`, `demo` and the library's `diagnose`: a request in (a URL and
 * headers, or a key to place), sent, its redirects followed, what is suspected probed, and the
 * `Diagnosis` out with the evidence it was concluded from.
 */
export async function sendAndJudge(
  input: RequestInput,
  options: SendAndJudgeOptions = {},
): Promise<Judgement> {
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
  const target = resolveTarget(input, pre.provider);
  const url = target.url;
  // With --base-url, the URL given still names the provider by its host.
  const detected = detectProvider({
    url: target.hostUrl.href,
    ...(keyHint ? { key: keyHint } : {}),
    ...(options.providerId ? { providerId: options.providerId } : {}),
  });
  // A validation request is the one of the provider it was built for (a host may serve two).
  const detection =
    target.validation && pre.provider && detected.provider !== pre.provider ? pre : detected;
  const provider = detection.provider;
  const built = buildRequest(input, url, provider, target.validation);
  const credential = prepareCredential(built.credential);

  const proxy = chooseProxy(url, options);
  // The variable's sources are read first: the collectors read files synchronously, and while
  // they ran the answer of a request in flight waited, until the deadline fired before it was
  // read ("no HTTP answer" from a server that answered in 5 ms). Loaded only when asked for:
  // the collectors bring a YAML parser and dotenv, which a plain check never needs. The default
  // trace (no --env-dir) waits for the answer instead: an accepted key needs none, and between
  // the request and the probes nothing is in flight.
  const { envTrace } = options;
  const traceNow = async () =>
    envTrace
      ? import('./trace-env.js').then(({ traceEnv }) =>
          traceEnv(envTrace.name, {
            dir: envTrace.dir,
            walk: envTrace.walk !== false,
            host: url.hostname,
            ...(options.env ? { env: options.env } : {}),
          }),
        )
      : undefined;
  const early = envTrace?.walk !== false;
  let env = early ? await traceNow() : undefined;
  // The network's time budget starts with the network.
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agents = new AgentPool();
  const transport: Transport = {
    agents,
    proxyFor: (u) => (proxy && proxyFromEnvFor(u, options, proxy) ? proxy.url : undefined),
    insecure: options.insecure === true,
    deadline: Date.now() + timeoutMs,
    budget: new RequestBudget(MAX_REQUESTS),
  };
  try {
    options.onProgress?.(`${built.request.method} ${redactUrl(url, credential)}`);
    const chain = await followChain(built.request, credential?.spot, transport);
    let probeTransport = transport;
    if (!early && chain.at(-1)?.accepted !== true) {
      const started = Date.now();
      env = await traceNow();
      // The time spent reading files is not the network's.
      probeTransport = { ...transport, deadline: transport.deadline + (Date.now() - started) };
    }
    const fileValue = credential ? otherValue(env?.sources ?? [], credential) : undefined;
    const probing = options.probe !== false;
    const { evidence, sent } = await gatherEvidence(chain, credential, detection, {
      transport: probing ? probeTransport : undefined,
      proxy,
      localNow: Date.now(),
      asSent: built.asSent,
      fileValue: fileValue?.value.reveal(),
      // The provider's own validation request (check without a URL, its method and body as the
      // catalog gives them) is a read-only check by the catalog's choice: probes may resend it.
      resendUnsafe:
        options.probeUnsafe === true ||
        (target.validation !== undefined && input.method === undefined && input.body === undefined),
      params: input.params,
      onProbes: (names) => options.onProgress?.(`probing: ${names.join(', ')}`),
      discovery:
        options.discovery === true
          ? {
              proxyFor: transport.proxyFor,
              insecure: transport.insecure,
              deadline: probeTransport.deadline,
              agents,
              userAgent: WHY401_UA,
            }
          : undefined,
    });
    // The default trace (no --env-dir) adds what only the variable's sources tell (env.*): the
    // key itself is linted by the check, with the provider's knowledge.
    const traced = (env?.findings ?? []).filter(
      (f) => envTrace?.walk !== false || f.id.startsWith('env.'),
    );
    const { findings, verdict } = conclude(
      evidence,
      envFindings(
        traced,
        evidence.probes['env-file-value'],
        fileValue ? where(fileValue) : null,
        evidence.probes.sanitized,
      ),
    );
    const diagnosis = makeDiagnosis({
      url,
      method: built.request.method,
      provider,
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

function chooseProxy(url: URL, options: SendAndJudgeOptions): ProxyChoice | undefined {
  if (options.proxy === null) return undefined;
  if (options.proxy !== undefined) {
    const parsed = parseProxyUrl(options.proxy);
    if (!parsed)
      throw usageError(`--proxy is not an http(s) proxy URL: ${options.proxy.slice(0, 60)}`);
    return { url: parsed, from: '--proxy' };
  }
  const env = options.env ?? process.env;
  const found = proxyFromEnv(url, env);
  const unsupported = found ? undefined : unsupportedProxy(url, env);
  if (unsupported)
    throw usageError(
      `${unsupported.from} names ${unsupported.scheme ? `a ${unsupported.scheme}:// proxy` : 'no proxy URL'}; why401 speaks to http:// and https:// proxies only: give one with --proxy, or --no-proxy to go direct`,
    );
  return found;
}

/** The chosen proxy applies to this URL (redirect hops may fall under NO_PROXY). */
function proxyFromEnvFor(u: URL, options: SendAndJudgeOptions, proxy: ProxyChoice): boolean {
  if (proxy.from === '--proxy') return true;
  return proxyFromEnv(u, options.env ?? process.env) !== undefined;
}

const STALE_VALUE = new Set(['env.shadowed', 'env.stale', 'env.not-loaded', 'env.file-precedence']);

/** Where another value of the variable may come from, the one most likely meant first. */
const OTHER_ORDER: Partial<Record<EnvSource['kind'], number>> = {
  dotenv: 0,
  shell: 1,
  compose: 2,
  k8s: 3,
  dockerfile: 4,
};

/**
 * The value to try once beside the one sent (the `env-file-value` probe): a value of the same
 * variable in another source (the .env file the loader reads first, then other .env files, shell
 * exports, compose, manifests, Dockerfiles) that differs from the one sent and from its cleaned
 * form (the `sanitized` probe tries that one).
 */
export function otherValue(
  sources: readonly EnvSource[],
  credential: { readonly secret: Secret; readonly meant: string },
): EnvSource | undefined {
  const sent = credential.secret.fingerprint;
  return sources
    .filter((s) => {
      if (OTHER_ORDER[s.kind] === undefined || s.value.fingerprint === sent) return false;
      const v = s.value.reveal();
      return v.trim() !== '' && v !== credential.meant;
    })
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        (OTHER_ORDER[a.s.kind] ?? 9) - (OTHER_ORDER[b.s.kind] ?? 9) ||
        (a.s.rank ?? 99) - (b.s.rank ?? 99) ||
        (a.s.kind === 'dotenv' ? (b.s.line ?? 0) - (a.s.line ?? 0) : a.i - b.i),
    )[0]?.s;
}

/**
 * The variable's own findings join the diagnosis. When another value of the variable (`place`:
 * the .env file's, a shell export's) was accepted where the one sent was refused, the finding
 * that says the process holds another value is confirmed; when it was refused alike, that
 * finding does not explain this refusal (both values fail) and is a warning. A CRLF file sourced
 * by the shell (env.crlf as an error) is confirmed by the cleaned key's probe.
 */
export function envFindings(
  found: readonly Finding[],
  probe: Sent | undefined,
  place: string | null,
  sanitized?: Sent,
): Finding[] {
  const crlf = (f: Finding): boolean => f.id === 'env.crlf' && f.severity === 'error';
  const withCrlf = sanitized?.accepted
    ? found.map((f) =>
        crlf(f)
          ? {
              ...f,
              confidence: 'confirmed' as const,
              evidence: [
                ...f.evidence,
                `sent without the CR: accepted (${sanitized.facts?.status})`,
              ],
            }
          : f,
      )
    : [...found];
  const at = place ?? 'the .env file';
  if (
    probe?.facts &&
    !probe.accepted &&
    (probe.facts.status === 401 || probe.facts.status === 403)
  ) {
    const seen = `sent with the value of ${at}: refused too (${probe.facts.status})`;
    return withCrlf.map((f) =>
      STALE_VALUE.has(f.id) ? { ...f, severity: 'warning', evidence: [...f.evidence, seen] } : f,
    );
  }
  if (!probe?.accepted) return withCrlf;
  const seen = `sent with the value of ${at}: accepted (${probe.facts?.status})`;
  const confirmed = withCrlf.filter((f) => STALE_VALUE.has(f.id));
  if (confirmed.length === 0) {
    const stale = renderFinding({ id: 'env.stale', confidence: 'confirmed', evidence: [seen] });
    return [{ ...stale, severity: 'error' }, ...withCrlf];
  }
  return withCrlf.map((f) =>
    STALE_VALUE.has(f.id)
      ? { ...f, confidence: 'confirmed', severity: 'error', evidence: [...f.evidence, seen] }
      : f,
  );
}
