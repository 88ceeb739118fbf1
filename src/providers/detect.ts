import { PROVIDERS } from './catalog/index.js';
import { matchLengthRange } from '../parse/regex-length.js';
import type { KeyShape, Provider } from './types.js';

/** How `detectProvider` settled on its answer; `none` whenever `provider` is null. */
export type DetectedBy = 'flag' | 'host' | 'key' | 'none';

export interface Detection {
  readonly provider: Provider | null;
  /** Provider ids still in the running, best first (the chosen one included). */
  readonly candidates: string[];
  readonly by: DetectedBy;
}

export interface ShapeMatch {
  readonly provider: Provider;
  readonly shape: KeyShape;
}

/** Longest public prefix `publicPrefixOf` reveals. */
const PREFIX_CAP = 8;

export function providerById(id: string): Provider | undefined {
  const wanted = id.trim().toLowerCase();
  return PROVIDERS.find((p) => p.id === wanted);
}

export function providerIds(): string[] {
  return PROVIDERS.map((p) => p.id);
}

// ---------------------------------------------------------------------------------------------
// Hosts

interface HostIndex {
  readonly exact: ReadonlyMap<string, readonly Provider[]>;
  readonly wildcards: readonly { readonly re: RegExp; readonly provider: Provider }[];
}

let hostIndex: HostIndex | undefined;

/**
 * `*` as a whole label stands for one or more labels (`*.openai.azure.com`); inside a label it
 * stands for part of that label (`*-aiplatform.googleapis.com`).
 */
function wildcardToRegExp(pattern: string): RegExp {
  const labels = pattern.split('.').map((label) =>
    label === '*'
      ? '[a-z0-9-]+(?:\\.[a-z0-9-]+)*'
      : label
          .split('*')
          .map((part) => part.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))
          .join('[a-z0-9-]+'),
  );
  return new RegExp(`^${labels.join('\\.')}$`);
}

function getHostIndex(): HostIndex {
  if (hostIndex) return hostIndex;
  const exact = new Map<string, Provider[]>();
  const wildcards: { re: RegExp; provider: Provider }[] = [];
  for (const provider of PROVIDERS) {
    const hosts = [...provider.hosts, ...(provider.regions ?? []).map((r) => r.host)];
    for (const raw of hosts) {
      const host = raw.toLowerCase();
      if (host.includes('*')) {
        wildcards.push({ re: wildcardToRegExp(host), provider });
      } else {
        const list = exact.get(host) ?? [];
        if (!list.includes(provider)) list.push(provider);
        exact.set(host, list);
      }
    }
  }
  hostIndex = { exact, wildcards };
  return hostIndex;
}

/** `Host:443`, `[::1]:8080`, `host.` → `host`, `::1`, `host`. */
function normalizeHost(input: string): string {
  let host = input.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    host = end === -1 ? host.slice(1) : host.slice(1, end);
  } else {
    const colon = host.indexOf(':');
    // One colon is a port; more would be a bare IPv6 address, which has no port to strip.
    if (colon !== -1 && host.indexOf(':', colon + 1) === -1) host = host.slice(0, colon);
  }
  return host.replace(/\.+$/, '');
}

/**
 * Providers serving `host` (case-insensitive, port ignored): exact host and regional hosts first,
 * then wildcard hosts, each in catalog order.
 */
export function providersForHost(host: string): Provider[] {
  const name = normalizeHost(host);
  if (name === '') return [];
  const index = getHostIndex();
  const found = [...(index.exact.get(name) ?? [])];
  for (const { re, provider } of index.wildcards) {
    if (re.test(name) && !found.includes(provider)) found.push(provider);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Key shapes

interface CompiledShape {
  readonly provider: Provider;
  readonly shape: KeyShape;
  /** Anchored copy of the pattern, and the lengths a match can have: built on first use. */
  anchored?: RegExp;
  min?: number;
  max?: number;
}

let compiledShapes: readonly CompiledShape[] | undefined;

/** Every catalog shape, in catalog order; anchored copies and length ranges come lazily. */
function getCompiledShapes(): readonly CompiledShape[] {
  compiledShapes ??= PROVIDERS.flatMap((provider) =>
    provider.keyShapes.map((shape) => ({ provider, shape })),
  );
  return compiledShapes;
}

/**
 * Whether the whole `key` matches the shape. Cheap filters first (the prefix, then the lengths a
 * match can have): most patterns are never compiled for a given key.
 */
function fitsShape(s: CompiledShape, key: string): boolean {
  if (s.shape.prefix !== undefined && !key.startsWith(s.shape.prefix)) return false;
  if (s.min === undefined || s.max === undefined) {
    const range = matchLengthRange(s.shape.pattern.source);
    s.min = range?.min ?? 0;
    s.max = range?.max ?? Infinity;
  }
  if (key.length < s.min || key.length > s.max) return false;
  s.anchored ??= new RegExp(
    `^(?:${s.shape.pattern.source})$`,
    s.shape.pattern.flags.replace(/[gy]/g, ''),
  );
  return s.anchored.test(key);
}

/**
 * Longer than any credential a shape describes (PEM keys and service-account JSON are a few KiB).
 * Patterns such as `sk-proj-[…]+T3BlbkFJ[…]+` backtrack in O(n²): a second at 64 KiB.
 */
const MAX_SHAPE_INPUT = 16 * 1024;

/**
 * Every shape whose pattern matches the whole key: non-generic shapes first, then generic ones,
 * each in catalog order. Several providers may match; nothing is decided here.
 */
export function matchKeyShapes(key: string): ShapeMatch[] {
  if (key === '' || key.length > MAX_SHAPE_INPUT) return [];
  const specific: ShapeMatch[] = [];
  const generic: ShapeMatch[] = [];
  const cached = matchCache.get(key);
  if (cached) return cached;
  for (const compiled of getCompiledShapes()) {
    if (!fitsShape(compiled, key)) continue;
    const { provider, shape } = compiled;
    (shape.generic === true ? generic : specific).push({ provider, shape });
  }
  const result = [...specific, ...generic];
  if (matchCache.size > 32) matchCache.clear();
  matchCache.set(key, result);
  return result;
}

/** A diagnosis asks about the same key several times; the answer does not change. */
const matchCache = new Map<string, ShapeMatch[]>();

function uniqueIds(matches: readonly ShapeMatch[]): string[] {
  const ids: string[] = [];
  for (const { provider } of matches) if (!ids.includes(provider.id)) ids.push(provider.id);
  return ids;
}

function hostOf(url: string): string | undefined {
  const text = url.trim();
  if (text === '') return undefined;
  for (const candidate of [text, `https://${text}`]) {
    try {
      const parsed = new URL(candidate);
      if (parsed.hostname !== '') return parsed.hostname;
    } catch {
      // not a URL in this form; try the next one
    }
  }
  return undefined;
}

/**
 * Which provider a call is for. `--provider` wins; then the URL's host; then a key shape that
 * belongs to exactly one provider. Generic shapes (bare hex, UUID…) only yield candidates, and so
 * do shapes that several providers share (a Google `AIza` key, an Atlassian `ATATT` token).
 * When several providers serve one host, the key picks among them, else the first in catalog
 * order is taken and the others stay in `candidates`.
 */
export function detectProvider(input: {
  url?: string;
  key?: string;
  providerId?: string;
}): Detection {
  if (input.providerId !== undefined && input.providerId.trim() !== '') {
    const provider = providerById(input.providerId);
    return provider
      ? { provider, candidates: [provider.id], by: 'flag' }
      : { provider: null, candidates: [], by: 'none' };
  }

  const key = input.key?.trim() ?? '';
  const matches = key === '' ? [] : matchKeyShapes(key);

  const host = input.url === undefined ? undefined : hostOf(input.url);
  const byHost = host === undefined ? [] : providersForHost(host);
  if (byHost.length > 0) {
    let ordered = byHost;
    if (byHost.length > 1 && matches.length > 0) {
      const keyIds = uniqueIds(matches);
      const fitting = byHost.filter((p) => keyIds.includes(p.id));
      fitting.sort((a, b) => keyIds.indexOf(a.id) - keyIds.indexOf(b.id));
      ordered = [...fitting, ...byHost.filter((p) => !fitting.includes(p))];
    }
    const [provider] = ordered;
    if (provider) return { provider, candidates: ordered.map((p) => p.id), by: 'host' };
  }

  const specificIds = uniqueIds(matches.filter((m) => m.shape.generic !== true));
  if (specificIds.length === 1) {
    const provider = providerById(specificIds[0] ?? '');
    if (provider) return { provider, candidates: specificIds, by: 'key' };
  }
  return { provider: null, candidates: uniqueIds(matches), by: 'none' };
}

/**
 * The public literal prefix of a key, for redacted display: that of the best non-generic shape the
 * key matches, else the longest catalog prefix the key starts with (a truncated or mangled key).
 * Never longer than 8 characters.
 */
export function publicPrefixOf(key: string): string | undefined {
  const text = key.trim();
  if (text === '') return undefined;
  const longest = (prefixes: readonly string[]): string | undefined =>
    prefixes.reduce<string | undefined>(
      (best, p) => (best === undefined || p.length > best.length ? p : best),
      undefined,
    );

  const matched = matchKeyShapes(text)
    .filter((m) => m.shape.generic !== true)
    .flatMap((m) => (m.shape.prefix === undefined ? [] : [m.shape.prefix]));
  const started = getCompiledShapes().flatMap(({ shape }) =>
    shape.prefix !== undefined && text.startsWith(shape.prefix) ? [shape.prefix] : [],
  );
  const prefix = longest(matched) ?? longest(started);
  return prefix === undefined ? undefined : capPrefix(prefix);
}

/** `sk-ant-api03-` → `sk-ant-`: cut at the last separator within the cap, not mid-word. */
function capPrefix(prefix: string): string {
  if (prefix.length <= PREFIX_CAP) return prefix;
  const head = prefix.slice(0, PREFIX_CAP);
  const cut = Math.max(head.lastIndexOf('-'), head.lastIndexOf('_'), head.lastIndexOf('.'));
  return cut > 0 ? head.slice(0, cut + 1) : head;
}

/** The kinds the key's own shape has at this provider (`["secret"]`, `["oauth"]`); [] if none fits. */
export function keyKindsAt(provider: Provider, key: string): string[] {
  return matchKeyShapes(key)
    .filter((m) => m.provider.id === provider.id && !m.shape.generic)
    .flatMap((m) => m.shape.kinds);
}

// ---------------------------------------------------------------------------------------------
// Distinctive prefixes: a key that starts like one provider's keys and fits none of them

/**
 * Prefixes that name a provider on their own although no single shape has them: every Anthropic
 * key starts with `sk-ant-`, whatever its kind and version.
 */
const FAMILY_PREFIXES: readonly string[] = ['sk-ant-'];
/** Short prefixes distinctive enough on their own (most prefixes under 4 characters are not). */
const SHORT_DISTINCTIVE = new Set(['SG.', 'hf_', 'r8_']);
/** Prefixes that are words or too common to name a provider (`key-…`, `secret_…`, `sk-…`). */
const NOT_DISTINCTIVE = new Set([
  'key-',
  'secret_',
  'v1.0-',
  'pubkey-',
  'https://hooks.slack.com/',
]);

function isDistinctive(shape: KeyShape): boolean {
  const prefix = shape.prefix;
  if (prefix === undefined || shape.generic === true || NOT_DISTINCTIVE.has(prefix)) return false;
  return prefix.length >= 4 || SHORT_DISTINCTIVE.has(prefix);
}

/** How a key with a distinctive prefix differs from every shape that prefix belongs to. */
export interface ShapeFamily {
  /** The distinctive prefix the key starts with (the longest one). */
  readonly prefix: string;
  /** Provider names that issue keys with this prefix, catalog order. */
  readonly providers: readonly string[];
  readonly providerIds: readonly string[];
  /** Shortest and longest real key with this prefix (max Infinity when not bounded). */
  readonly min: number;
  readonly max: number;
  /** The key fits one of those shapes. */
  readonly fits: boolean;
  /**
   * When it fits none: `short` (shorter than any real key), `long` (longer than any), `alphabet`
   * (a character no such key has, at `index`), `structure` (a marker or a separator is missing,
   * or the length is between those of real keys).
   */
  readonly problem?: 'short' | 'long' | 'alphabet' | 'structure';
  readonly index?: number;
  /** The real lengths, when few (`56 to 164`, `40`): for the evidence. */
  readonly lengths: string;
}

/** The characters a pattern's classes, escapes and literals allow (a superset of a key's). */
function alphabetOf(source: string): (ch: string) => boolean {
  const classes: RegExp[] = [];
  const literals = new Set<string>();
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? '';
    if (c === '[') {
      let j = i + 1;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      classes.push(new RegExp(`^${source.slice(i, j + 1)}$`));
      i = j;
    } else if (c === '\\') {
      const e = source[i + 1] ?? '';
      if (/[dws]/i.test(e)) classes.push(new RegExp(`^\\${e}$`));
      else literals.add(e);
      i++;
    } else if (c === '{') {
      i = source.indexOf('}', i); // a quantifier
      if (i < 0) break;
    } else if (!'()|?*+^$'.includes(c)) {
      literals.add(c);
    }
  }
  return (ch) => literals.has(ch) || classes.some((re) => re.test(ch));
}

/**
 * The distinctive prefix `key` starts with, the shapes that prefix belongs to (those whose own
 * prefix starts with it, or that it starts with), and how the key differs from all of them.
 * Undefined when the key starts with no distinctive prefix.
 */
export function shapeFamily(key: string): ShapeFamily | undefined {
  if (key === '' || key.length > MAX_SHAPE_INPUT) return undefined;
  const shapes = getCompiledShapes();
  const starts = [
    ...shapes.filter((s) => isDistinctive(s.shape)).map((s) => s.shape.prefix ?? ''),
    ...FAMILY_PREFIXES,
  ].filter((p) => key.startsWith(p));
  const prefix = starts.reduce<string | undefined>(
    (best, p) => (best === undefined || p.length > best.length ? p : best),
    undefined,
  );
  if (prefix === undefined) return undefined;
  const members = shapes.filter(
    (s) =>
      s.shape.generic !== true &&
      s.shape.prefix !== undefined &&
      s.shape.prefix.length >= prefix.length &&
      s.shape.prefix.startsWith(prefix),
  );
  if (members.length === 0) return undefined;
  const ranges = members.map((s) => ({
    s,
    range: matchLengthRange(s.shape.pattern.source) ?? { min: 0, max: Infinity },
  }));
  const min = Math.min(...ranges.map((r) => r.range.min));
  const max = Math.max(...ranges.map((r) => (r.s.shape.lengthUnverified ? Infinity : r.range.max)));
  const providerList = [...new Set(members.map((s) => s.provider))];
  const exact = [...new Set(ranges.map((r) => r.range))].every((r) => r.min === r.max);
  const lengths = exact
    ? [...new Set(ranges.map((r) => r.range.min))].sort((a, b) => a - b).join(' or ')
    : max === Infinity
      ? `at least ${min}`
      : `${min} to ${max}`;
  const base = {
    prefix,
    providers: providerList.map((p) => p.name),
    providerIds: providerList.map((p) => p.id),
    min,
    max,
    lengths,
  };
  if (members.some((s) => fitsShape(s, key))) return { ...base, fits: true };
  if (key.length < min) return { ...base, fits: false, problem: 'short' };
  // A character no member allows (after the prefix): the first one.
  const allows = members.map((s) => alphabetOf(s.shape.pattern.source));
  const chars = [...key];
  let offset = 0;
  for (const [n, ch] of chars.entries()) {
    if (n >= [...prefix].length && !allows.some((ok) => ok(ch)))
      return { ...base, fits: false, problem: 'alphabet', index: offset };
    offset += ch.length;
  }
  if (key.length > max) return { ...base, fits: false, problem: 'long' };
  return { ...base, fits: false, problem: 'structure' };
}
