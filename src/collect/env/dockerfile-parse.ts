import { interpolate } from './interpolate.js';

/**
 * ENV and ARG of a Dockerfile, stage by stage, with Docker's word rules: `ENV A=b C="d e"`,
 * legacy `ENV A b c`, line continuations (and `# escape=` directive), quotes removed, `$VAR` and
 * `${VAR:-x}` expanded from earlier ENV/ARG. A value that depends on a build argument without
 * default (or on the base image) is null: only `docker build` knows it. Pure.
 */

export interface DockerVar {
  readonly name: string;
  readonly value: string | null;
  readonly line: number;
  readonly instruction: 'ENV' | 'ARG';
  /** 0-based stage; -1 for ARG before the first FROM. */
  readonly stage: number;
  readonly note?: string;
}

export interface DockerParse {
  readonly vars: readonly DockerVar[];
  readonly stages: number;
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

interface Logical {
  readonly text: string;
  /** Offsets in `text` where each physical line starts, with its number. */
  readonly starts: readonly { readonly offset: number; readonly line: number }[];
}

type Vars = Map<string, string | null>;

export function parseDockerfile(source: string): DockerParse {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const escape = escapeDirective(lines);
  const vars: DockerVar[] = [];
  const problems: { line: number; message: string }[] = [];
  const globalArgs: Vars = new Map();
  const stageEnv = new Map<string, Vars>();
  let stage = -1;
  let scope: Vars = globalArgs;

  for (const logical of logicalLines(lines, escape)) {
    const m = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(logical.text);
    const line = logical.starts[0]?.line ?? 1;
    if (!m) continue;
    const keyword = (m[1] ?? '').toUpperCase();
    const args = m[2] ?? '';
    const argsAt = logical.text.length - args.length;
    const lineAt = (offset: number) =>
      [...logical.starts].reverse().find((s) => s.offset <= argsAt + offset)?.line ?? line;

    if (keyword === 'FROM') {
      stage++;
      const [image, as, name] = args.trim().split(/\s+/);
      scope = new Map(image !== undefined ? (stageEnv.get(image.toLowerCase()) ?? []) : []);
      if (as?.toLowerCase() === 'as' && name) stageEnv.set(name.toLowerCase(), scope);
      continue;
    }
    if (keyword !== 'ENV' && keyword !== 'ARG') continue;
    const words = splitWords(args, escape);
    if (words === null) {
      problems.push({ line, message: `${keyword} has a quote that is never closed` });
      continue;
    }
    if (words.length === 0) {
      problems.push({ line, message: `${keyword} without a name` });
      continue;
    }
    const lookup = (n: string) => (scope.has(n) ? scope.get(n) : null);
    const legacy = keyword === 'ENV' && !(words[0]?.text ?? '').includes('=');
    if (legacy) {
      const first = words[0];
      const rest = args.slice((first?.end ?? 0) + 0).replace(/^\s+/, '');
      if (!first || rest === '') {
        problems.push({ line, message: `ENV ${first?.text ?? ''} has no value` });
        continue;
      }
      const value = processWord(rest, escape, lookup);
      scope.set(first.text, value.value);
      vars.push(entry(first.text, value, lineAt(first.start), 'ENV', stage));
      continue;
    }
    for (const w of words) {
      const eq = w.text.indexOf('=');
      const name = eq === -1 ? w.text : w.text.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
        problems.push({ line: lineAt(w.start), message: `${keyword} has an invalid name` });
        continue;
      }
      if (eq === -1) {
        if (keyword === 'ENV') {
          problems.push({ line: lineAt(w.start), message: `ENV ${name} has no value` });
          continue;
        }
        // ARG without default: --build-arg gives it; inside a stage, a global default carries over.
        const inherited = stage >= 0 ? globalArgs.get(name) : undefined;
        const value = inherited ?? null;
        scope.set(name, value);
        vars.push({
          name,
          value,
          line: lineAt(w.start),
          instruction: 'ARG',
          stage,
          ...(value === null ? { note: 'a build argument without default (--build-arg)' } : {}),
        });
        continue;
      }
      const raw = w.raw.slice(w.raw.indexOf('=') + 1);
      const value = processWord(raw, escape, lookup);
      scope.set(name, value.value);
      vars.push(entry(name, value, lineAt(w.start), keyword, stage));
    }
  }
  return { vars, stages: stage + 1, problems };
}

function entry(
  name: string,
  value: { value: string | null; from: string[] },
  line: number,
  instruction: 'ENV' | 'ARG',
  stage: number,
): DockerVar {
  return {
    name,
    value: value.value,
    line,
    instruction,
    stage,
    ...(value.value === null
      ? { note: `set from ${value.from.map((n) => `$${n}`).join(', ') || 'the build'}` }
      : {}),
  };
}

function escapeDirective(lines: readonly string[]): string {
  for (const line of lines) {
    const d = /^\s*#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
    if (!d) break;
    if (d[1]?.toLowerCase() === 'escape' && (d[2] === '`' || d[2] === '\\')) return d[2];
  }
  return '\\';
}

function logicalLines(lines: readonly string[], escape: string): Logical[] {
  const out: Logical[] = [];
  const continued = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
  let text = '';
  let starts: { offset: number; line: number }[] = [];
  let heredoc: string | null = null;
  lines.forEach((raw, i) => {
    if (heredoc !== null) {
      if (raw.trim() === heredoc) heredoc = null;
      return;
    }
    const inside = starts.length > 0;
    if (/^\s*#/.test(raw) || (inside && raw.trim() === '')) return;
    if (!inside && raw.trim() === '') return;
    starts.push({ offset: text.length, line: i + 1 });
    if (continued.test(raw)) {
      text += raw.replace(continued, '');
      return;
    }
    text += raw;
    out.push({ text, starts });
    const here = /<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(text);
    if (here && /^\s*(RUN|COPY|ADD)\b/i.test(text)) heredoc = here[2] ?? null;
    text = '';
    starts = [];
  });
  if (starts.length > 0) out.push({ text, starts });
  return out;
}

interface Word {
  readonly raw: string;
  /** The text with quotes and escapes removed (only used for names and `=` detection). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Splits on unquoted whitespace; null when a quote is never closed. */
function splitWords(args: string, escape: string): Word[] | null {
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

/** Docker's ProcessWord: quotes removed, escapes applied, variables expanded. */
function processWord(
  raw: string,
  escape: string,
  lookup: (name: string) => string | null | undefined,
): { value: string | null; from: string[] } {
  let out = '';
  const from: string[] = [];
  let unknown = false;
  let quote: '"' | "'" | null = null;
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
      const expr = /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/.exec(raw.slice(i))?.[0];
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
