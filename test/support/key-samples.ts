/**
 * Fake credentials for tests, generated at run time from the catalog's own key shapes, so no
 * key-like string is ever written down in a test file.
 *
 * The generator covers the regex subset the catalog uses: literals, escapes (\. \s \S \d \w),
 * character classes with ranges, groups (?:…) with alternation, and the quantifiers {n}, {n,},
 * {n,m}, +, * and ?. Samples come from a seeded PRNG: random-looking, reproducible, fake.
 */
import { PROVIDERS } from '../../src/providers/catalog/index.js';
import type { KeyShape, Provider } from '../../src/providers/types.js';

type Node =
  | { t: 'chars'; set: string }
  | { t: 'seq'; items: { node: Node; min: number; max: number }[] }
  | { t: 'alt'; options: Node[] };

export const DIGITS = '0123456789';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = LOWER.toUpperCase();
export const HEX = '0123456789abcdef';
export const ALNUM = UPPER + LOWER + DIGITS;
const WORD = DIGITS + LOWER + UPPER + '_';
const SPACE = ' ';

function range(from: string, to: string): string {
  let out = '';
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out += String.fromCharCode(c);
  return out;
}

function escapeSet(c: string): string {
  switch (c) {
    case 'd':
      return DIGITS;
    case 'w':
      return WORD;
    case 's':
      return SPACE;
    case 'S':
      return DIGITS + LOWER + UPPER;
    default:
      if (/[A-Za-z0-9]/.test(c)) throw new Error(`unsupported escape \\${c}`);
      return c;
  }
}

function parseRegex(source: string): Node {
  let i = 0;
  const peek = (): string | undefined => source[i];
  const next = (): string => {
    const c = source[i++];
    if (c === undefined) throw new Error(`unexpected end of ${source}`);
    return c;
  };

  function parseClass(): Node {
    if (peek() === '^') throw new Error(`negated class in ${source}`);
    let set = '';
    while (peek() !== ']') {
      let c = next();
      let chars = c;
      if (c === '\\') {
        c = next();
        chars = escapeSet(c);
      }
      if (chars.length === 1 && peek() === '-' && source[i + 1] !== ']') {
        next();
        let to = next();
        if (to === '\\') to = next();
        chars = range(c, to);
      }
      set += chars;
    }
    next();
    return { t: 'chars', set };
  }

  function parseQuantifier(): [number, number] {
    const c = peek();
    if (c === '+') return (next(), [1, Infinity]);
    if (c === '*') return (next(), [0, Infinity]);
    if (c === '?') return (next(), [0, 1]);
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) throw new Error(`bad quantifier in ${source}`);
      i += m[0].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      return [min, max];
    }
    return [1, 1];
  }

  function parseAlt(): Node {
    const options: Node[] = [parseSeq()];
    while (peek() === '|') {
      next();
      options.push(parseSeq());
    }
    return options.length === 1 ? (options[0] as Node) : { t: 'alt', options };
  }

  function parseSeq(): Node {
    const items: { node: Node; min: number; max: number }[] = [];
    while (i < source.length && peek() !== '|' && peek() !== ')') {
      const c = next();
      let node: Node;
      if (c === '(') {
        if (source.startsWith('?:', i)) i += 2;
        else if (peek() === '?') throw new Error(`unsupported group in ${source}`);
        node = parseAlt();
        if (next() !== ')') throw new Error(`unbalanced group in ${source}`);
      } else if (c === '[') {
        node = parseClass();
      } else if (c === '\\') {
        node = { t: 'chars', set: escapeSet(next()) };
      } else if (c === '.' || c === '^' || c === '$') {
        throw new Error(`unsupported ${c} in ${source}`);
      } else {
        node = { t: 'chars', set: c };
      }
      const [min, max] = parseQuantifier();
      items.push({ node, min, max });
    }
    return { t: 'seq', items };
  }

  const tree = parseAlt();
  if (i !== source.length) throw new Error(`trailing input in ${source}`);
  return tree;
}

/** mulberry32: small, seeded, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

function generate(node: Node, rand: () => number): string {
  const pick = (n: number): number => Math.floor(rand() * n);
  switch (node.t) {
    case 'chars':
      return node.set[pick(node.set.length)] ?? '';
    case 'alt':
      return generate(node.options[pick(node.options.length)] as Node, rand);
    case 'seq':
      return node.items
        .map(({ node: child, min, max }) => {
          // Open-ended repeats get a realistic length, not the bare minimum.
          const hi = max === Infinity ? Math.max(min, 8) + 24 : max;
          const lo = max === Infinity ? Math.max(min, min === 0 ? 0 : 8) : min;
          const count = lo + pick(hi - lo + 1);
          let out = '';
          for (let k = 0; k < count; k++) out += generate(child, rand);
          return out;
        })
        .join('');
  }
}

/** `count` reproducible samples of a shape; `label` seeds them. */
export function samplesOf(shape: KeyShape, label: string, count = 6): string[] {
  const tree = parseRegex(shape.pattern.source);
  return Array.from({ length: count }, (_, n) => generate(tree, rng(seedOf(`${label}#${n}`))));
}

export const anchored = (shape: KeyShape): RegExp =>
  new RegExp(`^(?:${shape.pattern.source})$`, shape.pattern.flags);

export function provider(id: string): Provider {
  const p = PROVIDERS.find((q) => q.id === id);
  if (!p) throw new Error(`no provider ${id} in the catalog`);
  return p;
}

/** One fake key of a provider's shape number `shape` (0: its main shape); `n` picks another. */
export function sampleKey(providerId: string, shape = 0, n = 0): string {
  const s = provider(providerId).keyShapes[shape];
  if (!s) throw new Error(`${providerId} has no key shape ${shape}`);
  return samplesOf(s, `${providerId}/${shape}`, n + 1)[n] as string;
}

/** The provider's first key shape that is not a mere identifier (an account SID, a key id). */
export function mainShape(p: Provider): KeyShape {
  const shape = p.keyShapes.find((s) => !s.kinds.includes('identifier'));
  if (!shape) throw new Error(`${p.id} has only identifier shapes`);
  return shape;
}

/** A clean fake key of the provider's main shape. */
export function mainSample(p: Provider, n = 0): string {
  return samplesOf(mainShape(p), `${p.id}/main`, n + 1)[n] as string;
}

/** `length` characters of `alphabet`, reproducible per `label`. */
export function fill(alphabet: string, length: number, label = 'fill'): string {
  const rand = rng(seedOf(label));
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}
