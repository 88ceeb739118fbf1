/**
 * The engine of `why401 token` and of the library's `diagnoseTokenRequest()`: sends the token
 * request the way the app does (RFC 6749 §4.4 client_credentials, §6 refresh_token, §4.3
 * password; client_secret_basic or client_secret_post), reads the answer (RFC 6749 §5.2, Azure's
 * AADSTS codes), probes at most twice on the same origin (the other client authentication method,
 * the secret cleaned) and, with `then`, uses the token on the API and diagnoses the pair.
 *
 * Credentials: the client secret, the refresh token, the password and every token the endpoint
 * issues are Secrets (registered with the scrubber); discovery carries none of them; probes of the
 * refresh_token and password grants send a stand-in grant (invalid_grant then proves the client
 * authenticated), so a probe never consumes a rotating refresh token nor counts a failed sign-in.
 */
import { AgentPool, send, type SendResult, type WireRequest } from '../collect/http.js';
import { discoverIssuer, type DiscoveryTransport } from '../collect/discovery.js';
import { proxyFromEnv } from '../collect/proxy-env.js';
import { usageError } from '../errors.js';
import type { FindingId } from '../findings/ids.js';
import type { Finding, RawFinding } from '../findings/types.js';
import { issuerDifference } from '../checks/token/metadata.js';
import { renderFinding } from '../findings/render.js';
import { runChecks } from '../checks/types.js';
import { readTokenAnswer, isGuid } from '../checks/token-endpoint/answer.js';
import {
  AUTH_METHOD_NAME,
  authenticated,
  otherAuth,
  type ClientAuth,
  type TokenAnswer,
  type TokenEndpointEvidence,
  type TokenGrant,
} from '../checks/token-endpoint/evidence.js';
import { TOKEN_ENDPOINT_CHECKS, TOKEN_ORDER } from '../checks/token-endpoint/index.js';
import { Secret } from '../secret/secret.js';
import { scrub } from '../secret/scrub.js';
import { registerAnswerSecrets } from './request-secrets.js';
import { redactHeaderValue, type ExchangeJson } from './exchanges.js';
import { meantValue } from '../evidence/key-evidence.js';
import { lintKey, summarize } from './lint-key.js';
import { orderFindings, type Verdict } from './verdict.js';
import { sendAndJudge } from './send-and-judge.js';
import { diagnosisFinding } from './make-diagnosis.js';
import type { Diagnosis } from '../diagnosis.js';
import { detectProvider } from '../providers/detect.js';

export type { ClientAuth, TokenGrant };

/** `why401/diagnosis@1` of a token request (or of the pair, with `then`). */
export type TokenDiagnosis = Diagnosis;

export interface TokenRequestInput {
  /** The token endpoint; or `issuer`, whose discovery names it. */
  readonly tokenUrl?: string | undefined;
  /** The issuer: its `/.well-known/openid-configuration` (or RFC 8414 metadata) is read. */
  readonly issuer?: string | undefined;
  readonly clientId: string;
  /** The client secret as the app has it (a newline or quotes included); null: none sent. */
  readonly clientSecret: Secret | null;
  readonly grant?: TokenGrant | undefined;
  readonly refreshToken?: Secret | undefined;
  readonly username?: string | undefined;
  readonly password?: Secret | undefined;
  readonly scope?: string | undefined;
  readonly audience?: string | undefined;
  readonly resources?: readonly string[] | undefined;
  /** How the app sends the client's credentials (default `basic`: client_secret_basic). */
  readonly auth?: ClientAuth | undefined;
  /** An API to call with the token received, diagnosed with `check`'s engine. */
  readonly then?: string | undefined;
}

export interface TokenRequestOptions {
  readonly timeoutMs?: number | undefined;
  /** Probes on (default) or off. */
  readonly probe?: boolean | undefined;
  /** A proxy URL, `null` for none, undefined to read the environment. */
  readonly proxy?: string | null | undefined;
  readonly insecure?: boolean | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly onProgress?: ((line: string) => void) | undefined;
}

const STAND_IN_REFRESH = 'why401-probe-not-a-refresh-token';
const STAND_IN_USER = 'why401-probe-user';
const STAND_IN_PASSWORD = 'why401-probe-not-a-password';

/** Findings of the key checks that say something of a client secret (its characters, a stand-in). */
const SECRET_LINT: ReadonlySet<FindingId> = new Set([
  'key.missing',
  'key.newline',
  'key.whitespace',
  'key.invisible',
  'key.non-ascii',
  'key.quoted',
  'key.placeholder',
  'key.unexpanded',
  'key.masked',
  'key.scheme-included',
]);

/** Of those, what a cleaned copy no longer has (the `cleaned` probe confirms them). */
const CLEANABLE: ReadonlySet<FindingId> = new Set([
  'key.newline',
  'key.whitespace',
  'key.invisible',
  'key.quoted',
  'key.scheme-included',
]);

interface Sent {
  readonly label: string;
  readonly request: WireRequest;
  readonly result: SendResult;
}

interface Discovered {
  /** The metadata document's address. */
  readonly url: string;
  /** Its `issuer`, when a string (at most 300 characters). */
  readonly issuer?: string | undefined;
  readonly tokenEndpoint?: string | undefined;
  readonly authMethods?: readonly string[] | undefined;
}

/** The form body and headers of one token request. */
export function buildTokenRequest(
  url: URL,
  parts: {
    readonly auth: ClientAuth;
    readonly clientId: string;
    readonly secret: string | null;
    readonly grant: TokenGrant;
    readonly refreshToken?: string | undefined;
    readonly username?: string | undefined;
    readonly password?: string | undefined;
    readonly scope?: string | undefined;
    readonly audience?: string | undefined;
    readonly resources?: readonly string[] | undefined;
  },
): WireRequest {
  const body = new URLSearchParams({ grant_type: parts.grant });
  if (parts.grant === 'refresh_token') body.set('refresh_token', parts.refreshToken ?? '');
  if (parts.grant === 'password') {
    body.set('username', parts.username ?? '');
    body.set('password', parts.password ?? '');
  }
  if (parts.scope !== undefined) body.set('scope', parts.scope);
  if (parts.audience !== undefined) body.set('audience', parts.audience);
  for (const r of parts.resources ?? []) body.append('resource', r);
  const headers: [string, string][] = [
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ['Accept', 'application/json'],
  ];
  if (parts.auth === 'basic' && parts.secret !== null) {
    // RFC 6749 §2.3.1: each part form-urlencoded, then joined and base64-encoded.
    const pair = `${encodeURIComponent(parts.clientId)}:${encodeURIComponent(parts.secret)}`;
    headers.push(['Authorization', `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`]);
  } else {
    body.set('client_id', parts.clientId);
    if (parts.secret !== null) body.set('client_secret', parts.secret);
  }
  return { method: 'POST', url, headers, body: body.toString() };
}

function exchangeOf(s: Sent): ExchangeJson {
  const headers: Record<string, string> = {};
  for (const [name, value] of s.request.headers)
    headers[name] =
      name.toLowerCase() === 'authorization' ? redactHeaderValue(value) : scrub(value);
  const r = s.result.ok ? s.result.response : undefined;
  return {
    label: s.label,
    request: { method: s.request.method, url: scrub(s.request.url.href), headers },
    response: r
      ? {
          status: r.status,
          headers: Object.fromEntries(
            Object.entries(r.headers).map(([k, v]) => [
              k,
              k === 'set-cookie' ? '[redacted]' : scrub(v),
            ]),
          ),
          body: scrub(r.body.length > 4096 ? `${r.body.slice(0, 4096)}…` : r.body),
          layer: null,
        }
      : null,
    error: s.result.ok ? null : scrub(`${s.result.error.code}: ${s.result.error.message}`),
    elapsedMs: s.result.elapsedMs,
    ...(s.result.resent ? { resent: s.result.resent } : {}),
  };
}

function urlOption(flag: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`${flag} takes an absolute http(s) URL, got "${value.slice(0, 60)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError(`${flag} takes an http(s) URL, got ${url.protocol}`);
  return url;
}

/** The answer's tokens become Secrets (scrubbed everywhere); the access token is returned. */
function takeTokens(result: SendResult): Secret | undefined {
  if (!result.ok) return undefined;
  registerAnswerSecrets(result.response.headers, result.response.body);
  let access: Secret | undefined;
  try {
    const parsed = JSON.parse(result.response.body) as Record<string, unknown>;
    for (const name of ['access_token', 'refresh_token', 'id_token']) {
      const v = parsed[name];
      if (typeof v === 'string' && v !== '') {
        const s = new Secret(v, `token endpoint (${name})`);
        if (name === 'access_token') access = s;
      }
    }
  } catch {
    // Not JSON: registerAnswerSecrets covered a form-encoded answer.
  }
  return access;
}

/** Diagnoses a token request: see the module comment. */
export async function diagnoseTokenRequest(
  input: TokenRequestInput,
  options: TokenRequestOptions = {},
): Promise<TokenDiagnosis> {
  const grant = input.grant ?? 'client_credentials';
  const auth = input.auth ?? 'basic';
  if (input.tokenUrl === undefined && input.issuer === undefined)
    throw usageError('give the token endpoint: --token-url URL, or --issuer URL (discovery)');
  if (grant === 'refresh_token' && input.refreshToken === undefined)
    throw usageError('the refresh_token grant needs the refresh token: --refresh-token-env NAME');
  if (grant === 'password' && (input.password === undefined || input.username === undefined))
    throw usageError('the password grant needs --username and --password-env NAME');
  const issuer = input.issuer !== undefined ? urlOption('--issuer', input.issuer) : undefined;
  const given = input.tokenUrl !== undefined ? urlOption('--token-url', input.tokenUrl) : undefined;
  if (input.then !== undefined) urlOption('--then', input.then);

  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  const agents = new AgentPool();
  const env = options.env ?? process.env;
  const proxyFor = (u: URL): URL | undefined =>
    options.proxy === null
      ? undefined
      : options.proxy !== undefined
        ? urlOption('--proxy', options.proxy)
        : proxyFromEnv(u, env)?.url;
  const sendOne = (request: WireRequest): Promise<SendResult> =>
    send(request, {
      timeoutMs: Math.max(1, deadline - Date.now()),
      proxy: proxyFor(request.url),
      insecure: options.insecure === true,
      agents,
    });
  const sent: Sent[] = [];

  try {
    // Discovery: GETs without any credential, to the issuer's origin only.
    let discovered: Discovered | undefined;
    if (issuer !== undefined) {
      const { found, fetched } = await discoverTokenEndpoint(issuer, {
        proxyFor,
        insecure: options.insecure === true,
        deadline,
        agents,
        onFetch: (url) => options.onProgress?.(`discovery: GET ${scrub(url.href)}`),
      });
      discovered = found;
      sent.push(...fetched);
    }
    let tokenUrl = given;
    if (tokenUrl === undefined) {
      const found = discovered?.tokenEndpoint;
      const last = sent.at(-1);
      if (found === undefined && last !== undefined && !last.result.ok)
        // No answer from the issuer: unreachable, like any request without an answer.
        return {
          schema: 'why401/diagnosis@1',
          target: { url: scrub(last.request.url.href), method: 'GET', provider: null },
          credential: input.clientSecret !== null ? summarize(input.clientSecret) : null,
          verdict: verdictOf(last.result, undefined, [], last.request.url),
          findings: [diagnosisFinding(unreachable(last.result, last.request.url))],
          exchanges: sent.map(exchangeOf),
        };
      if (found === undefined) {
        const seen = sent
          .map(
            (x) =>
              `GET ${x.request.url.pathname} → ${x.result.ok ? x.result.response.status : 'no answer'}`,
          )
          .join(', ');
        throw usageError(
          `no token endpoint found for the issuer ${scrub(issuer?.href ?? '')} (${seen}): check --issuer (the exact issuer, e.g. https://host/realms/NAME for Keycloak, https://login.microsoftonline.com/TENANT/v2.0 for Azure) or give --token-url URL`,
        );
      }
      const url = urlOption('token_endpoint', found);
      if (url.origin !== issuer?.origin)
        throw usageError(
          `the issuer's metadata names a token endpoint on another origin (${url.origin}); why401 sends the client secret only to the origin you name: give it with --token-url ${url.origin}${url.pathname}`,
        );
      tokenUrl = url;
    }

    const secret = input.clientSecret;
    const raw = secret?.reveal() ?? null;
    const parts = {
      clientId: input.clientId,
      grant,
      refreshToken: input.refreshToken?.reveal(),
      username: input.username,
      password: input.password?.reveal(),
      scope: input.scope,
      audience: input.audience,
      resources: input.resources,
    };
    const main = buildTokenRequest(tokenUrl, { ...parts, auth, secret: raw });
    options.onProgress?.(`POST ${scrub(tokenUrl.href)} (${AUTH_METHOD_NAME[auth]})`);
    const result = await sendOne(main);
    sent.push({ label: 'request', request: main, result });
    const access = takeTokens(result);
    const answer: TokenAnswer | undefined = result.ok
      ? readTokenAnswer(
          result.response.status,
          result.response.headers,
          result.response.body,
          result.response.all['www-authenticate'] ?? [],
        )
      : undefined;

    // The client secret, linted like any key.
    const lint = secret !== null ? lintKey(secret) : undefined;
    let keyFindings = (lint?.findings ?? []).filter((f) => SECRET_LINT.has(f.id));
    const cleanedValue = raw !== null ? meantValue(raw) : null;

    const probes: { otherAuth?: TokenAnswer; cleaned?: TokenAnswer } = {};
    // Probes only when the client did not get past client authentication (and not a 5xx).
    const clientRefused = answer !== undefined && answer.status < 500 && !authenticated(answer);
    if (options.probe !== false && clientRefused && secret !== null) {
      const standIn = {
        ...parts,
        ...(grant === 'refresh_token' ? { refreshToken: STAND_IN_REFRESH } : {}),
        ...(grant === 'password' ? { username: STAND_IN_USER, password: STAND_IN_PASSWORD } : {}),
      };
      const wanted = otherAuth(auth);
      const planned: { label: string; request: WireRequest; key: 'otherAuth' | 'cleaned' }[] = [
        {
          label: `probe: ${AUTH_METHOD_NAME[wanted]}`,
          request: buildTokenRequest(tokenUrl, { ...standIn, auth: wanted, secret: raw }),
          key: 'otherAuth',
        },
      ];
      const dirty = keyFindings.some((f) => CLEANABLE.has(f.id));
      if (dirty && cleanedValue !== null && cleanedValue !== raw && cleanedValue !== '') {
        secret.derive(cleanedValue, 'cleaned');
        planned.push({
          label: 'probe: secret cleaned',
          request: buildTokenRequest(tokenUrl, { ...standIn, auth, secret: cleanedValue }),
          key: 'cleaned',
        });
      }
      options.onProgress?.(`probing: ${planned.map((p) => p.label).join(', ')}`);
      // In parallel; listed in the order planned.
      const results = await Promise.all(planned.map((p) => sendOne(p.request)));
      planned.forEach((p, n) => {
        const r = results[n] as SendResult;
        takeTokens(r);
        sent.push({ label: p.label, request: p.request, result: r });
        if (r.ok)
          probes[p.key] = readTokenAnswer(
            r.response.status,
            r.response.headers,
            r.response.body,
            r.response.all['www-authenticate'] ?? [],
          );
      });
    }

    const evidence: TokenEndpointEvidence = {
      auth,
      grant,
      secret:
        raw === null || raw.trim() === ''
          ? 'missing'
          : isGuid(cleanedValue ?? '')
            ? 'guid'
            : 'value',
      requested: {
        scope: input.scope,
        audience: input.audience,
        resources: input.resources ?? [],
      },
      secretIsClientId: cleanedValue !== null && cleanedValue === input.clientId,
      answer,
      supportedMethods: discovered?.authMethods,
      probes,
    };
    const cleanedWorked = authenticated(probes.cleaned);
    if (cleanedWorked)
      keyFindings = keyFindings.map((f) =>
        CLEANABLE.has(f.id)
          ? {
              ...f,
              severity: 'error' as const,
              confidence: 'confirmed' as const,
              evidence: [
                ...f.evidence,
                `the same request with the secret cleaned: ${probes.cleaned?.status ?? ''}${probes.cleaned?.issued === true ? ', a token was issued' : ` ${probes.cleaned?.error ?? ''}: the client authenticated`}`,
              ],
            }
          : f,
      );
    // A token issued: the secret's characters did not stop it; they are warnings at most.
    if (answer?.issued === true)
      keyFindings = keyFindings.map((f) =>
        f.severity === 'error' ? { ...f, severity: 'warning' as const } : f,
      );
    const issuerNote =
      input.issuer !== undefined ? issuerMismatch(input.issuer, discovered) : undefined;
    const tokenFindings = [
      ...runChecks(TOKEN_ENDPOINT_CHECKS, evidence).map(renderFinding),
      ...(issuerNote ? [{ ...renderFinding(issuerNote), severity: 'warning' as const }] : []),
    ];
    const findings = orderFindings(
      [...keyFindings, ...tokenFindings].sort((a, b) => rank(a.id) - rank(b.id)),
    );
    const provider = detectProvider({ url: tokenUrl.href }).provider?.id ?? null;
    const tokenSide: TokenDiagnosis = {
      schema: 'why401/diagnosis@1',
      target: { url: scrub(tokenUrl.href), method: 'POST', provider },
      credential: secret !== null ? summarize(secret) : null,
      verdict: ((v) => ({ ...v, summary: scrub(v.summary) }))(
        verdictOf(result, answer, findings, tokenUrl),
      ),
      findings: (result.ok ? findings : [unreachable(result, tokenUrl), ...findings]).map(
        diagnosisFinding,
      ),
      exchanges: sent.map(exchangeOf),
    };

    if (input.then === undefined || access === undefined) return tokenSide;
    // The pair: the token on the API, diagnosed by check's engine.
    options.onProgress?.(`then: GET ${scrub(input.then)} with the token received`);
    const { diagnosis: api } = await sendAndJudge(
      { url: input.then, headers: [['Authorization', `Bearer ${access.reveal()}`]], key: null },
      {
        timeoutMs: Math.max(1000, deadline - Date.now()),
        proxy: options.proxy,
        insecure: options.insecure,
        ...(options.env !== undefined ? { env: options.env } : {}),
        ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
      },
    );
    const tokenNotes = tokenSide.findings.filter((f) => f.severity !== 'info');
    return {
      schema: api.schema,
      target: api.target,
      credential: api.credential,
      verdict: api.verdict,
      findings: [...api.findings, ...tokenNotes],
      exchanges: [
        ...tokenSide.exchanges.map((x) =>
          x.label === 'request' ? { ...x, label: 'token request' } : x,
        ),
        ...api.exchanges.map((x) => ({
          ...x,
          label: x.label === 'request' ? 'then: request' : `then: ${x.label}`,
        })),
      ],
    };
  } finally {
    agents.destroy();
  }
}

/**
 * `--issuer X` and the metadata's `issuer` are not the same string: the issuer answers, but the
 * tokens it issues carry its own `issuer` as `iss`, and an API configured with X (as the app is)
 * refuses them. A warning: the token endpoint itself is not refused for it.
 */
function issuerMismatch(given: string, discovered: Discovered | undefined): RawFinding | undefined {
  const published = discovered?.issuer;
  if (published === undefined || published === given) return undefined;
  const how = issuerDifference(given, published);
  return {
    id: 'token.wrong-issuer',
    confidence: 'definitive',
    evidence: [
      `--issuer "${given}"; the issuer's metadata (${discovered?.url ?? 'discovery'}) says issuer "${published}"${how ? `: they differ by ${how}` : ''}`,
      `the tokens it issues carry iss "${published}": an API configured with "${given}" refuses them`,
    ],
    data: { iss: published, expected: given },
  };
}

function rank(id: FindingId): number {
  const i = TOKEN_ORDER.indexOf(id);
  return i < 0 ? TOKEN_ORDER.length : i;
}

function unreachable(result: SendResult, url: URL): Finding {
  const error = result.ok ? undefined : result.error;
  return renderFinding({
    id: error?.kind === 'tls' ? 'net.tls-error' : 'net.unreachable',
    confidence: 'definitive',
    evidence: [`${error?.code ?? ''}: ${error?.message ?? ''}`],
    data: { host: url.host, code: error?.code, stage: error?.stage },
  });
}

function verdictOf(
  result: SendResult,
  answer: TokenAnswer | undefined,
  findings: readonly Finding[],
  url: URL,
): Verdict {
  if (!result.ok)
    return {
      status: 'unreachable',
      cause: result.error.kind === 'tls' ? 'net.tls-error' : 'net.unreachable',
      summary: `No HTTP answer from ${url.host}: ${result.error.message}.`,
    };
  const warn = findings.filter((f) => f.severity === 'warning').length;
  if (answer?.issued === true)
    return {
      status: 'accepted',
      cause: null,
      summary: `Token issued (${answer.status}): the client credentials work${warn ? `, with ${warn} warning${warn === 1 ? '' : 's'}` : ''}.`,
    };
  const top = findings.find((f) => f.severity === 'error');
  const status = answer?.status ?? 0;
  if (status >= 500 || top === undefined)
    return {
      status: 'inconclusive',
      cause: top?.id ?? null,
      summary: `Inconclusive: the token endpoint answered ${status}${answer?.error !== undefined ? ` ${answer.error}` : ''} and no known cause fits: see the exchanges.`,
    };
  return {
    status: 'rejected',
    cause: top.id,
    summary: `Refused (${status}${answer?.error !== undefined ? ` ${answer.error}` : ''}): ${top.title}.`,
  };
}

/**
 * The issuer's metadata (OpenID Connect Discovery, then RFC 8414) through collect/'s discovery:
 * no credential, the issuer's origin only, no redirects followed, its deadline and size caps.
 */
async function discoverTokenEndpoint(
  issuer: URL,
  t: DiscoveryTransport,
): Promise<{ found: Discovered | undefined; fetched: readonly Sent[] }> {
  const { issuer: metadata, fetched } = await discoverIssuer(issuer.href, t);
  if (metadata.url === undefined) return { found: undefined, fetched };
  const found: Discovered = {
    url: metadata.url,
    issuer: metadata.issuer?.slice(0, 300),
    tokenEndpoint: metadata.tokenEndpoint,
    // RFC 8414 §2: omitted means client_secret_basic.
    authMethods: metadata.tokenEndpointAuthMethods ?? ['client_secret_basic'],
  };
  return { found, fetched };
}
