/**
 * Redaction, visible rendering and the output scrubber on any value: never 9 consecutive
 * characters of the credential, and output bounded by the input.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NOT_SECRET, // not registered: what an unset variable turns into
  registerSecretValue,
  resetScrubber,
  scrub,
} from '../../src/secret/scrub.js';
import { redact, Secret } from '../../src/secret/secret.js';
import { MAX_MARKS, renderVisible } from '../../src/secret/visible.js';
import { params, runsOf, text, TIMEOUT } from './support.js';

afterEach(() => resetScrubber());

function uriForm(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s; // lone surrogates have no URI form
  }
}

/** A value and a public prefix: often the value's own start (as the catalog would name it). */
const valueAndPrefix = fc
  .tuple(text(120), fc.integer({ min: 0, max: 12 }), fc.option(text(12), { nil: undefined }))
  .map(([value, cut, other]) => ({ value, prefix: other ?? value.slice(0, cut) }));

describe('redact and renderVisible (fuzz)', () => {
  it(
    'redact: at most 8 + 4 characters shown, never 9 in a row from the value',
    () => {
      fc.assert(
        fc.property(valueAndPrefix, ({ value, prefix }) => {
          const shown = redact(value, prefix);
          // 8 + 4 UTF-16 units at most, each escaped to 6 characters at most (`\u200B`), and `…`
          expect(shown.length).toBeLessThanOrEqual(12 * 6 + 1);
          expect(runsOf(value, shown)).toEqual([]);
        }),
        { ...params, examples: [[{ value: `${'…'.repeat(20)} `, prefix: '…………' }]] },
      );
    },
    TIMEOUT,
  );

  it(
    'renderVisible: never 9 in a row from the value; bounded however many hidden characters',
    () => {
      fc.assert(
        fc.property(valueAndPrefix, ({ value, prefix }) => {
          const v = renderVisible(new Secret(value, 'arg'), prefix);
          resetScrubber();
          expect(v.length).toBe(value.length);
          expect(v.marks.length).toBeLessThanOrEqual(MAX_MARKS);
          expect(v.text.length).toBeLessThanOrEqual(12 + 4 + MAX_MARKS * 40 + 60);
          expect(runsOf(value, v.text)).toEqual([]);
        }),
        { ...params, examples: [[{ value: `${'a'.repeat(34)}…%=`, prefix: 'aaaaaaaa' }]] },
      );
    },
    TIMEOUT,
  );
});

describe('scrub (fuzz)', () => {
  it(
    'removes every run of 9 characters of every registered secret, in any text, in any encoding',
    () => {
      fc.assert(
        fc.property(
          fc.array(text(60, 2000), { minLength: 1, maxLength: 3 }),
          fc.array(
            fc.record({
              filler: text(40),
              secret: fc.nat(),
              form: fc.constantFrom('raw', 'uri', 'base64', 'cut'),
              cut: fc.nat(),
            }),
            { maxLength: 6 },
          ),
          (secrets, parts) => {
            resetScrubber();
            for (const s of secrets) registerSecretValue(s);
            const encode = (s: string, form: string, cut: number) => {
              if (form === 'uri') return uriForm(s);
              if (form === 'base64') return Buffer.from(s, 'utf8').toString('base64');
              return form === 'cut' ? s.slice(cut % Math.max(1, s.length)) : s;
            };
            const input = parts
              .map((p) => {
                const s = secrets[p.secret % secrets.length] ?? '';
                return `${p.filler}${encode(s, p.form, p.cut)}`;
              })
              .join('');
            const out = scrub(input);
            expect(out.length).toBeLessThanOrEqual(Math.ceil((input.length * 10) / 6) + 10);
            for (const s of secrets) {
              // not registered; or made of the marker itself (nothing can hide it)
              if (NOT_SECRET.test(s) || runsOf(s, '[redacted]').length > 0) continue;
              expect(runsOf(s, out)).toEqual([]);
              if (s.trim() === s)
                expect(runsOf(Buffer.from(s).toString('base64'), out)).toEqual([]);
            }
          },
        ),
        {
          ...params,
          examples: [
            [['https://['], [{ filler: 'https://', secret: 0, form: 'raw', cut: 0 }]],
            [['Bearer Basic ', ''], [{ filler: '', secret: 0, form: 'raw', cut: 0 }]],
          ],
        },
      );
    },
    TIMEOUT,
  );

  it(
    'leaves text alone that holds no registered form of a secret',
    () => {
      fc.assert(
        fc.property(fc.array(text(60, 2000), { maxLength: 3 }), text(200), (secrets, other) => {
          resetScrubber();
          for (const s of secrets) registerSecretValue(s);
          // The forms registerSecretValue keeps: 9-char runs of the long ones, short ones whole.
          const forms = secrets
            .filter((s) => !NOT_SECRET.test(s))
            .flatMap((s) => [s, s.trim(), uriForm(s), Buffer.from(s, 'utf8').toString('base64')]);
          // Case-insensitive: the scrubber reads an upper-cased echo of a key as the key
          // (src/secret/scrub.ts folds ASCII case), so base64 `AAAAAAAAA` is a form of `aaaaaaaaa`.
          const lower = other.toLowerCase();
          const holds = forms
            .map((f) => f.toLowerCase())
            .some((f) =>
              f.length >= 9 ? runsOf(f, lower).length > 0 : f.length >= 6 && lower.includes(f),
            );
          if (!holds) expect(scrub(other)).toBe(other);
        }),
        params,
      );
    },
    TIMEOUT,
  );
});
