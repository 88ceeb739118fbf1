/** Pasted curl command lines: split like a POSIX shell, read without throwing or echoing keys. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurlArgs, shellSplit } from '../../src/parse/curl-args.js';
import { params, pieces, runsOf, text, TIMEOUT } from './support.js';

/** POSIX single quotes: everything literal; a quote is closed, escaped and reopened. */
const singleQuoted = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
/** POSIX double quotes: only \ " $ ` are escaped. */
const doubleQuoted = (word: string) => `"${word.replace(/[\\"$`]/g, '\\$&')}"`;

const word = fc.oneof(text(40), pieces(40));
/** Characters a shell takes literally outside quotes, Unicode spaces included (not IFS). */
const bare = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom(...'abcXYZ019-_./:=@+,%\u00a0\u2028\u200b\u3000\u000b\u000cé😀'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 20,
  })
  .filter(
    (w) =>
      !/[\s'"\\$`;&|<>(){}[\]*?#~!]/u.test(
        w.replace(/[\u00a0\u2028\u200b\u3000\u000b\u000c]/g, ''),
      ),
  );

describe('shellSplit (fuzz)', () => {
  it(
    'any line: no throw, never more characters out than in',
    () => {
      fc.assert(
        fc.property(text(), (line) => {
          const words = shellSplit(line);
          expect(words.join('').length).toBeLessThanOrEqual(line.length);
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'single-quoted, double-quoted and bare words split back to themselves',
    () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof(
              word.map((w) => ({ w, quoted: singleQuoted(w) })),
              word.map((w) => ({ w, quoted: doubleQuoted(w) })),
              bare.map((w) => ({ w, quoted: w })),
            ),
            { maxLength: 8 },
          ),
          fc.constantFrom(' ', '  ', '\t', ' \\\n  ', ' \\\r\n'),
          (words, gap) => {
            const line = words.map((x) => x.quoted).join(gap);
            expect(shellSplit(line)).toEqual(words.map((x) => x.w));
          },
        ),
        {
          ...params,
          examples: [
            [[{ w: '\u2028@', quoted: '\u2028@' }], ' '],
            [[{ w: 'a\\\nb', quoted: "'a\\\nb'" }], ' '],
          ],
        },
      );
    },
    TIMEOUT,
  );
});

/** Option names why401 may repeat: `--data-raw`, `-sSL`; anything else is shortened. */
const OPTION_NAME = /^(--[A-Za-z0-9][A-Za-z0-9-]{0,38}|-[A-Za-z]{1,8})$/;

describe('parseCurlArgs (fuzz)', () => {
  it(
    'any words: no throw; what it ignores is short and quotes no 9 characters of a value',
    () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof(
              text(80),
              fc.constantFrom('-H', '-u', '-X', '-d', '--url', '-k', '-sSLk', '--json', '-x', '--'),
              text(30).map((t) => `-${t}`),
              text(30).map((t) => `--${t}`),
            ),
            { maxLength: 12 },
          ),
          (argv) => {
            const r = parseCurlArgs(argv);
            for (const entry of r.ignored) {
              expect(entry.length).toBeLessThanOrEqual(45);
              if (OPTION_NAME.test(entry)) continue;
              for (const w of argv) expect(runsOf(w, entry)).toEqual([]);
            }
          },
        ),
        {
          ...params,
          examples: [
            [['-H', '--sk-proj-']],
            [['-H', 'Authorization:', 'Bearer', 'k3y-abcdefghijklmnop', 'http://x']],
          ],
        },
      );
    },
    TIMEOUT,
  );
});
