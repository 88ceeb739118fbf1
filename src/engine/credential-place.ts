import type { Placement } from '../providers/types.js';

/** Where the credential of a request sits, as found or as put there. */
export type Spot =
  | { readonly in: 'header'; readonly name: string; readonly scheme: string | null }
  | { readonly in: 'query'; readonly name: string };

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
  return (
    editDistance(n, 'authorization') <= 2 ||
    /(^|[-_])(api[-_]?key|token|secret|auth)([-_]|$)/.test(n)
  );
}

/**
 * Every header that may carry a credential, whatever the spot of this one: what a hop to another
 * origin leaves behind (a second key header, a cookie, as browsers and curl do).
 */
export function isCredentialHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'cookie' || n === 'proxy-authorization' || looksLikeCredentialHeader(n);
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

/** The spot a provider placement puts a key in, and the header value for it. */
export function spotFor(p: Placement): Spot | undefined {
  switch (p.in) {
    case 'header':
      return { in: 'header', name: p.name, scheme: p.scheme };
    case 'query':
      return { in: 'query', name: p.name };
    case 'basic':
      return { in: 'header', name: 'Authorization', scheme: 'Basic' };
    default:
      return undefined; // URL path and signatures: not a spot a key can be moved to
  }
}

export function headerValue(
  spot: Extract<Spot, { in: 'header' }>,
  key: string,
  basicPair?: string,
): string {
  if (spot.scheme === null) return key;
  if (spot.scheme.toLowerCase() === 'basic')
    return `Basic ${Buffer.from(basicPair ?? `${key}:`, 'latin1').toString('base64')}`;
  return spot.scheme.endsWith('=') ? `${spot.scheme}${key}` : `${spot.scheme} ${key}`;
}

export function describeSpot(spot: Spot): string {
  return spot.in === 'query'
    ? `?${spot.name}=…`
    : `${spot.name}: ${spot.scheme ? `${spot.scheme} ` : ''}…`;
}

export function sameSpot(a: Spot, b: Spot): boolean {
  if (a.in !== b.in || a.name.toLowerCase() !== b.name.toLowerCase()) return false;
  if (a.in === 'query' || b.in === 'query') return true;
  return (a.scheme ?? '').toLowerCase() === (b.scheme ?? '').toLowerCase();
}
