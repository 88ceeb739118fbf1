/**
 * No import cycle in src/ (issue 15): every static import of src/**\/*.ts (tests aside) is walked,
 * and a module that reaches itself again is a cycle. A dynamic `import()` is lazy: it does not
 * count.
 *
 * - What runs: `import type` and `export type` are erased (verbatimModuleSyntax), so they do not
 *   count; `import { type A }` does (it stays as an import). No cycle at all.
 * - What compiles: type-only imports count too. ALLOWED lists the cycles still being broken
 *   elsewhere, each with who breaks it. It ratchets: a new cycle fails, and so does an allowed one
 *   that is gone (remove it from the list).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

const SRC = join(ROOT, 'src');

/**
 * Cycles still there, as the sorted files of each strongly connected group of modules (several
 * cycles through the same files are one entry).
 */
const ALLOWED: readonly (readonly string[])[] = [];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // The live view's browser script has its own tsconfig and imports nothing from the server.
    if (entry.isDirectory()) {
      if (path !== join(SRC, 'capture', 'live', 'client')) out.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/**
 * The relative modules a file imports statically: what it loads when it is loaded, or with
 * `types`, what it needs to compile too (`import type`, `export type`). Dynamic imports aside.
 */
export function staticImports(text: string, types = false): string[] {
  const found: string[] = [];
  // import … from '…' / export … from '…', over several lines; `import '…'` for side effects.
  const statement =
    /^\s*(import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)??['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of text.matchAll(statement)) {
    if ((m[2] && !types) || !m[3]) continue;
    found.push(m[3]);
  }
  return found;
}

function graph(types: boolean): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const from = relative(ROOT, file);
    const to = staticImports(readFileSync(file, 'utf8'), types).map((spec) =>
      relative(ROOT, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))),
    );
    edges.set(from, to);
  }
  return edges;
}

/** Tarjan's strongly connected components with more than one module (or a module importing itself). */
export function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue; // not a source module (a .json, a missing file: tsc says so)
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (edges.get(v) ?? []).includes(v)) groups.push(group.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

describe('import cycles in src/', () => {
  it('reads imports as the compiler keeps them', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "import { type C } from './c.js';",
      "export { d } from '../d.js';",
      "export type { E } from './e.js';",
      "import './f.js';",
      'import {\n  g,\n  h,\n} from "./double-quoted.js";',
      "import {\n  i,\n  type J,\n} from './i.js';",
      "const k = await import('./k.js');",
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    expect(staticImports(text)).toEqual([
      './a.js',
      './c.js',
      '../d.js',
      './f.js',
      './double-quoted.js',
      './i.js',
    ]);
  });

  it('finds a cycle, and only one', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(edges)).toEqual([['a', 'b', 'c']]);
  });

  it('none between the modules that run', () => {
    expect(
      cycles(graph(false)),
      'an import cycle: make the arrow point one way (a leaf module, a types-only module)',
    ).toEqual([]);
  });

  it('none between the modules that compile, but the allowed ones, each still there', () => {
    const found = cycles(graph(true));
    const key = (g: readonly string[]) => [...g].sort().join(' <-> ');
    const allowed = new Set(ALLOWED.map(key));
    expect(
      found.map(key).filter((k) => !allowed.has(k)),
      'a new import cycle: make the arrow point one way (a leaf module, a types-only module)',
    ).toEqual([]);
    expect(
      [...allowed].filter((k) => !found.map(key).includes(k)),
      'an allowed cycle is gone (or changed): update ALLOWED',
    ).toEqual([]);
  });
});
