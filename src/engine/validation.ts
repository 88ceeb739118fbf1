import { usageError } from '../errors.js';
import type { CompanionHeader, Provider } from '../providers/types.js';
import {
  basicUserOf,
  encodePathSegment,
  KEY_PLACEHOLDER,
  spotFor,
  validationSpot,
  type Spot,
} from '../evidence/credential-place.js';
import { encodeComponent } from '../parse/uri.js';

/**
 * A provider's validation request (`check --provider X` without a URL) with its `<placeholders>`
 * filled: the key where the template puts it, the other values from `--param NAME=VALUE`. Pure
 * text work; build-request.ts parses the URL and places the key.
 */
export interface ValidationTemplate {
  /** `https://host` with host placeholders filled; null when --base-url names the origin. */
  readonly origin: string | null;
  /** Path and query, placeholders filled; the key's own spot left empty for the key to go in. */
  readonly rest: string;
  readonly method: string;
  readonly body: string | undefined;
  /** Companion headers the provider requires, filled (only when why401 places the key). */
  readonly headers: readonly (readonly [string, string])[];
  /** Where the key goes: the template's own spot (query, path, body), else the provider's. */
  readonly keySpot: Spot | undefined;
}

export interface ValidationInput {
  /** The key, for placeholders that are the key but not its spot (Algolia's `/1/keys/<key>`). */
  readonly key: string | undefined;
  /** why401 places the key (a --key* and no credential header given). */
  readonly placing: boolean;
  readonly params: Readonly<Record<string, string>>;
  /** --base-url is given: host placeholders need no value. */
  readonly hasBase: boolean;
}

const PLACEHOLDER = /<([^<>]+)>/g;
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** AWS's `X-Amz-Date: YYYYMMDDTHHMMSSZ`: the format, not a value. */
const AMZ_DATE_FORMAT = 'YYYYMMDDTHHMMSSZ';

export function validationTemplate(provider: Provider, input: ValidationInput): ValidationTemplate {
  const { url, method, body } = provider.validate;
  const own = validationSpot(provider);
  const missing = new Set<string>();
  const needsKey = new Set<string>();
  const m = /^(https?:\/\/[^/?#]*)(.*)$/s.exec(url);
  const originTemplate = m?.[1] ?? url;
  const restTemplate = m?.[2] ?? '';

  let origin: string | null = null;
  const hostMissing = new Set<string>();
  if (!input.hasBase) {
    origin = originTemplate.replace(PLACEHOLDER, (_all, name: string) => {
      const value = input.params[name];
      if (value === undefined) {
        hostMissing.add(name);
        return _all;
      }
      if (!DNS_LABEL.test(value))
        throw usageError(
          `--param ${name}: "${value.slice(0, 40)}" is not a host name label (letters, digits, -)`,
        );
      return value.toLowerCase();
    });
  }

  const fill = (text: string, encode: (v: string) => string, spotted: boolean) =>
    text.replace(PLACEHOLDER, (all, name: string) => {
      if (KEY_PLACEHOLDER.test(name)) {
        if (spotted) return ''; // the key's own spot: build-request places it there
        if (input.key === undefined) {
          needsKey.add(name);
          return all;
        }
        return encode(input.key);
      }
      const value = input.params[name];
      if (value === undefined) {
        missing.add(name);
        return all;
      }
      return encode(value);
    });

  const q = restTemplate.indexOf('?');
  const pathTemplate = q >= 0 ? restTemplate.slice(0, q) : restTemplate;
  const queryTemplate = q >= 0 ? restTemplate.slice(q + 1) : undefined;
  const path = fill(pathTemplate, encodePathSegment, own?.in === 'path');
  const query =
    queryTemplate === undefined
      ? undefined
      : queryTemplate
          .split('&')
          .map((pair) => {
            const eq = pair.indexOf('=');
            if (eq < 0) return fill(pair, encodeComponent, false);
            const name = pair.slice(0, eq);
            const spotted = own?.in === 'query' && own.name === name;
            return `${fill(name, encodeComponent, false)}=${fill(pair.slice(eq + 1), encodeComponent, spotted)}`;
          })
          .join('&');
  const rest = query === undefined ? path : `${path}?${query}`;

  let filledBody: string | undefined;
  if (body !== undefined) {
    const json = /^\s*[[{]/.test(body);
    const encode = json ? (v: string) => JSON.stringify(v).slice(1, -1) : encodeComponent;
    filledBody = fill(body, encode, own?.in === 'body');
  }

  let keySpot: Spot | undefined = own;
  const headers: [string, string][] = [];
  if (input.placing) {
    keySpot ??= spotFor(provider.auth, input.params);
    if (!keySpot)
      throw usageError(
        provider.auth.in === 'signature'
          ? `${provider.name} signs every request with the secret key, which never travels: why401 cannot build that request from a key. Pass the signed request's headers with -H (or use the provider's CLI)`
          : `${provider.name}'s credential cannot be placed by why401: pass the request's headers with -H`,
      );
    if (
      !own &&
      provider.auth.in === 'basic' &&
      provider.auth.pair === 'user:key' &&
      basicUserOf(provider.auth, input.params) === undefined
    ) {
      const name = provider.auth.user ?? 'user';
      throw usageError(
        `${provider.name} takes the key as the password of Basic base64(<${name}>:<key>): pass the user with --param ${name}=…${name === 'user' ? '' : ' (or --param user=…)'}`,
      );
    }
    for (const h of provider.headers) {
      if (!h.required || /^content-type$/i.test(h.name)) continue;
      const filled = companionValue(h, input.params);
      if (typeof filled === 'string') headers.push([h.name, filled]);
      else if (filled) for (const name of filled.missing) missing.add(name);
    }
  }

  if (needsKey.size > 0)
    throw usageError(
      `${provider.name}'s validation request (${url}) carries the key: give it with --key-env NAME, --key-file, --key-stdin or --key`,
    );
  if (missing.size > 0 || hostMissing.size > 0) {
    const names = [...new Set([...missing, ...hostMissing])];
    const onlyHost = missing.size === 0;
    throw usageError(
      `${provider.name}'s validation request (${url}) needs ${names.map((n) => `--param ${n}=…`).join(' and ')}${onlyHost ? ` (or --base-url https://… for your own host)` : ''}`,
    );
  }
  return { origin, rest, method, body: filledBody, headers, keySpot };
}

/**
 * A required companion header's value: placeholders filled from the params, `<any>` (any value
 * will do) as why401's own, AWS's date format as now. A string to send; `undefined` when nothing
 * needs sending (a User-Agent is always sent); the names still missing otherwise.
 */
export function companionValue(
  h: CompanionHeader,
  params: Readonly<Record<string, string>>,
  now: Date = new Date(),
): string | { readonly missing: readonly string[] } | undefined {
  if (h.value.trim() === '<any>') return /^user-agent$/i.test(h.name) ? undefined : 'why401';
  if (h.value === AMZ_DATE_FORMAT) return now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const missing: string[] = [];
  const value = h.value.replace(PLACEHOLDER, (all, name: string) => {
    const v = params[name];
    if (v === undefined) missing.push(name);
    return v ?? all;
  });
  return missing.length > 0 ? { missing } : value;
}
