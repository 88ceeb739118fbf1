import type { WireRequest } from '../collect/http.js';
import {
  hasSecretName,
  headerMayBeCredential,
  isHarmlessHeaderName,
  looksSecret,
  paramMayBeCredential,
  segmentMayBeCredential,
  wordsOf,
} from '../secret/harmless.js';
import { registerSecretValue } from '../secret/scrub.js';
import { splitScheme } from '../evidence/credential-place.js';

/**
 * Every part of a request that may be a credential, found by the allow-list rule of
 * secret/harmless.ts: registered with the scrubber (no output shows it), kept off other origins,
 * and taken out for the without-credential probe.
 */
type Headers = readonly (readonly [string, string])[];

interface RequestParts {
  readonly url: URL;
  readonly headers: Headers;
  readonly body?: string | undefined;
}

/** What of a value to register: all of it under a secret name, else its key-like words. */
function secretPieces(name: string, value: string): string[] {
  if (hasSecretName(name)) return [value];
  const words = wordsOf(value).filter(looksSecret);
  return words.length === 1 && words[0] === value.trim() ? [value] : words;
}

/**
 * Registers every possible credential of a request: header values (a Basic pair's halves too),
 * query parameters, path segments, the URL's userinfo, form and JSON body fields, key-like words
 * of any other body. `quietHeader` names a header whose value why401 wrote around a --key: its
 * scheme word is ours, and the key itself is registered by its Secret.
 */
export function registerRequestSecrets(req: RequestParts, quietHeader?: string): void {
  for (const [name, value] of req.headers) {
    if (!headerMayBeCredential(name, value)) continue;
    registerHeaderSecret(value, name.toLowerCase() !== quietHeader);
  }
  registerUrlSecrets(req.url);
  if (req.body !== undefined) registerBodySecrets(req.body);
}

export function registerBodySecrets(body: string): void {
  for (const piece of bodySecrets(body)) registerSecretValue(piece);
}

/** The URL's possible credentials: userinfo, query values, key-shaped path segments. */
export function registerUrlSecrets(url: URL): void {
  if (url.password) registerEncoded(url.password);
  if (url.username && (url.password === '' || looksSecret(url.username)))
    registerEncoded(url.username);
  // The fragment is never sent, but it is printed: `#access_token=…` of an OAuth implicit flow.
  const fragment = url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : undefined;
  for (const params of fragment ? [url.searchParams, fragment] : [url.searchParams])
    for (const [name, value] of params)
      if (paramMayBeCredential(name, value))
        for (const piece of secretPieces(name, value)) registerSecretValue(piece);
  // A host label can be a token too (`<uuid>.hooks.example.com`, a tunnel's random name).
  for (const label of url.hostname.split('.')) if (looksSecret(label)) registerSecretValue(label);
  registerPathSecrets(url);
}

/** Key-shaped path segments (`/bot123:AAH…/`, `/hooks/<token>`): a path has no names to go by. */
export function registerPathSecrets(url: URL): void {
  for (const segment of url.pathname.split('/')) {
    if (segment.length < 6) continue;
    const decoded = decode(segment);
    if (segmentMayBeCredential(decoded))
      for (const word of wordsOf(decoded).filter(looksSecret)) registerSecretValue(word);
  }
}

function registerEncoded(value: string): void {
  registerSecretValue(value);
  registerSecretValue(decode(value));
}

/**
 * A credential header's value is a secret to the output: as given (scheme included, unless
 * `whole` is false), its token, and the user:password inside a Basic value.
 */
function registerHeaderSecret(value: string, whole = true): void {
  const { scheme, token } = splitScheme(value);
  // With a scheme word, the token is the secret: runs across `Bearer sk-proj-` would cut the
  // redacted form (`Bearer sk-proj-…x9Qz`, the public prefix shown) out of every line.
  if (whole && scheme === null) registerSecretValue(value);
  registerSecretValue(token);
  if (scheme?.toLowerCase() !== 'basic') return;
  const pair = Buffer.from(token.trim(), 'base64').toString('utf8');
  registerSecretValue(pair);
  registerSecretValue(pair.slice(pair.indexOf(':') + 1));
}

/** The possible credentials of a body: JSON and form fields by name and shape, else key-like words. */
export function bodySecrets(body: string): string[] {
  const out: string[] = [];
  const field = (name: string, value: string) => {
    if (paramMayBeCredential(name, value)) out.push(...secretPieces(name, value));
  };
  const json = parseJson(body);
  if (json !== undefined) walkJson(json, '', field);
  else if (/^[^\s=&]+=[^\s&]*(&[^\s=&]+=[^\s&]*)*&?$/.test(body.trim()))
    for (const [name, value] of new URLSearchParams(body.trim())) field(name, value);
  else out.push(...wordsOf(body).filter(looksSecret));
  return out;
}

function walkJson(value: unknown, name: string, field: (name: string, value: string) => void) {
  if (typeof value === 'string') field(name, value);
  else if (typeof value === 'number') field(name, String(value));
  else if (Array.isArray(value)) for (const item of value) walkJson(item, name, field);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) walkJson(v, k, field);
}

function parseJson(body: string): unknown {
  if (!/^\s*[[{]/.test(body)) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Does a body hold anything that may be a credential? A hop to another origin never takes it. */
export function bodyMayHoldCredential(body: string | undefined): boolean {
  return body !== undefined && bodySecrets(body).length > 0;
}

/**
 * The headers a hop to another origin carries: only those known harmless (Content-Type, Accept,
 * User-Agent, API versions…); never Host, which names the first origin. Browsers and curl drop
 * Authorization and Cookie; an invented `X-Shop-Key` is dropped too, since nothing says it is not one.
 */
export function crossOriginHeaders(headers: Headers): [string, string][] {
  return headers
    .filter(([n]) => isHarmlessHeaderName(n) && n.toLowerCase() !== 'host')
    .map(([n, v]) => [n, v]);
}

/**
 * The request with every possible credential taken out: headers that may carry one, query
 * parameters that may be one (a stale `?api_key=` beside the header key), and the userinfo. What
 * the without-credential probe sends: "the same answer without any credential" must mean that.
 */
export function withoutCredentials(req: WireRequest): WireRequest {
  const url = new URL(req.url.href);
  url.username = '';
  url.password = '';
  for (const [name, value] of [...url.searchParams])
    if (paramMayBeCredential(name, value)) url.searchParams.delete(name);
  return {
    ...req,
    url,
    headers: req.headers.filter(([n, v]) => !headerMayBeCredential(n, v)).map(([n, v]) => [n, v]),
  };
}

/**
 * What an answer issues: a token endpoint's `access_token`, a login's `X-Session-Token` or
 * `Set-Cookie`. Only fields and headers whose name says secret and whose value looks like a key:
 * an answer's ids and error codes (`invalid_api_key`) stay readable.
 */
export function registerAnswerSecrets(headers: Readonly<Record<string, string>>, body: string) {
  const issued = (name: string, value: string) => {
    if (!hasSecretName(name) || /^(www|proxy)-authenticate$/i.test(name)) return;
    for (const word of wordsOf(value).filter(looksSecret)) registerSecretValue(word);
  };
  for (const [name, value] of Object.entries(headers)) issued(name, value);
  const json = parseJson(body);
  if (json !== undefined) walkJson(json, '', issued);
}
