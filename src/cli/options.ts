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
    if (eq <= 0) throw usageError(`--param takes NAME=VALUE, got "${raw.slice(0, 40)}"`);
    out[raw.slice(0, eq)] = raw.slice(eq + 1);
  }
  return out;
}

/** `Name: value` → [name, value]; a one-line usage error otherwise. */
export function parseHeader(raw: string): [string, string] {
  const i = raw.indexOf(':');
  if (i <= 0) throw new Error(`a header is "Name: value", got "${raw.slice(0, 40)}"`);
  return [raw.slice(0, i).trim(), raw.slice(i + 1).replace(/^ /, '')];
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
    const message = first
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
export function listenError(e: unknown, port: number): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return usageError(`port ${port} is in use: pick another with --port (0: any free port)`);
  if (code === 'EACCES')
    return usageError(
      `port ${port} needs privileges this user lacks: pick one from 1024 with --port (0: any free port)`,
    );
  return e;
}
