import { escapeDirective, logicalLines } from './dockerfile-lines.js';
import { processWord, splitWords } from './dockerfile-words.js';

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
  /** For each stage, the earlier stage it is built `FROM` (it inherits its ENV), or -1. */
  readonly parents: readonly number[];
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

type Vars = Map<string, string | null>;

export function parseDockerfile(source: string): DockerParse {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const escape = escapeDirective(lines);
  const vars: DockerVar[] = [];
  const problems: { line: number; message: string }[] = [];
  const globalArgs: Vars = new Map();
  const stageEnv = new Map<string, Vars>();
  const stageIndex = new Map<string, number>();
  const parents: number[] = [];
  let stage = -1;
  let scope: Vars = globalArgs;

  for (const logical of logicalLines(lines, escape)) {
    const m = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(logical.text);
    const line = logical.starts[0]?.line ?? 1;
    if (!m) continue;
    const keyword = (m[1] ?? '').toUpperCase();
    const args = m[2] ?? '';
    const argsAt = logical.text.length - args.length;
    const lineAt = (offset: number) => lineOfOffset(logical.starts, argsAt + offset) ?? line;

    if (keyword === 'FROM') {
      stage++;
      const [image, as, name] = args
        .trim()
        .split(/\s+/)
        .filter((w) => !w.startsWith('--'));
      scope = new Map(image !== undefined ? (stageEnv.get(image.toLowerCase()) ?? []) : []);
      parents.push(image !== undefined ? (stageIndex.get(image.toLowerCase()) ?? -1) : -1);
      if (as?.toLowerCase() === 'as' && name) {
        stageEnv.set(name.toLowerCase(), scope);
        stageIndex.set(name.toLowerCase(), stage);
      }
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
      const rest = args.slice(first?.end ?? 0).replace(/^\s+/, '');
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
  return { vars, stages: stage + 1, parents, problems };
}

/**
 * The physical line of an offset in a logical line: the last start at or before it, by binary
 * search (an ENV continued over 30k lines has 30k starts and as many words).
 */
function lineOfOffset(
  starts: readonly { readonly offset: number; readonly line: number }[],
  offset: number,
): number | undefined {
  let lo = 0;
  let hi = starts.length - 1;
  if (hi < 0 || (starts[0]?.offset ?? 0) > offset) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid]?.offset ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return starts[lo]?.line;
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
