import type { ParseArgsConfig } from 'node:util';
import { usageError } from '../errors.js';

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

/** Runs a strict parseArgs call, turning its TypeError into a one-line usage error. */
export function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    const message =
      e instanceof Error ? (e.message.split('\n')[0] ?? 'invalid arguments') : 'invalid arguments';
    throw usageError(message);
  }
}
