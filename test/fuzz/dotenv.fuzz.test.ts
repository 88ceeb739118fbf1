/**
 * The .env reading of `why401 env` against dotenv's own `parse`: for any file, the value why401
 * says wins for a name is the value dotenv gives the app, and every name dotenv sees is listed.
 */
import { parse } from 'dotenv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanDotenv } from '../../src/collect/env/dotenv-scan.js';
import { params, pieces, text, TIMEOUT } from './support.js';

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,10}$/);
const raw = fc.oneof(text(40, 200), pieces(40));
/** A value as people write it: bare, quoted three ways (multi-line too), with escapes. */
const valueText = fc.oneof(
  raw.map((v) => v.replace(/[\r\n#]/g, '')),
  raw.map((v) => `"${v.replace(/"/g, '\\"')}"`),
  raw.map((v) => `'${v.replace(/'/g, '')}'`),
  raw.map((v) => `\`${v.replace(/`/g, '')}\``),
  raw.map((v) => `"${v}`), // an unclosed quote
);
const line = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', 'export ', '  ', '\t'),
        name,
        fc.constantFrom('=', ' = ', '= ', ': ', '='),
        valueText,
        fc.constantFrom('', ' # comment', '#x', '   '),
      )
      .map(([lead, n, eq, v, tail]) => `${lead}${n}${eq}${v}${tail}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '# a comment', '   ', 'not a definition', '=novalue'),
  },
  { weight: 1, arbitrary: text(60, 200) },
);
const file = fc
  .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, eol]) => lines.join(eol));

describe('scanDotenv against dotenv.parse (fuzz)', () => {
  it(
    'the last definition of each name has the value dotenv gives; the names are the same',
    () => {
      fc.assert(
        fc.property(file, (content) => {
          const want = parse(content);
          const scan = scanDotenv(content);
          const last = new Map(scan.entries.map((e) => [e.name, e.value]));
          expect(Object.fromEntries(last)).toEqual({ ...want });
          for (const l of scan.unparsed) expect(Number.isInteger(l) && l >= 1).toBe(true);
        }),
        params,
      );
    },
    TIMEOUT,
  );
});
