/**
 * Shared pieces of the property-based fuzz suites (fast-check). `npm test` runs 1,000 cases per
 * property; `npm run fuzz` sets FUZZ_RUNS=100000. A failure prints fast-check's seed and the
 * shrunk counterexample: replay it with `FUZZ_SEED=<seed> npx vitest run test/fuzz/<file>`.
 */
import fc from 'fast-check';
import { isWhy401Error } from '../../src/errors.js';

export const RUNS = Math.max(1, Number(process.env['FUZZ_RUNS'] ?? '') || 1000);
const SEED = process.env['FUZZ_SEED'];

/** fast-check parameters of every property: the run count, and the seed when one is replayed. */
export const params = { numRuns: RUNS, ...(SEED ? { seed: Number(SEED) } : {}) };

/**
 * A test's time limit: generous per case, so that only a hang fails it (a loop, catastrophic
 * regex backtracking). Nothing is timed in an assertion.
 */
export const TIMEOUT = 60_000 + RUNS * 25;

/** Characters and words that parsers, regexes and shells treat specially. */
export const PIECES = [
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\\',
  '\\\n',
  '"',
  "'",
  '`',
  '“',
  '’',
  '«',
  '=',
  '==',
  ':',
  ',',
  ';',
  '.',
  '...',
  '…',
  '*',
  '***',
  '-',
  '--',
  '_',
  '/',
  '//',
  '?',
  '#',
  '&',
  '%',
  '%2F',
  '@',
  '$',
  '${',
  '}',
  '{{',
  '}}',
  '(',
  ')',
  '[',
  ']',
  '<',
  '>',
  '\u0000',
  '\u00a0',
  '\u200b',
  '\u2028',
  '\ufeff',
  '\u202e',
  '\ud800',
  '\udc00',
  '😀',
  'é',
  'Bearer ',
  'Basic ',
  'Token token=',
  'realm=',
  'error="invalid_token"',
  'Authorization: ',
  'x-api-key=',
  'eyJ',
  'sk-',
  'sk-proj-',
  'T3BlbkFJ',
  'ghp_',
  'xoxb-',
  'AIza',
  '"type":',
  'service_account',
  'export ',
  'http://',
  'https://',
  'a',
  'Z',
  '0',
  '9',
] as const;

/** Strings made of the pieces above, mixed with arbitrary characters. */
export function pieces(maxLength = 200): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 3 })), {
      maxLength: Math.max(1, Math.ceil(maxLength / 3)),
    })
    .map((parts) => parts.join('').slice(0, maxLength));
}

/**
 * Long strings (up to 64 KiB, the longest credential why401 reads) that repeat a short unit:
 * what makes a backtracking regex or a quadratic loop take minutes.
 */
export function repetitive(maxLength = 64 * 1024): fc.Arbitrary<string> {
  return fc
    .tuple(
      pieces(12),
      fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })),
      fc.integer({ min: 1, max: maxLength }),
      pieces(12),
    )
    .map(([head, unit, length, tail]) => {
      const u = unit === '' ? 'a' : unit;
      return `${head}${u.repeat(Math.ceil(length / u.length))}`.slice(0, maxLength) + tail;
    });
}

/**
 * Any text: binary, Unicode, printable ASCII, hostile pieces, and now and then a long one (up to
 * `longLength`, 64 KiB unless told).
 */
export function text(maxLength = 200, longLength = 64 * 1024): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 2, arbitrary: fc.string({ maxLength }) },
    { weight: 6, arbitrary: pieces(maxLength) },
    { weight: 1, arbitrary: repetitive(longLength) },
  );
}

/** Runs `fn`: its value, or undefined when it threw one of why401's own errors; anything else fails. */
export function ownErrorsOnly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (isWhy401Error(error)) return undefined;
    throw error;
  }
}

/** Every run of 9 consecutive characters of `secret` found in `output`. */
export function runsOf(secret: string, output: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 9 <= secret.length; i++) {
    const run = secret.slice(i, i + 9);
    if (output.includes(run)) found.push(run);
  }
  return found;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A high-entropy credential as providers issue them: an optional prefix and 20-80 random chars. */
export function credential(): fc.Arbitrary<{ prefix: string; body: string }> {
  return fc.record({
    prefix: fc.constantFrom('', 'sk-', 'sk-proj-', 'ghp_', 'xoxb-', 'AIza', 'eyJ', 'key_'),
    body: fc
      .array(fc.constantFrom(...B64URL), { minLength: 20, maxLength: 80 })
      .map((c) => c.join('')),
  });
}
