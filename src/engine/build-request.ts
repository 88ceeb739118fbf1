import type { WireRequest } from '../collect/http.js';
import { usageError } from '../errors.js';
import type { Provider } from '../providers/types.js';
import { registerSecretValue } from '../secret/scrub.js';
import { Secret } from '../secret/secret.js';
import { VERSION } from '../cli/help.js';
import {
  CREDENTIAL_HEADERS,
  CREDENTIAL_QUERY,
  headerValue,
  isCredentialHeader,
  looksLikeCredentialHeader,
  spotFor,
  splitScheme,
  type Spot,
} from './credential-place.js';
import { meantValue } from './key-evidence.js';
import type { SentCredential } from '../checks/request/evidence.js';

export const WHY401_UA = `why401/${VERSION} (+https://github.com/why401/why401)`;

export interface RequestInput {
  readonly url?: string | undefined;
  readonly method?: string | undefined;
  /** Headers exactly as the app sends them, credential headers included. */
  readonly headers?: readonly (readonly [string, string])[] | undefined;
  readonly body?: string | undefined;
  /** The credential from --key-env/--key-file/--key-stdin/--key. */
  readonly key?: Secret | null | undefined;
  readonly baseUrl?: string | undefined;
}

/** The URL to call: the given one, or the provider's validation request (on --base-url's origin). */
export function resolveUrl(input: RequestInput, provider: Provider | null): URL {
  const base = input.baseUrl === undefined ? undefined : parseUrl(input.baseUrl, '--base-url');
  if (input.url !== undefined) {
    if (base && input.url.startsWith('/')) return joinPath(base, input.url);
    return parseUrl(input.url, 'the URL');
  }
  if (!provider)
    throw usageError('no URL given: pass a URL, or --provider ID to use its validation request');
  const validate = provider.validate.url;
  if (base) {
    const path = validate.replace(/^https?:\/\/[^/]+/, '');
    return joinPath(base, path);
  }
  if (/<[^>]+>/.test(validate)) {
    throw usageError(
      `${provider.name}'s validation request needs your own host (${validate}): pass the URL, or --base-url https://…`,
    );
  }
  return parseUrl(validate, 'the validation URL');
}

function joinPath(base: URL, path: string): URL {
  const prefix = base.pathname.replace(/\/$/, '');
  const full = prefix && !path.startsWith(`${prefix}/`) ? `${prefix}${path}` : path;
  // Appended to the origin, never resolved against it: resolved, `//host/x` and `/\host/x`
  // name another host, and the key would go there.
  return parseUrl(`${base.origin}${full}`, 'the URL');
}

export function parseUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    throw usageError(`${what} is not a valid URL: ${value.slice(0, 80)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`${what} must be http:// or https://, not ${url.protocol}`);
  }
  registerUrlPassword(url);
  return url;
}

/** The password of `user:password@host` is a credential like any other: output never shows it. */
export function registerUrlPassword(url: URL): void {
  if (!url.password) return;
  registerSecretValue(url.password);
  try {
    registerSecretValue(decodeURIComponent(url.password));
  } catch {
    // not valid percent-encoding: the raw form is registered
  }
}

export interface BuiltRequest {
  readonly request: WireRequest;
  readonly credential: SentCredential | null;
  readonly asSent: boolean;
}

/** Finds the credential in the request as sent, or places the key where the provider expects it. */
export function buildRequest(
  input: RequestInput,
  url: URL,
  provider: Provider | null,
): BuiltRequest {
  const method = (input.method ?? (input.body !== undefined ? 'POST' : 'GET')).toUpperCase();
  const headers: [string, string][] = (input.headers ?? []).map(([n, v]) => [n, v]);
  const asSent = headers.length > 0;
  let credential = findCredential(headers, url, provider);
  if (!credential && input.key) {
    const spot = (provider && spotFor(provider.auth)) ?? {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    };
    place(headers, url, spot, input.key.reveal());
    credential = {
      secret: input.key,
      spot,
      meant: meantValue(input.key.reveal()),
      placedByUs: true,
      others: [],
    };
    for (const h of provider?.headers ?? []) {
      if (h.required && !has(headers, h.name) && !/content-type/i.test(h.name))
        headers.push([h.name, h.value]);
    }
    for (const q of provider?.queryParams ?? []) {
      if (q.required && !url.searchParams.has(q.name)) url.searchParams.set(q.name, q.value);
    }
  }
  if (input.body !== undefined && !has(headers, 'content-type')) {
    headers.push([
      'Content-Type',
      /^\s*[[{]/.test(input.body) ? 'application/json' : 'application/x-www-form-urlencoded',
    ]);
  }
  if (!has(headers, 'user-agent')) headers.push(['User-Agent', WHY401_UA]);
  for (const [name, value] of headers) if (isCredentialHeader(name)) registerHeaderSecret(value);
  return { request: { method, url, headers, body: input.body }, credential, asSent };
}

/**
 * Every credential header's value is a secret to the output, not only the one diagnosed: a
 * second key header, a cookie, the user:password inside a Basic value (servers echo any of them).
 */
function registerHeaderSecret(value: string): void {
  const { scheme, token } = splitScheme(value);
  registerSecretValue(value);
  registerSecretValue(token);
  if (scheme?.toLowerCase() !== 'basic') return;
  const pair = Buffer.from(token.trim(), 'base64').toString('utf8');
  registerSecretValue(pair);
  registerSecretValue(pair.slice(pair.indexOf(':') + 1));
}

function has(headers: readonly (readonly [string, string])[], name: string): boolean {
  return headers.some(([n]) => n.toLowerCase() === name.toLowerCase());
}

/** Puts a key at a spot, replacing whatever credential was there. */
export function place(headers: [string, string][], url: URL, spot: Spot, key: string): void {
  if (spot.in === 'query') {
    url.searchParams.set(spot.name, key);
    return;
  }
  const i = headers.findIndex(([n]) => n.toLowerCase() === spot.name.toLowerCase());
  const value = headerValue(spot, key);
  if (i >= 0) headers[i] = [spot.name, value];
  else headers.push([spot.name, value]);
}

/**
 * The credential of a request as sent: the provider's header first, then any credential-looking
 * header, then a credential query parameter. Null when the request carries none.
 */
export function findCredential(
  headers: readonly (readonly [string, string])[],
  url: URL,
  provider: Provider | null,
): SentCredential | null {
  return findInHeaders(headers, provider) ?? findInQuery(url);
}

function findInHeaders(
  headers: readonly (readonly [string, string])[],
  provider: Provider | null,
): SentCredential | null {
  const providerHeader =
    provider?.auth.in === 'header' ? provider.auth.name.toLowerCase() : undefined;
  const candidates = headers.filter(
    ([n]) =>
      n.toLowerCase() === providerHeader ||
      CREDENTIAL_HEADERS.has(n.toLowerCase()) ||
      looksLikeCredentialHeader(n),
  );
  const first = candidates.find(([n]) => n.toLowerCase() === providerHeader) ?? candidates[0];
  if (!first) return null;
  const [name, value] = first;
  const { scheme, token } = splitScheme(value);
  const secret = new Secret(token, `header:${name}`);
  const others = candidates
    .filter((c) => c !== first)
    .map(([n, v]) => ({
      name: n,
      fingerprint: new Secret(splitScheme(v).token, `header:${n}`).fingerprint,
    }));
  return {
    secret,
    spot: { in: 'header', name, scheme },
    meant: meantValue(token),
    placedByUs: false,
    others,
  };
}

function findInQuery(url: URL): SentCredential | null {
  for (const name of CREDENTIAL_QUERY) {
    const value = url.searchParams.get(name);
    if (value !== null) {
      const secret = new Secret(value, `query:${name}`);
      return {
        secret,
        spot: { in: 'query', name },
        meant: meantValue(value),
        placedByUs: false,
        others: [],
      };
    }
  }
  return null;
}

/** The request with its credential moved, replaced or removed (null). */
export function withCredential(
  base: WireRequest,
  from: Spot | undefined,
  to: Spot | undefined,
  key: string | null,
): WireRequest {
  const url = new URL(base.url.href);
  let headers: [string, string][] = base.headers.map(([n, v]) => [n, v]);
  if (from?.in === 'query') url.searchParams.delete(from.name);
  if (from?.in === 'header')
    headers = headers.filter(([n]) => n.toLowerCase() !== from.name.toLowerCase());
  if (to && key !== null) place(headers, url, to, key);
  return { ...base, url, headers };
}
