import type { CollectedEnv, Definition, NetrcEntry } from '../../collect/env/index.js';
import type { BaseUrlSetting, EnvSource, SimilarName } from '../../evidence/env.js';
import { providersForHost } from '../../providers/detect.js';
import { Secret, fingerprint } from '../../secret/secret.js';
import { definitionsNamed } from './by-name.js';
import {
  aliasGroupsOf,
  baseUrlNames,
  mainHost,
  similarity,
  stripPrefix,
  withinTwoEdits,
  words,
  type NameProvider,
} from './names.js';
import { decideWins } from './wins.js';

const placeOf = (d: Definition) =>
  d.file === null ? 'the process environment' : `${d.file}:${d.line ?? ''}`;

/**
 * Names compared letter by letter (close spellings) with each traced name: the first ones set,
 * in the order of similarNames. Exact relations (case, alias, prefix, words) come from indexes
 * and are found among all names.
 */
export const MAX_SPELLING_NAMES = 1000;

interface SimilarIndex {
  /** Candidate names, in order: the environment first, then .env files, then shell files. */
  readonly byName: ReadonlyMap<string, { readonly d: Definition; readonly order: number }>;
  readonly byUpper: ReadonlyMap<string, readonly string[]>;
  readonly byStripped: ReadonlyMap<string, readonly string[]>;
  readonly byWords: ReadonlyMap<string, readonly string[]>;
  /** Names long enough for a close spelling, upper-cased without prefix, the first ones. */
  readonly spelling: readonly { readonly name: string; readonly key: string }[];
  readonly spellingOf: number;
}

const similarIndexes = new WeakMap<CollectedEnv, SimilarIndex>();

function push(map: Map<string, string[]>, key: string, name: string): void {
  const list = map.get(key);
  if (list) list.push(name);
  else map.set(key, [name]);
}

function similarIndex(c: CollectedEnv): SimilarIndex {
  const cached = similarIndexes.get(c);
  if (cached) return cached;
  const order = { process: 0, dotenv: 1, shell: 2 } as Record<string, number>;
  const best = new Map<string, Definition>();
  for (const d of c.definitions) {
    if (d.value === null || order[d.kind] === undefined) continue;
    const seen = best.get(d.name);
    if (!seen || (order[d.kind] ?? 9) < (order[seen.kind] ?? 9)) best.set(d.name, d);
  }
  const byName = new Map<string, { d: Definition; order: number }>();
  const byUpper = new Map<string, string[]>();
  const byStripped = new Map<string, string[]>();
  const byWords = new Map<string, string[]>();
  const spelling: { name: string; key: string }[] = [];
  let spellingOf = 0;
  for (const [name, d] of best) {
    byName.set(name, { d, order: byName.size });
    const stripped = stripPrefix(name);
    push(byUpper, name.toUpperCase(), name);
    push(byStripped, stripped, name);
    push(byWords, words(stripped), name);
    if (stripped.length >= 6) {
      spellingOf++;
      if (spelling.length < MAX_SPELLING_NAMES)
        spelling.push({ name, key: stripped.toUpperCase() });
    }
  }
  const index = { byName, byUpper, byStripped, byWords, spelling, spellingOf };
  similarIndexes.set(c, index);
  return index;
}

/** A note when close spellings were looked for among the first names only, else null. */
export function similarNamesNote(c: CollectedEnv): string | null {
  const { spelling, spellingOf } = similarIndex(c);
  return spellingOf > spelling.length
    ? `similar names: close spellings compared with the first ${spelling.length} of ${spellingOf} names set (the environment, .env files, shell start-up files)`
    : null;
}

/** Set variables (environment, .env files, shell start-up files) whose name is close to `name`. */
export function similarNames(name: string, c: CollectedEnv): SimilarName[] {
  const index = similarIndex(c);
  const stripped = stripPrefix(name);
  const candidates = new Set<string>([
    ...(index.byUpper.get(name.toUpperCase()) ?? []),
    ...aliasGroupsOf(name).flat(),
    ...(index.byStripped.get(stripped) ?? []),
    ...(index.byWords.get(words(stripped)) ?? []),
  ]);
  if (stripped.length >= 6) {
    // In order: past the 5th match, later names cannot be among the first 5.
    const key = stripped.toUpperCase();
    let matches = 0;
    for (const s of index.spelling) {
      if (matches >= 5) break;
      if (s.name !== name && withinTwoEdits(key, s.key)) {
        candidates.add(s.name);
        matches++;
      }
    }
  }
  const found: { order: number; name: string; reason: string; d: Definition }[] = [];
  for (const other of candidates) {
    const entry = index.byName.get(other);
    if (!entry || other === name) continue;
    const reason = similarity(name, other);
    if (reason !== null) found.push({ order: entry.order, name: other, reason, d: entry.d });
  }
  return found
    .sort((a, b) => a.order - b.order)
    .slice(0, 5)
    .flatMap((f) =>
      f.d.value === null
        ? []
        : [
            {
              name: f.name,
              reason: f.reason,
              where: placeOf(f.d),
              fingerprint: fingerprint(f.d.value),
            },
          ],
    );
}

/** Base-URL variables of the name's provider that point at a host of another provider. */
export function baseUrlSettings(np: NameProvider, c: CollectedEnv): BaseUrlSetting[] {
  const out: BaseUrlSetting[] = [];
  for (const { name, readers } of baseUrlNames(np)) {
    const defs = definitionsNamed(c, name).filter((d) => d.group === 'app');
    const wins = decideWins(defs);
    const winner = defs.find((_, i) => wins[i]);
    if (!winner || winner.value === null || winner.value.trim() === '') continue;
    let host: string | null = null;
    try {
      host = new URL(winner.value.trim()).hostname.toLowerCase();
    } catch {
      host = null;
    }
    if (host !== null && providersForHost(host).some((p) => p.id === np.provider.id)) continue;
    out.push({
      name,
      host,
      where: placeOf(winner),
      readers,
      expected: mainHost(np.provider) ?? np.provider.name,
    });
  }
  return out;
}

const netrcIndexes = new WeakMap<
  readonly NetrcEntry[],
  { machines: Map<string, NetrcEntry>; defaults: NetrcEntry[] }
>();

/** The first entry of each machine, and the `default` entries, found once (not once per name). */
function netrcIndex(entries: readonly NetrcEntry[]) {
  let index = netrcIndexes.get(entries);
  if (!index) {
    const machines = new Map<string, NetrcEntry>();
    for (const e of entries) {
      const m = e.machine?.toLowerCase();
      if (m !== undefined && !machines.has(m)) machines.set(m, e);
    }
    index = { machines, defaults: entries.filter((e) => e.machine === null) };
    netrcIndexes.set(entries, index);
  }
  return index;
}

/** The .netrc entry clients use for `host`: its `machine`, else `default`. */
export function netrcSources(entries: readonly NetrcEntry[], host: string | null): EnvSource[] {
  if (host === null) return [];
  const index = netrcIndex(entries);
  const exact = index.machines.get(host.toLowerCase());
  const chosen = exact ? [exact] : index.defaults;
  return chosen.flatMap((e) =>
    e.password === null
      ? []
      : [
          {
            kind: 'netrc' as const,
            file: e.file,
            line: e.line,
            value: new Secret(e.password, `netrc:${e.file}`),
            wins: true,
            tool: 'requests, httpx, curl -n',
            group: 'netrc',
            note: e.machine === null ? 'the default entry' : `the entry for machine ${e.machine}`,
          },
        ],
  );
}
