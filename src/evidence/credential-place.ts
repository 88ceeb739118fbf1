import type { Placement, Provider } from '../providers/types.js';
import { encodeComponent } from '../parse/uri.js';

/** Where the credential of a request sits, as found or as put there. */
export type Spot =
  | {
      readonly in: 'header';
      readonly name: string;
      readonly scheme: string | null;
      /**
       * With scheme Basic and a key placed by why401: the user of the pair (`api` for Mailgun, the
       * Account SID for Twilio, `''` for `:key`). Undefined: the key is the user (`key:`).
       */
      readonly basicUser?: string;
    }
  | { readonly in: 'query'; readonly name: string }
  /** In the URL path: the first segment that starts with `prefix` (Telegram's `bot<token>`). */
  | { readonly in: 'path'; readonly prefix: string }
  /** A field of the request body (JSON, else form-encoded): Docker Hub's `secret`. */
  | { readonly in: 'body'; readonly name: string };

/** Header names that carry credentials across APIs and gateways (lower case). */
export const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'apikey',
  'x-goog-api-key',
  'private-token',
  'x-auth-token',
  'x-access-token',
  'x-api-token',
  'ocp-apim-subscription-key',
  'xi-api-key',
  'dd-api-key',
  'dd-application-key',
  'x-postmark-server-token',
  'x-postmark-account-token',
  'x-shopify-access-token',
  'x-algolia-api-key',
  'x-figma-token',
  'x-token',
  'token',
  'api-token',
  'x-litellm-api-key',
]);

export const CREDENTIAL_QUERY = [
  'key',
  'api_key',
  'apikey',
  'api-key',
  'access_token',
  'token',
  'auth',
  'apiKey',
];

/** Near-misses and underscore spellings of credential headers: sent, but read by no one. */
export function looksLikeCredentialHeader(name: string): boolean {
  const n = name.toLowerCase();
  if (CREDENTIAL_HEADERS.has(n) || CREDENTIAL_HEADERS.has(n.replace(/_/g, '-'))) return true;
  // who the caller is, beside the key (Cloudflare's X-Auth-Email, X-Auth-User, X-Auth-Account-Id)
  if (/[-_](email|user(name)?|account([-_]id)?|id|type)$/.test(n)) return false;
  return (
    editDistance(n, 'authorization') <= 2 ||
    /(^|[-_])(api[-_]?key|token|secret|auth)([-_]|$)/.test(n)
  );
}

/** Levenshtein distance, bounded inputs only (header names). */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9._-]*)(?: +|$)(.*)$/s;
const KNOWN_SCHEMES = new Set([
  'bearer',
  'token',
  'basic',
  'bot',
  'apikey',
  'api-key',
  'key',
  'jwt',
  'digest',
  'sso-key',
  'dpop',
]);

/** `Bearer abc` → scheme Bearer, token abc. A raw key (no known scheme word) has none. */
export function splitScheme(value: string): { scheme: string | null; token: string } {
  const m = SCHEME.exec(value.replace(/^\s+/, ''));
  if (m && KNOWN_SCHEMES.has((m[1] ?? '').toLowerCase()) && m[2] !== undefined) {
    return { scheme: m[1] ?? null, token: m[2] };
  }
  const tokenEq = /^Token token=(.*)$/s.exec(value);
  if (tokenEq) return { scheme: 'Token token=', token: tokenEq[1] ?? '' };
  return { scheme: null, token: value };
}

/** `<key>`, `<token>`, `<PAT>`…: the names a template gives the credential itself. */
export const KEY_PLACEHOLDER =
  /^(?:key|token|api[-_ ]?key|api[-_ ]?token|access[-_ ]?token|auth[-_ ]?token|pat|secret)$/i;

/**
 * The spot a provider placement puts a key in. `params` names the user of a `user:key` Basic
 * pair (`user`, or the placement's own name for it: Twilio's `AccountSID`); without one, the key
 * is the user (`key:`).
 */
export function spotFor(p: Placement, params?: Readonly<Record<string, string>>): Spot | undefined {
  switch (p.in) {
    case 'header':
      return { in: 'header', name: p.name, scheme: p.scheme };
    case 'query':
      return { in: 'query', name: p.name };
    case 'basic': {
      const user = basicUserOf(p, params);
      return {
        in: 'header',
        name: 'Authorization',
        scheme: 'Basic',
        ...(user !== undefined ? { basicUser: user } : {}),
      };
    }
    case 'path': {
      // `/bot<token>/<method>`: the key follows a literal prefix inside one segment.
      const m = /(?:^|\/)([^/<>]+)<([^<>]+)>/.exec(p.template);
      return m?.[1] && KEY_PLACEHOLDER.test(m[2] ?? '') ? { in: 'path', prefix: m[1] } : undefined;
    }
    default:
      return undefined; // signatures: not a spot a key can be moved to
  }
}

/**
 * Where a provider's validation request itself carries the key, when not in the provider's usual
 * spot: a query parameter (`tokeninfo?access_token=<token>`, Mapbox, Firebase), the path
 * (Telegram's `/bot<token>/getMe`), a body field (Docker Hub's `"secret":"<PAT>"`). Undefined:
 * the key goes where the provider's auth says.
 */
export function validationSpot(p: Provider): Spot | undefined {
  const { url, body } = p.validate;
  const q = url.indexOf('?');
  if (q >= 0) {
    for (const pair of url.slice(q + 1).split('&')) {
      const m = /^([^=]+)=<([^<>]+)>$/.exec(pair);
      if (m?.[1] && KEY_PLACEHOLDER.test(m[2] ?? '')) return { in: 'query', name: m[1] };
    }
  }
  if (p.auth.in === 'path') {
    const spot = spotFor(p.auth);
    if (spot?.in === 'path' && url.includes(`/${spot.prefix}<`)) return spot;
  }
  if (body !== undefined && /^\s*\{/.test(body)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object') {
        for (const [name, value] of Object.entries(parsed)) {
          const m = typeof value === 'string' ? /^<([^<>]+)>$/.exec(value) : null;
          if (m && KEY_PLACEHOLDER.test(m[1] ?? '')) return { in: 'body', name };
        }
      }
    } catch {
      // not JSON: no field to name
    }
  }
  return undefined;
}

/** The user of a Basic pair: fixed (`api`, empty), or a value the user gives; undefined: the key. */
export function basicUserOf(
  p: Extract<Placement, { in: 'basic' }>,
  params?: Readonly<Record<string, string>>,
): string | undefined {
  switch (p.pair) {
    case 'api:key':
      return 'api';
    case ':key':
      return '';
    case 'key:':
      return undefined;
    case 'user:key':
      return params?.['user'] ?? (p.user !== undefined ? params?.[p.user] : undefined);
  }
}

export function headerValue(spot: Extract<Spot, { in: 'header' }>, key: string): string {
  if (spot.scheme === null) return key;
  if (spot.scheme.toLowerCase() === 'basic') {
    const pair = spot.basicUser === undefined ? `${key}:` : `${spot.basicUser}:${key}`;
    return `Basic ${Buffer.from(pair, 'latin1').toString('base64')}`;
  }
  return spot.scheme.endsWith('=') ? `${spot.scheme}${key}` : `${spot.scheme} ${key}`;
}

/** A key as one path segment: percent-encoded, but for `:` and `@` (Telegram's `123:AA…`). */
export function encodePathSegment(value: string): string {
  return encodeComponent(value).replace(/%3A/gi, ':').replace(/%40/g, '@');
}

/** The index (in `pathname.split('/')`) of the segment a path spot names, or -1. */
export function pathSegmentIndex(segments: readonly string[], prefix: string): number {
  return segments.findIndex((s, i) => i > 0 && s.startsWith(prefix));
}

export function describeSpot(spot: Spot): string {
  switch (spot.in) {
    case 'query':
      return `?${spot.name}=…`;
    case 'path':
      return `URL path /${spot.prefix}…/`;
    case 'body':
      return `body field ${spot.name}`;
    case 'header':
      return `${spot.name}: ${spot.scheme ? `${spot.scheme} ` : ''}…`;
  }
}

/** A short name of where a spot is: the header's name, `?name=`, the path, the body field. */
export function spotName(spot: Spot): string {
  return spot.in === 'header' ? spot.name : describeSpot(spot).replace(/…$/, '');
}

export function sameSpot(a: Spot, b: Spot): boolean {
  if (a.in === 'path' || b.in === 'path')
    return a.in === 'path' && b.in === 'path' && a.prefix === b.prefix;
  if (a.in !== b.in || a.name.toLowerCase() !== b.name.toLowerCase()) return false;
  if (a.in !== 'header' || b.in !== 'header') return true;
  return (a.scheme ?? '').toLowerCase() === (b.scheme ?? '').toLowerCase();
}

/**
 * The provider's alternative placements that take this key: one documented for OAuth tokens
 * (Linear's and Anthropic's Bearer) or for other kinds of key (`forKinds`: Atlassian's admin
 * keys) does not take an API key of another kind. `keyKinds` are the kinds the key's shape has
 * at this provider; none known, every alternative counts.
 */
export function alternativesFor(provider: Provider, keyKinds: readonly string[]): Placement[] {
  if (keyKinds.length === 0) return [...provider.alternatives];
  const oauthKey = keyKinds.some((k) => k === 'oauth' || k === 'jwt');
  return provider.alternatives.filter((a) =>
    a.forKinds
      ? a.forKinds.some((k) => keyKinds.includes(k))
      : oauthKey || !/\boauth\b/i.test(a.note ?? ''),
  );
}
