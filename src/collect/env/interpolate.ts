/**
 * `${VAR}` substitution as docker compose (`$$` escapes) and dotenv-expand (`\$` escapes) do it:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`,
 * `${VAR:?error}`, `${VAR?error}`; defaults may nest. Pure.
 */

/** A variable's value; undefined when unset, null when set but unknown (a build argument). */
export type Lookup = (name: string) => string | null | undefined;

export interface Interpolated {
  readonly value: string;
  /** Names looked up but unset: compose substitutes an empty string (and warns). */
  readonly missing: readonly string[];
  /** Names whose `?` form fails: compose refuses to start. */
  readonly required: readonly string[];
  /** Some part is unknown statically. */
  readonly unknown: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATOR = /^(:-|-|:\+|\+|:\?|\?)/;

export function interpolate(
  text: string,
  lookup: Lookup,
  escape: '$$' | '\\$' = '$$',
): Interpolated {
  const missing: string[] = [];
  const required: string[] = [];
  let unknown = false;

  const expand = (input: string, depth: number): string => {
    let out = '';
    let i = 0;
    while (i < input.length) {
      const ch = input[i] ?? '';
      if (escape === '\\$' && ch === '\\' && input[i + 1] === '$') {
        out += '$';
        i += 2;
        continue;
      }
      if (ch !== '$') {
        out += ch;
        i++;
        continue;
      }
      const next = input[i + 1];
      if (escape === '$$' && next === '$') {
        out += '$';
        i += 2;
        continue;
      }
      if (next === '{') {
        const close = matchingBrace(input, i + 1);
        if (close === -1 || depth > 8) {
          out += input.slice(i);
          break;
        }
        out += braced(input.slice(i + 2, close), depth);
        i = close + 1;
        continue;
      }
      const name = NAME.exec(input.slice(i + 1))?.[0];
      if (name === undefined) {
        out += '$';
        i++;
        continue;
      }
      out += valueOf(name);
      i += 1 + name.length;
    }
    return out;
  };

  const valueOf = (name: string): string => {
    const v = lookup(name);
    if (v === undefined) {
      missing.push(name);
      return '';
    }
    if (v === null) {
      unknown = true;
      return '';
    }
    return v;
  };

  const braced = (body: string, depth: number): string => {
    const name = NAME.exec(body)?.[0];
    if (name === undefined) return `\${${body}}`;
    const rest = body.slice(name.length);
    const op = OPERATOR.exec(rest)?.[0];
    if (op === undefined) return rest === '' ? valueOf(name) : `\${${body}}`;
    const arg = rest.slice(op.length);
    const v = lookup(name);
    if (v === null) {
      unknown = true;
      return '';
    }
    const set = v !== undefined;
    const nonEmpty = set && v !== '';
    switch (op) {
      case ':-':
        return nonEmpty ? v : expand(arg, depth + 1);
      case '-':
        return set ? v : expand(arg, depth + 1);
      case ':+':
        return nonEmpty ? expand(arg, depth + 1) : '';
      case '+':
        return set ? expand(arg, depth + 1) : '';
      default: {
        const ok = op === ':?' ? nonEmpty : set;
        if (!ok) required.push(name);
        return v ?? '';
      }
    }
  };

  const value = expand(text, 0);
  return { value, missing, required, unknown };
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}
