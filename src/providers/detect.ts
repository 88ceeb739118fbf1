import { PROVIDERS } from './catalog.js';
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
