import { parse } from 'dotenv';

/**
 * dotenv's own line pattern (dotenv 17 lib/main.js), with match indices: used only to find the
 * line of each definition, duplicates and unparsed lines. Values always come from dotenv's
 * `parse`, so they are exactly what apps get.
 */
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

const QUOTES = new Set(['"', "'", '`']);

export interface DotenvEntry {
  readonly name: string;
  /** 1-based line of the name. */
  readonly line: number;
  /** The value dotenv gives for this definition. */
  readonly value: string;
  /** Written between quotes that dotenv removed. */
  readonly quoted: boolean;
  /** The text after `=` up to the end of the line, for loaders that take values literally. */
  readonly literal: string;
  /**
   * Unquoted, with a `#` right after a character of the value (`abc#def`): dotenv ends the value
   * there, while compose and python-dotenv take a `#` as a comment only after a space.
   */
  readonly hashCut: boolean;
}

export interface DotenvScan {
  readonly entries: readonly DotenvEntry[];
  readonly crlf: boolean;
  /** Starts with a UTF-8 byte-order mark (U+FEFF), which dotenv skips but other parsers do not. */
  readonly bom: boolean;
  /** Lines that are neither blank, a comment, nor part of a definition: dotenv skips them. */
  readonly unparsed: readonly number[];
}

export function scanDotenv(text: string): DotenvScan {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let i = 0; i < normalized.length; i++) if (normalized[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const whole = parse(normalized);
  const found: DotenvEntry[] = [];
  const covered = new Set<number>();
  for (const m of normalized.matchAll(LINE)) {
    const name = m[1];
    const at = m.indices?.[1]?.[0];
    if (name === undefined || at === undefined) continue;
    const first = lineOf(at);
    const last = lineOf(Math.max(at, (m.index ?? 0) + m[0].length - 1));
    for (let l = first; l <= last; l++) covered.add(l);
    const raw = (m[2] ?? '').trim();
    const value = parse(m[0])[name] ?? '';
    const lineEnd = normalized.indexOf('\n', at);
    const rest = normalized.slice(at + name.length, lineEnd === -1 ? undefined : lineEnd);
    const literal = rest.replace(/^\s*[=:]/, '');
    const unquoted = literal.trimStart();
    const hash = unquoted.indexOf('#');
    found.push({
      name,
      line: first,
      value,
      quoted: QUOTES.has(raw[0] ?? '') && value !== raw,
      literal,
      hashCut: !QUOTES.has(unquoted[0] ?? '') && hash > 0 && !/\s/.test(unquoted[hash - 1] ?? ''),
    });
  }
  // The last definition of a name is the one `parse` keeps: take its value from the whole text.
  const lastIndex = new Map(found.map((e, i) => [e.name, i]));
  const entries = found.map((e, i) =>
    lastIndex.get(e.name) === i ? { ...e, value: whole[e.name] ?? e.value } : e,
  );
  const unparsed: number[] = [];
  normalized.split('\n').forEach((content, i) => {
    const t = content.trim();
    if (t !== '' && !t.startsWith('#') && !covered.has(i + 1)) unparsed.push(i + 1);
  });
  return { entries, crlf: /\r\n/.test(text), bom: text.charCodeAt(0) === 0xfeff, unparsed };
}
