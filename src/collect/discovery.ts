/**
 * Public OAuth metadata about a token, fetched without it (cli.md "OAuth 2 / OpenID Connect"):
 * the issuer's OIDC discovery document (then RFC 8414's), its `jwks_uri`, and the API's RFC 9728
 * protected resource metadata named by its `WWW-Authenticate`. Every request is a GET with no
 * credential (this module never sees the token: only its `iss`), to the `iss` origin or the API's
 * origin only; a `jwks_uri` or `resource_metadata` on another origin is not fetched, and said so.
 * Bounded: a short deadline, body caps, no redirects followed, at most MAX_KEYS keys kept.
 */
import { send, type AgentPool, type SendResult, type WireRequest } from './http.js';
import {
  MAX_KEYS,
  type IssuerMetadata,
  type PublishedKey,
  type ResourceMetadata,
  type TokenEvidence,
} from '../evidence/token.js';

export interface DiscoveryInput {
  /** The token's `iss` claim (the token itself is never given here). */
  readonly iss?: string | undefined;
  /** The `resource_metadata` of the API's `WWW-Authenticate` (RFC 9728). */
  readonly resourceMetadata?: string | undefined;
  /** The origin the user named: the only one a resource_metadata URL may be on. */
  readonly apiOrigin: string;
}

export interface DiscoveryTransport {
  readonly proxyFor: (url: URL) => URL | undefined;
  readonly insecure: boolean;
  /** ms since the epoch; discovery stops earlier on its own (DISCOVERY_MS). */
  readonly deadline: number;
  readonly agents?: AgentPool | undefined;
  readonly userAgent?: string | undefined;
  /** Told of each GET before it goes out (progress lines). */
  readonly onFetch?: ((url: URL) => void) | undefined;
}

/** One GET that went out (listed in `exchanges` with its `discovery: …` label). */
export interface Fetched {
  readonly label: string;
  readonly request: WireRequest;
  readonly result: SendResult;
  readonly viaProxy: boolean;
}

const DISCOVERY_MS = 5_000;
const METADATA_BYTES = 64 * 1024;
const JWKS_BYTES = 512 * 1024;
const KEY_MEMBERS = ['kty', 'kid', 'alg', 'use', 'crv', 'n', 'e', 'x', 'y'] as const;

/** Fetches what there is to fetch; never throws. */
export async function discover(
  input: DiscoveryInput,
  t: DiscoveryTransport,
): Promise<{ evidence: TokenEvidence; fetched: Fetched[] }> {
  const { get, fetched, notes } = getter(t);
  const [issuer, resource] = await Promise.all([
    input.iss !== undefined ? issuerMetadata(input.iss, get, notes, { keys: true }) : undefined,
    input.resourceMetadata !== undefined
      ? resourceMetadata(input.resourceMetadata, input.apiOrigin, get, notes)
      : undefined,
  ]);
  if (issuer !== undefined && issuer.url === undefined) {
    const tried = fetched
      .filter((f) => /^discovery: (openid-configuration|oauth-authorization-server)$/.test(f.label))
      .map(
        (f) =>
          `${f.label.slice('discovery: '.length)} ${f.result.ok ? f.result.response.status : 'no answer'}`,
      );
    if (tried.length > 0)
      notes.push(`no discovery document for iss ${input.iss?.slice(0, 200)}: ${tried.join(', ')}`);
  }
  return { evidence: { issuer, resource, notes }, fetched };
}

/**
 * The issuer's metadata document alone (no JWKS), with the same bounds: what `why401 token`
 * reads to find the token endpoint. Never throws.
 */
export async function discoverIssuer(
  iss: string,
  t: DiscoveryTransport,
): Promise<{ issuer: IssuerMetadata; fetched: Fetched[]; notes: string[] }> {
  const { get, fetched, notes } = getter(t);
  const issuer = await issuerMetadata(iss, get, notes, { keys: false });
  return { issuer, fetched, notes };
}

type Get = (label: string, url: URL, maxBodyBytes: number) => Promise<unknown>;

/** What `get` returns when the origin did not answer at all: its other paths are not tried. */
const NO_ANSWER = Symbol('no answer');

/**
 * One bounded GET per call (no credential, no redirect followed, no resend), each recorded in
 * `fetched`; what could not be read is said in `notes`. Returns a 200's parsed JSON, NO_ANSWER
 * when nothing answered, else undefined.
 */
function getter(t: DiscoveryTransport): {
  get: Get;
  fetched: Fetched[];
  notes: string[];
} {
  const deadline = Math.min(t.deadline, Date.now() + DISCOVERY_MS);
  const fetched: Fetched[] = [];
  const notes: string[] = [];
  const get: Get = async (label, url, maxBodyBytes) => {
    const request: WireRequest = {
      method: 'GET',
      url,
      headers: [
        ['Accept', 'application/json'],
        ...(t.userAgent ? [['User-Agent', t.userAgent] as const] : []),
      ],
    };
    const proxy = t.proxyFor(url);
    t.onFetch?.(url);
    const result = await send(request, {
      timeoutMs: Math.max(1, deadline - Date.now()),
      proxy,
      insecure: t.insecure,
      agents: t.agents,
      maxBodyBytes,
      mayResend: () => false,
    });
    fetched.push({ label: `discovery: ${label}`, request, result, viaProxy: proxy !== undefined });
    if (!result.ok) {
      notes.push(`${label}: no answer (${result.error.code})`);
      return NO_ANSWER;
    }
    const r = result.response;
    if (r.status >= 300 && r.status < 400) {
      notes.push(`${label}: ${r.status} redirect not followed`);
      return undefined;
    }
    if (r.status !== 200) return undefined;
    if (r.truncated) {
      notes.push(`${label}: larger than ${maxBodyBytes / 1024} KiB, not read`);
      return undefined;
    }
    try {
      return JSON.parse(r.body) as unknown;
    } catch {
      notes.push(`${label}: not JSON`);
      return undefined;
    }
  };
  return { get, fetched, notes };
}

const httpUrl = (value: string, base?: string): URL | undefined => {
  try {
    const url = base === undefined ? new URL(value) : new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
};

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.slice(0, 2048) : undefined;

const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;

/** The OIDC discovery document, else RFC 8414's, then the JWKS on the same origin. */
async function issuerMetadata(
  iss: string,
  get: Get,
  notes: string[],
  fetch: { readonly keys: boolean },
): Promise<IssuerMetadata> {
  const base = httpUrl(iss);
  if (!base || base.username !== '' || base.password !== '') {
    notes.push('iss is not an http(s) URL: no discovery');
    return { iss };
  }
  const path = base.pathname.replace(/\/+$/, '');
  const candidates: [string, URL][] = [
    ['openid-configuration', new URL(`${base.origin}${path}/.well-known/openid-configuration`)],
    [
      'oauth-authorization-server',
      new URL(`${base.origin}/.well-known/oauth-authorization-server${path}`),
    ],
  ];
  for (const [label, url] of candidates) {
    const answer = await get(label, url, METADATA_BYTES);
    // No answer from the issuer's origin: its other path is on the same origin, not tried.
    if (answer === NO_ANSWER) break;
    const doc = record(answer);
    if (!doc) continue;
    const jwksUri = str(doc['jwks_uri']);
    const methods = doc['token_endpoint_auth_methods_supported'];
    const found: IssuerMetadata = {
      iss,
      url: url.href,
      issuer: str(doc['issuer']),
      jwksUri,
      tokenEndpoint: str(doc['token_endpoint']),
      ...(Array.isArray(methods)
        ? {
            tokenEndpointAuthMethods: methods
              .slice(0, 20)
              .map(str)
              .filter((m): m is string => m !== undefined),
          }
        : {}),
    };
    const jwksUrl = jwksUri !== undefined ? httpUrl(jwksUri) : undefined;
    if (!fetch.keys || jwksUri === undefined || !jwksUrl) return found;
    if (jwksUrl.origin !== base.origin) {
      notes.push(`jwks_uri is on another origin (${jwksUrl.origin}) than iss: not fetched`);
      return found;
    }
    const jwks = record(await get('jwks', jwksUrl, JWKS_BYTES));
    const keys = jwks?.['keys'];
    if (!Array.isArray(keys)) return found;
    const kept: PublishedKey[] = [];
    for (const k of keys.slice(0, MAX_KEYS)) {
      const key = record(k);
      if (!key) continue;
      const members: Record<string, string> = {};
      for (const m of KEY_MEMBERS) {
        const v = str(key[m]);
        if (v !== undefined) members[m] = v;
      }
      kept.push(members);
    }
    if (keys.length > MAX_KEYS) notes.push(`jwks: ${keys.length} keys, the first ${MAX_KEYS} kept`);
    return {
      ...found,
      keys: kept,
      ...(keys.length > MAX_KEYS ? { keysTotal: keys.length } : {}),
    };
  }
  return { iss };
}

async function resourceMetadata(
  named: string,
  apiOrigin: string,
  get: Get,
  notes: string[],
): Promise<ResourceMetadata> {
  const url = httpUrl(named, apiOrigin);
  if (!url) return { url: named.slice(0, 2048) };
  if (url.origin !== apiOrigin) {
    notes.push(`resource_metadata is on another origin (${url.origin}) than the API: not fetched`);
    return { url: url.href };
  }
  const doc = record(await get('oauth-protected-resource', url, METADATA_BYTES));
  if (!doc) return { url: url.href };
  const servers = doc['authorization_servers'];
  return {
    url: url.href,
    resource: str(doc['resource']),
    ...(Array.isArray(servers)
      ? {
          authorizationServers: servers
            .slice(0, 20)
            .map(str)
            .filter((s): s is string => s !== undefined),
        }
      : {}),
  };
}
