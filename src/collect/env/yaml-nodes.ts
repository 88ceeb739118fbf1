import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** A YAML node with its source line, aliases resolved. */
export interface YamlWalker {
  deref(node: unknown): unknown;
  line(node: unknown): number;
  /** A map's entries, merge keys (`<<: *anchor`) first, so later entries override them. */
  entries(node: unknown): { key: string; keyNode: unknown; value: unknown }[];
  get(node: unknown, key: string): unknown;
  /** A scalar as text; null for a YAML null, undefined for a collection. */
  text(node: unknown): string | null | undefined;
}

export function yamlWalker(doc: Document.Parsed, counter: LineCounter): YamlWalker {
  const deref = (node: unknown): unknown => {
    let n = node;
    for (let i = 0; i < 8 && isAlias(n); i++) n = n.resolve(doc);
    return n;
  };
  const line = (node: unknown): number => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? counter.linePos(range[0]).line : 0;
  };
  const entries: YamlWalker['entries'] = (node) => {
    const map = deref(node);
    if (!isMap(map)) return [];
    const merged: ReturnType<YamlWalker['entries']> = [];
    const own: ReturnType<YamlWalker['entries']> = [];
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === '<<') {
        const source = deref(pair.value);
        const maps = isSeq(source) ? source.items : [source];
        for (const m of maps) merged.push(...entries(m));
        continue;
      }
      own.push({ key, keyNode: pair.key, value: pair.value });
    }
    return [...merged, ...own];
  };
  const get = (node: unknown, key: string) =>
    entries(node)
      .filter((e) => e.key === key)
      .at(-1)?.value;
  const text = (node: unknown): string | null | undefined => {
    const n = deref(node);
    if (n === null || n === undefined) return null;
    if (!isScalar(n)) return undefined;
    return n.value === null || n.value === undefined ? null : String(n.value);
  };
  return { deref, line, entries, get, text };
}

/** The first problems of a parsed YAML document, with their lines. */
export function yamlProblems(doc: Document.Parsed): { line: number; message: string }[] {
  return doc.errors.slice(0, 3).map((e) => ({
    line: e.linePos?.[0]?.line ?? 0,
    message: `not valid YAML (${e.code})`,
  }));
}
