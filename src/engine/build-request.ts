import { checkHost, invalidUrl } from './url-word.js';
import { PROVIDERS } from '../providers/catalog/index.js';
import { matchKeyShapes } from '../providers/detect.js';
import type { WireRequest } from '../collect/http.js';
import { usageError } from '../errors.js';
import type { Provider } from '../providers/types.js';
import { hasSecretName, headerMayBeCredential, paramMayBeCredential } from '../secret/harmless.js';
import { Secret } from '../secret/secret.js';
import { VERSION } from '../version.js';
import {
  CREDENTIAL_HEADERS,
  CREDENTIAL_QUERY,
  encodePathSegment,
  headerValue,
  looksLikeCredentialHeader,
  pathSegmentIndex,
  spotFor,
  splitScheme,
  type Spot,
} from '../evidence/credential-place.js';
import { companionValue, validationTemplate, type ValidationTemplate } from './validation.js';
import { basicMeant, meantValue } from '../evidence/key-evidence.js';
import {
  registerPathSecrets,
  registerRequestSecrets,
  registerUrlSecrets,
} from './request-secrets.js';
import type { SentCredential } from '../evidence/request.js';

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
  /**
   * Values for the `<placeholders>` of the provider's validation request (`<AccountSID>`,
   * `<APP_ID>`, `<resource>`) and the user of a Basic pair (`user`): `check --param NAME=VALUE`.
   */
  readonly params?: Readonly<Record<string, string>> | undefined;
}

/** What a request goes to. */
export interface Target {
  readonly url: URL;
  /** The URL whose host names the provider: the one given, also when --base-url moved it. */
  readonly hostUrl: URL;
  /** Without a URL: the provider's validation request, placeholders filled. */
  readonly validation?: ValidationTemplate | undefined;
}

/** The URL to call: the given one, or the provider's validation request (on --base-url's origin). */
export function resolveUrl(input: RequestInput, provider: Provider | null): URL {
  return resolveTarget(input, provider).url;
}

/**
 * The URL to call and, without one, the provider's validation request. With --base-url, a path
 * goes on the base origin, and so does an absolute URL: its origin is replaced by the base's (path
 * and query kept, the base's path in front); its own host still names the provider.
 */
export function resolveTarget(input: RequestInput, provider: Provider | null): Target {
  const base = input.baseUrl === undefined ? undefined : parseUrl(input.baseUrl, '--base-url');
  const params = checkParams(input.params);
  if (input.url !== undefined) {
    if (base && input.url.startsWith('/')) {
      const url = joinPath(base, input.url);
      return { url, hostUrl: url };
    }
    const given = parseUrl(input.url, 'the URL');
    if (!base) return { url: given, hostUrl: given };
    const url = joinPath(base, `${given.pathname}${given.search}`);
    url.username = given.username;
    url.password = given.password;
    return { url, hostUrl: given };
  }
  if (!provider)
    throw usageError('no URL given: pass a URL, or --provider ID to use its validation request');
  const asSent = findInHeaders(input.headers ?? [], provider);
  const validation = validationTemplate(provider, {
    key: input.key?.reveal() ?? asSent?.secret.reveal(),
    placing: input.key != null && asSent === null,
    params,
    hasBase: base !== undefined,
  });
  const url = base
    ? joinPath(base, validation.rest)
    : parseUrl(`${validation.origin ?? ''}${validation.rest}`, 'the validation URL');
  return { url, hostUrl: url, validation };
}

/** `--param` names and values: a name, and a value with no control characters. */
function checkParams(
  params: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(params ?? {})) {
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name))
      throw usageError(`--param takes NAME=VALUE, with a name of letters, digits, _ . -`);
    if (/[\u0000-\u001f\u007f]/.test(value))
      throw usageError(`--param ${name}: the value holds a control character`);
    out[name] = value;
  }
  return out;
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
    throw invalidUrl(value, what);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`${what} must be http:// or https://, not ${url.protocol}`);
  }
  // its possible credentials (password, query values, key-shaped path segments) go to the
  // scrubber as soon as it is read: no message, not even a usage error, shows them
  registerUrlSecrets(url);
  checkHost(value, url, what);
  return url;
}

export interface BuiltRequest {
  readonly request: WireRequest;
  readonly credential: SentCredential | null;
  readonly asSent: boolean;
}

/** A request being built: what `place` edits. */
interface Editable {
  readonly headers: [string, string][];
  url: URL;
  body: string | undefined;
}

/**
 * Finds the credential in the request as sent, or places the key where the provider expects it.
 * With `validation` (no URL given), the method, body, companion headers and key spot are those of
 * the provider's validation request.
 */
export function buildRequest(
  input: RequestInput,
  url: URL,
  provider: Provider | null,
  validation?: ValidationTemplate,
): BuiltRequest {
  const body = input.body ?? validation?.body;
  const method = (
    input.method ??
    (input.body === undefined ? validation?.method : undefined) ??
    (body !== undefined ? 'POST' : 'GET')
  ).toUpperCase();
  const headers: [string, string][] = (input.headers ?? []).map(([n, v]) => [n, v]);
  const asSent = headers.length > 0;
  const req: Editable = { headers, url, body };
  let credential = validation
    ? findInHeaders(headers, provider)
    : findCredential(headers, url, provider);
  const keySpot = validation?.keySpot;
  // The template's own spot was left empty for the key: without one to place, it goes.
  if (keySpot && keySpot.in !== 'header' && (credential || !input.key)) remove(req, keySpot);
  if (!credential && input.key) {
    const oauth = provider ? oauthSpot(provider, input.key.reveal()) : undefined;
    const spot = (keySpot?.in === 'header' ? (oauth ?? keySpot) : keySpot) ??
      oauth ??
      (provider && spotFor(provider.auth, input.params)) ?? {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
      };
    place(req, spot, input.key.reveal());
    credential = {
      secret: input.key,
      spot,
      meant: meantValue(input.key.reveal()),
      placedByUs: true,
      others: [],
    };
    const companions: (readonly [string, string])[] = validation
      ? [...validation.headers]
      : (provider?.headers ?? []).flatMap((h) => {
          if (!h.required || /^content-type$/i.test(h.name)) return [];
          const value = companionValue(h, input.params ?? {});
          return typeof value === 'string' ? [[h.name, value] as const] : [];
        });
    for (const [name, value] of companions) if (!has(headers, name)) headers.push([name, value]);
    for (const q of provider?.queryParams ?? []) {
      // `2023-03-15-preview (or a newer GA version)`: the value is the first word.
      const value = q.value.split(/\s/)[0] ?? '';
      if (q.required && !url.searchParams.has(q.name) && !/[<>]/.test(value))
        url.searchParams.set(q.name, value);
    }
  }
  if (req.body !== undefined && !has(headers, 'content-type')) {
    headers.push([
      'Content-Type',
      /^\s*[[{]/.test(req.body) ? 'application/json' : 'application/x-www-form-urlencoded',
    ]);
  }
  if (!has(headers, 'user-agent')) headers.push(['User-Agent', WHY401_UA]);
  // The header why401 wrote around a --key is not a value the user gave: its scheme word is ours,
  // and runs across `Bearer ` + the key's public prefix (` sk-proj-`) would cut the redacted
  // form (`sk-proj-…x9Qz`) out of every line. The key itself is registered by its Secret.
  const placed =
    credential?.placedByUs === true && credential.spot.in === 'header'
      ? credential.spot.name.toLowerCase()
      : undefined;
  registerRequestSecrets({ url, headers, body: req.body }, placed);
  return { request: { method, url, headers, body: req.body }, credential, asSent };
}

function has(headers: readonly (readonly [string, string])[], name: string): boolean {
  return headers.some(([n]) => n.toLowerCase() === name.toLowerCase());
}

/** Puts a key at a spot, replacing whatever credential was there. */
export function place(req: Editable, spot: Spot, key: string): void {
  switch (spot.in) {
    case 'query':
      req.url.searchParams.set(spot.name, key);
      return;
    case 'path': {
      const segments = req.url.pathname.split('/');
      const segment = `${spot.prefix}${encodePathSegment(key)}`;
      const i = pathSegmentIndex(segments, spot.prefix);
      // No such segment yet: it goes before the method (`/getMe` → `/bot<key>/getMe`).
      if (i < 0) segments.splice(Math.max(1, segments.length - 1), 0, segment);
      else segments[i] = segment;
      req.url.pathname = segments.join('/');
      return;
    }
    case 'body':
      req.body = withBodyField(req.body, spot.name, key);
      return;
    case 'header': {
      const i = req.headers.findIndex(([n]) => n.toLowerCase() === spot.name.toLowerCase());
      const value = headerValue(spot, key);
      if (i >= 0) req.headers[i] = [spot.name, value];
      else req.headers.push([spot.name, value]);
    }
  }
}

/** Takes the credential out of a spot. */
function remove(req: Editable, spot: Spot): void {
  switch (spot.in) {
    case 'query':
      req.url.searchParams.delete(spot.name);
      return;
    case 'path': {
      const segments = req.url.pathname.split('/');
      const i = pathSegmentIndex(segments, spot.prefix);
      if (i < 0) return;
      segments[i] = spot.prefix;
      req.url.pathname = segments.join('/');
      return;
    }
    case 'body':
      req.body = withBodyField(req.body, spot.name, undefined);
      return;
    case 'header':
      // In place: the caller may hold the same array.
      for (let i = req.headers.length - 1; i >= 0; i--)
        if (req.headers[i]?.[0].toLowerCase() === spot.name.toLowerCase()) req.headers.splice(i, 1);
  }
}

/** A JSON object body (or a form body) with one field set, or removed (undefined). */
function withBodyField(body: string | undefined, name: string, value: string | undefined) {
  if (body === undefined || /^\s*\{/.test(body)) {
    let fields: Record<string, unknown> = {};
    try {
      const parsed: unknown = body === undefined ? {} : JSON.parse(body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        fields = parsed as Record<string, unknown>;
    } catch {
      // not JSON after all: read as a form below
      return withFormField(body, name, value);
    }
    if (value === undefined) delete fields[name];
    else fields[name] = value;
    return body === undefined && value === undefined ? undefined : JSON.stringify(fields);
  }
  return withFormField(body, name, value);
}

function withFormField(body: string | undefined, name: string, value: string | undefined) {
  const form = new URLSearchParams(body ?? '');
  if (value === undefined) form.delete(name);
  else form.set(name, value);
  return form.toString();
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
  registerPathSecrets(url); // whether or not one is the credential, none is ever printed
  return findInHeaders(headers, provider) ?? findInQuery(url) ?? findInPath(url, provider);
}

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // not valid percent-encoding: the raw form is the key
  }
};

/** A known provider's own key shape (not a generic hex or alphanumeric run). */
const specificShape = (value: string, provider?: Provider): boolean =>
  matchKeyShapes(value).some(
    (m) => !m.shape.generic && (provider === undefined || m.provider === provider),
  );

/** Secret, but not the API's credential: the proxy's login, the browser's session. */
const NOT_THE_KEY = new Set(['cookie', 'proxy-authorization']);

export function findInHeaders(
  headers: readonly (readonly [string, string])[],
  provider: Provider | null,
): SentCredential | null {
  const providerHeader =
    provider?.auth.in === 'header' ? provider.auth.name.toLowerCase() : undefined;
  const candidates = headers.filter(
    ([n, v]) =>
      n.toLowerCase() === providerHeader ||
      CREDENTIAL_HEADERS.has(n.toLowerCase()) ||
      looksLikeCredentialHeader(n) ||
      // an invented name that says secret (`X-Custom-Key`, `X-Shop-Pass`) with a value to match
      (hasSecretName(n) && !NOT_THE_KEY.has(n.toLowerCase()) && headerMayBeCredential(n, v)),
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
  // A key wrapped in Basic (`-u ":$KEY"`, `api:KEY`): probes move the key, not its base64.
  const inBasic = scheme?.toLowerCase() === 'basic' ? basicMeant(token) : undefined;
  return {
    secret,
    spot: {
      in: 'header',
      name,
      scheme,
      ...(inBasic?.basicUser !== undefined ? { basicUser: inBasic.basicUser } : {}),
    },
    meant: inBasic?.meant ?? meantValue(token),
    placedByUs: false,
    others,
  };
}

function findInQuery(url: URL): SentCredential | null {
  // The usual names first, then any parameter whose name says secret (`private_token`, `sig`).
  const named = [...url.searchParams]
    .filter(([n, v]) => hasSecretName(n) && paramMayBeCredential(n, v))
    .map(([n]) => n);
  for (const name of [...CREDENTIAL_QUERY, ...named]) {
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

/**
 * The key in the URL path (Telegram's `/bot<token>/`), for a provider that reads it there; with
 * no provider known (a local URL), where a provider reads path keys and the segment has its shape.
 */
function findInPath(url: URL, provider: Provider | null): SentCredential | null {
  if (provider) return inPathSpot(url, spotFor(provider.auth));
  for (const p of PROVIDERS) {
    if (p.auth.in !== 'path') continue;
    const found = inPathSpot(url, spotFor(p.auth));
    if (found && specificShape(found.meant, p)) return found;
  }
  return null;
}

function inPathSpot(url: URL, spot: Spot | undefined): SentCredential | null {
  if (spot?.in !== 'path') return null;
  const segment = url.pathname.split('/')[pathSegmentIndex(url.pathname.split('/'), spot.prefix)];
  if (segment === undefined || segment.length <= spot.prefix.length) return null;
  const value = decodeSegment(segment.slice(spot.prefix.length));
  return {
    secret: new Secret(value, 'url-path'),
    spot,
    meant: meantValue(value),
    placedByUs: false,
    others: [],
  };
}

/** The request with its credential moved, replaced or removed (null). */
export function withCredential(
  base: WireRequest,
  from: Spot | undefined,
  to: Spot | undefined,
  key: string | null,
): WireRequest {
  const req: Editable = {
    url: new URL(base.url.href),
    headers: base.headers.map(([n, v]) => [n, v]),
    body: base.body,
  };
  if (from) remove(req, from);
  if (to && key !== null) place(req, to, key);
  return { ...base, url: req.url, headers: req.headers, body: req.body };
}

/**
 * An OAuth token of the provider (Anthropic's `sk-ant-oat01-`) goes where its OAuth tokens go,
 * the Bearer alternative, not where its API keys go.
 */
function oauthSpot(provider: Provider, key: string): Spot | undefined {
  const oauth = matchKeyShapes(meantValue(key)).some(
    (m) => m.provider.id === provider.id && !m.shape.generic && m.shape.kinds.includes('oauth'),
  );
  if (!oauth) return undefined;
  return provider.alternatives
    .map((a) => spotFor(a))
    .find((s) => s?.in === 'header' && s.scheme?.toLowerCase() === 'bearer');
}
