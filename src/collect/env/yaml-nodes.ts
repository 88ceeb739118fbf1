import {
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  visit,
  type Alias,
  type Document,
  type LineCounter,
} from 'yaml';

/**
 * Entries a document's merge keys (`<<: *anchor`) may bring in, in all: a "billion laughs" of
 * merge keys (each map merging the one before ten times) would otherwise build 10^9 entries
 * from a 1 KiB file. Far above what a compose file or a manifest holds.
 */
export const MAX_MERGED_ENTRIES = 50_000;

/** How documents are parsed for yamlWalker: duplicate keys are its to find (see there). */
export const YAML_OPTIONS = { uniqueKeys: false } as const;

/** A YAML node with its source line, aliases resolved. */
export interface YamlWalker {
  deref(node: unknown): unknown;
  line(node: unknown): number;
  /** A map's entries, merge keys (`<<: *anchor`) first, so later entries override them. */
  entries(node: unknown): readonly YamlEntry[];
  get(node: unknown, key: string): unknown;
  /** A scalar as text; null for a YAML null, undefined for a collection. */
  text(node: unknown): string | null | undefined;
  /**
   * Duplicate keys (the first 3), and a note when merge keys were cut at MAX_MERGED_ENTRIES or
   * formed a loop. The document must be parsed with YAML_OPTIONS.
   */
  problems(): { line: number; message: string }[];
}

export interface YamlEntry {
  readonly key: string;
  readonly keyNode: unknown;
  readonly value: unknown;
}

/**
 * Walks a parsed document without ever expanding it as a whole (no `toJS`, whose `maxAliasCount`
 * guard is the library's only one): every alias is resolved once, from one pass over the
 * document (`Alias.resolve` walks the whole document at each call: 30k aliases took minutes), a
 * map's entries are built once, and merge keys bring in at most MAX_MERGED_ENTRIES entries.
 */
export function yamlWalker(doc: Document.Parsed, counter: LineCounter): YamlWalker {
  const line = (node: unknown): number => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? counter.linePos(range[0]).line : 0;
  };
  // An alias names the last node with its anchor before it (YAML 1.2, and `Alias.resolve`).
  const targets = new Map<Alias, unknown>();
  const anchors = new Map<string, unknown>();
  // Duplicate keys, found here in one pass: the parser's own check (`uniqueKeys`) compares each
  // key with every earlier one of its map, and took minutes on a map of 30k keys.
  const duplicates: { line: number; message: string }[] = [];
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
      if (isMap(node) && duplicates.length < 3) {
        const keys = new Set<unknown>();
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          if (keys.has(pair.key.value) && duplicates.length < 3)
            duplicates.push({ line: line(pair.key), message: 'not valid YAML (DUPLICATE_KEY)' });
          keys.add(pair.key.value);
        }
      }
    },
  });
  const deref = (node: unknown): unknown => {
    let n = node;
    for (let i = 0; i < 8 && isAlias(n); i++) n = targets.get(n);
    return n;
  };
  const built = new Map<unknown, readonly YamlEntry[]>();
  const byKey = new Map<unknown, Map<string, unknown>>();
  const building = new Set<unknown>();
  let merged = 0;
  let note: { line: number; message: string } | null = null;
  const entries = (node: unknown): readonly YamlEntry[] => {
    const map = deref(node);
    if (!isMap(map)) return [];
    const done = built.get(map);
    if (done) return done;
    if (building.has(map)) {
      // `a: &a { <<: *a }`: a map that merges itself
      note ??= { line: line(map), message: 'a merge key (<<) refers to its own map; ignored' };
      return [];
    }
    building.add(map);
    const fromMerges: YamlEntry[] = [];
    const own: YamlEntry[] = [];
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === '<<') {
        const source = deref(pair.value);
        const maps = isSeq(source) ? source.items : [source];
        for (const m of maps) {
          const add = entries(m);
          if (merged + add.length > MAX_MERGED_ENTRIES) {
            note ??= {
              line: line(pair.key),
              message: `YAML aliases and merge keys (<<) bring in more than ${MAX_MERGED_ENTRIES} entries: read up to there`,
            };
            break;
          }
          merged += add.length;
          fromMerges.push(...add);
        }
        continue;
      }
      own.push({ key, keyNode: pair.key, value: pair.value });
    }
    building.delete(map);
    const all = fromMerges.length === 0 ? own : [...fromMerges, ...own];
    built.set(map, all);
    return all;
  };
  const get = (node: unknown, key: string): unknown => {
    const map = deref(node);
    if (!isMap(map)) return undefined;
    let keys = byKey.get(map);
    if (!keys) {
      keys = new Map();
      // The last entry of a key wins (merged entries come first).
      for (const e of entries(map)) keys.set(e.key, e.value);
      byKey.set(map, keys);
    }
    return keys.get(key);
  };
  const text = (node: unknown): string | null | undefined => {
    const n = deref(node);
    if (n === null || n === undefined) return null;
    if (!isScalar(n)) return undefined;
    return n.value === null || n.value === undefined ? null : String(n.value);
  };
  const problems = () => [...duplicates, ...(note ? [note] : [])];
  return { deref, line, entries, get, text, problems };
}

/** The first problems of a parsed YAML document, with their lines. */
export function yamlProblems(doc: Document.Parsed): { line: number; message: string }[] {
  return doc.errors.slice(0, 3).map((e) => ({
    line: e.linePos?.[0]?.line ?? 0,
    message: `not valid YAML (${e.code})`,
  }));
}
