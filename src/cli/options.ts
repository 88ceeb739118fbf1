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
