import {
  accessSync,
  constants,
  createWriteStream,
  openSync,
  statSync,
  type WriteStream,
} from 'node:fs';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { usageError } from '../errors.js';
import { printableOutput } from '../secret/printable.js';
import { maskSecretLike } from '../secret/scrub.js';
import { isPlainName, looksLikeSecretValue, shownName } from '../secret/name-or-secret.js';
import { writeErr } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The credential options shared by check, curl and key (spec/cli.md). */
export const CREDENTIAL_OPTIONS = {
  'key-env': { type: 'string' },
  'key-file': { type: 'string' },
  'key-stdin': { type: 'boolean' },
  key: { type: 'string' },
  provider: { type: 'string' },
} as const satisfies Options;

export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  reveal: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** `--param NAME=VALUE` (repeatable) → { NAME: VALUE }; the last of a name wins. */
export function paramsOf(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of values ?? []) {
    const eq = raw.indexOf('=');
    const name = eq < 0 ? raw : raw.slice(0, eq);
    // A key pasted as --param KEY or --param KEY=…: the name is never echoed unless plainly one.
    if (eq <= 0 || !isPlainName(name))
      throw usageError(
        `--param takes NAME=VALUE (e.g. --param AccountSID=AC…), got ${shownName(name)}${eq < 0 ? ' without =' : ' as the name'}`,
      );
    out[name] = raw.slice(eq + 1);
  }
  return out;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `Name: value` → [name, value]; a one-line usage error otherwise. Neither a header without a
 * colon nor a name that looks like a key (`-H "sk-proj-…: 1"`, `-H "$KEY"`) is echoed.
 */
export function parseHeader(raw: string): [string, string] {
  const i = raw.indexOf(':');
  if (i <= 0)
    throw usageError(
      isPlainName(raw.trim())
        ? `a header is "Name: value", got "${raw.trim()}" without a colon`
        : `a header is "Name: value", got ${raw.length} characters without a colon (not shown: it may be a key): write -H "Authorization: Bearer …" or the provider's header`,
    );
  const name = raw.slice(0, i).trim();
  if (!TOKEN.test(name) || (!isPlainName(name) && (name.length >= 9 || looksLikeSecretValue(name))))
    throw usageError(
      `a header name is a word such as Authorization or X-Api-Key; the name given (${name.length} characters) looks like a key value and is not shown: write -H "Authorization: Bearer …" or the provider's header`,
    );
  return [name, raw.slice(i + 1).replace(/^ /, '')];
}

/**
 * A name option's value (`--key-env NAME`, `--provider ID`): a key pasted there is refused
 * without being echoed. `expected` is what the option takes, `hint` how to pass a key instead.
 */
export function nameOption(flag: string, value: string, expected: string, hint: string): string {
  if (isPlainName(value)) return value;
  throw usageError(
    `${flag} takes ${expected}; what was given (${value.length} characters) is not a name and may be a key value, so it is not shown: ${hint}`,
  );
}

/** Levenshtein distance, for "did you mean" on short names. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(
        cur + 1,
        (row[j - 1] as number) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** The names among `known` that `word` may be a typo or a part of, best first (at most 5). */
export function nearNames(word: string, known: readonly string[]): string[] {
  const w = word.toLowerCase();
  if (w.length < 3) return [];
  const scored = known
    .map((k) => {
      const d = distance(w, k.toLowerCase());
      const part = k.toLowerCase().includes(w) ? 0.5 : Infinity;
      return {
        k,
        score: Math.min(part, d <= Math.max(1, Math.floor(k.length / 4)) ? d : Infinity),
      };
    })
    .filter((x) => x.score !== Infinity)
    .sort((a, b) => a.score - b.score);
  return scored.slice(0, 5).map((x) => x.k);
}

/**
 * Runs a strict parseArgs call, turning its TypeError into a one-line usage error that names the
 * command's --help (parseArgs' advice about '--' and positionals is dropped: it misleads here).
 */
export function parsed<T>(parse: () => T, command: string): T {
  try {
    return parse();
  } catch (e) {
    const first = e instanceof Error ? (e.message.split('\n')[0] ?? '') : '';
    const message = unechoed(first)
      .replace(/\. To specify a positional argument.*$/, '')
      .replace(
        /^Option '(-\w, )?(--[\w-]+)' argument is ambiguous\.?$/,
        "Option '$2' needs a value (for one that starts with '-', write $2=VALUE)",
      )
      .replace(/^Option '(-\w)' argument is ambiguous\.?$/, "Option '$1' needs a value")
      .replace(/\.$/, '');
    throw usageError(
      `${message || 'invalid arguments'}. Run why401 ${command} --help for its options.`,
    );
  }
}

/**
 * parseArgs quotes the word it refused (`Unknown option '--…'`, `Unexpected argument '…'`): a
 * word that is not plainly a name (a key pasted as an option or an extra word) is described.
 */
function unechoed(message: string): string {
  return message.replace(/'([^']*)'/g, (whole, word: string) => {
    const bare = word.replace(/^-{1,2}/, '');
    if (bare === '' || isPlainName(bare) || /^-\w, --[\w-]+$/.test(word)) return whole;
    return `(${word.length} characters, not shown: it may be a key)`;
  });
}

/**
 * A folder option's value (`env --dir`, `check --env-dir`), resolved: one that is not a folder,
 * or that this user may not enter (no file in it could be read), is a usage error.
 */
export function directoryOption(flag: string, value: string | undefined): string {
  const dir = resolve(value ?? process.cwd());
  if (!isDirectory(dir)) throw usageError(`${flag} ${value ?? dir}: not a directory`);
  if (!searchable(dir))
    throw usageError(`${flag} ${value ?? dir}: permission denied (no file in it can be read)`);
  return dir;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Files in a folder without search (x) permission cannot be opened, whatever their own mode. */
function searchable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `--log FILE` of capture and run, opened for appending (0600) before anything starts: a file that
 * cannot be written is a usage error (exit 2), not a line on stderr while calls go unlogged.
 */
export function openLogFile(path: string, command: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(path, 'a', 0o600);
  } catch (e) {
    throw usageError(`cannot write --log ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const stream = createWriteStream(path, { fd, flags: 'a' });
  // JSON lines a terminal shows (`tail -f`): DEL, C1, bidi and invisible characters, which
  // JSON.stringify leaves raw, go in as \uXXXX escapes, the same data once parsed
  const write = stream.write.bind(stream) as (chunk: unknown) => boolean;
  stream.write = ((chunk: unknown) =>
    write(typeof chunk === 'string' ? printableOutput(chunk) : chunk)) as typeof stream.write;
  stream.on('error', (e) => {
    // a disk that fills up later: said once on stderr, the run goes on
    writeErr(`why401 ${command}: cannot write --log: ${maskSecretLike(e.message)}`);
  });
  return stream;
}

/**
 * A local port capture or echo could not listen on is the user's to change (exit 2), not an
 * internal error: taken, or below 1024 for a user without the privilege.
 */
export function listenError(e: unknown, port: number, option = '--port'): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return usageError(`port ${port} is in use: pick another with ${option} (0: any free port)`);
  if (code === 'EACCES')
    return usageError(
      `port ${port} needs privileges this user lacks: pick one from 1024 with ${option} (0: any free port)`,
    );
  return e;
}
