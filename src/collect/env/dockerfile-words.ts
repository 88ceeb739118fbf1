import { interpolate } from './interpolate.js';

/** Dockerfile words: split on unquoted whitespace, and Docker's ProcessWord for values. */

export interface Word {
  readonly raw: string;
  /** The text with quotes and escapes removed (only used for names and `=` detection). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Splits on unquoted whitespace; null when a quote is never closed. */
export function splitWords(args: string, escape: string): Word[] | null {
  const words: Word[] = [];
  let i = 0;
  while (i < args.length) {
    while (i < args.length && /\s/.test(args[i] ?? '')) i++;
    if (i >= args.length) break;
    const start = i;
    let text = '';
    while (i < args.length && !/\s/.test(args[i] ?? '')) {
      const c = args[i] ?? '';
      if (c === escape) {
        text += args[i + 1] ?? '';
        i += 2;
      } else if (c === '"' || c === "'") {
        const close = closingQuote(args, i, escape);
        if (close === -1) return null;
        text += args.slice(i + 1, close);
        i = close + 1;
      } else {
        text += c;
        i++;
      }
    }
    words.push({ raw: args.slice(start, i), text, start, end: i });
  }
  return words;
}

function closingQuote(text: string, open: number, escape: string): number {
  const q = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (q === '"' && text[i] === escape) i++;
    else if (text[i] === q) return i;
  }
  return -1;
}

const NAME_AFTER_DOLLAR = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Docker's ProcessWord: quotes removed, escapes applied, variables expanded. */
export function processWord(
  raw: string,
  escape: string,
  lookup: (name: string) => string | null | undefined,
): { value: string | null; from: string[] } {
  let out = '';
  const from: string[] = [];
  let unknown = false;
  let quote: '"' | "'" | null = null;
  // Where the next `}` is, found once per `}`: a value of many `${` with no `}` is read once.
  let close = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (quote === "'") {
      if (c === "'") quote = null;
      else out += c;
      continue;
    }
    if (c === escape) {
      const next = raw[i + 1] ?? '';
      if (quote === '"' && !['"', '$', escape].includes(next)) out += c;
      out += next;
      i++;
      continue;
    }
    if (quote === null && (c === '"' || c === "'")) {
      quote = c;
      continue;
    }
    if (quote === '"' && c === '"') {
      quote = null;
      continue;
    }
    if (c === '$') {
      let expr: string | undefined;
      if (raw[i + 1] === '{') {
        if (close !== -2 && close <= i) {
          const at = raw.indexOf('}', i + 2);
          close = at === -1 ? -2 : at;
        }
        expr = close >= 0 ? raw.slice(i, close + 1) : undefined;
      } else {
        NAME_AFTER_DOLLAR.lastIndex = i + 1;
        const name = NAME_AFTER_DOLLAR.exec(raw)?.[0];
        expr = name === undefined ? undefined : `$${name}`;
      }
      if (expr !== undefined) {
        const result = interpolate(expr, lookup);
        const name = /[A-Za-z_][A-Za-z0-9_]*/.exec(expr)?.[0] ?? '';
        if (result.unknown) {
          unknown = true;
          from.push(name);
        }
        out += result.value;
        i += expr.length - 1;
        continue;
      }
    }
    out += c;
  }
  return { value: unknown ? null : out, from };
}
