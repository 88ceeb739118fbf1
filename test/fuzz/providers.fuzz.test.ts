/**
 * Provider detection and the key linter on any value, long ones included: no throw, no
 * catastrophic regex backtracking (a hang fails the test by its time limit), bounded output, and
 * no 9 characters of a real-looking key in what the linter reports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meantValue } from '../../src/evidence/key-evidence.js';
import { lintKey } from '../../src/engine/lint-key.js';
import { PROVIDERS } from '../../src/providers/catalog/index.js';
import {
  detectProvider,
  matchKeyShapes,
  providerIds,
  publicPrefixOf,
} from '../../src/providers/detect.js';
import { findingJson } from '../../src/findings/finding-json.js';
import { codePoints, isHidden } from '../../src/secret/chars.js';
import { resetScrubber } from '../../src/secret/scrub.js';
import { Secret } from '../../src/secret/secret.js';
import { credential, params, runsOf, text, TIMEOUT } from './support.js';

const IDS = new Set(providerIds());
const SHAPES = PROVIDERS.flatMap((p) => p.keyShapes);

/** Literal runs of a catalog pattern (`sk-proj-`, `T3BlbkFJ`, `"type":`): what its regex hunts for. */
const FRAGMENTS = [
  ...new Set(
    SHAPES.flatMap((s) => [
      ...(s.prefix ? [s.prefix] : []),
      ...(s.pattern.source.replace(/\\[sSdDwWbB]/g, ' ').match(/[A-Za-z0-9_":=.-]{2,16}/g) ?? []),
    ]),
  ),
];

/** A catalog prefix, then one of its pattern's fragments over and over: a backtracking trap. */
const adversarialKey = fc
  .tuple(
    fc.constantFrom(...SHAPES),
    fc.constantFrom(...FRAGMENTS),
    fc.integer({ min: 1, max: 64 * 1024 }),
    fc.constantFrom('', '!', ' ', '\n', '"', '…', 'a'),
  )
  .map(
    ([shape, fragment, length, tail]) =>
      `${shape.prefix ?? ''}${fragment.repeat(Math.ceil(length / fragment.length))}`.slice(
        0,
        64 * 1024 - 1,
      ) + tail,
  );

const anyKey = fc.oneof({ weight: 8, arbitrary: text() }, { weight: 1, arbitrary: adversarialKey });

describe('provider detection (fuzz)', () => {
  it(
    'detectProvider and matchKeyShapes: any URL, key and id; known ids only',
    () => {
      fc.assert(
        fc.property(
          fc.option(fc.oneof(fc.webUrl(), text(100)), { nil: undefined }),
          fc.option(anyKey, { nil: undefined }),
          fc.option(fc.oneof(fc.constantFrom(...IDS), text(20)), { nil: undefined }),
          (url, key, providerId) => {
            const d = detectProvider({
              ...(url !== undefined ? { url } : {}),
              ...(key !== undefined ? { key } : {}),
              ...(providerId !== undefined ? { providerId } : {}),
            });
            expect(d.provider === null).toBe(d.by === 'none');
            for (const id of d.candidates) expect(IDS.has(id)).toBe(true);
            if (key !== undefined) {
              for (const m of matchKeyShapes(key)) expect(IDS.has(m.provider.id)).toBe(true);
              const prefix = publicPrefixOf(key);
              if (prefix !== undefined) {
                expect(prefix.length).toBeLessThanOrEqual(8);
                expect(key.trim().startsWith(prefix)).toBe(true);
              }
            }
          },
        ),
        { ...params, examples: [[undefined, `sk-proj-${'T3BlbkFJ'.repeat(8000)}!`, undefined]] },
      );
    },
    TIMEOUT,
  );
});

describe('meantValue and lintKey (fuzz)', () => {
  it(
    'meantValue: no throw, never longer, no hidden character left',
    () => {
      fc.assert(
        fc.property(anyKey, (raw) => {
          const meant = meantValue(raw);
          expect(meant.length).toBeLessThanOrEqual(raw.length);
          const hidden = [...codePoints(meant)].filter(({ cp }) => isHidden(cp));
          expect(hidden).toEqual([]);
        }),
        { ...params, examples: [[`a${'"'.repeat(60_000)}x`], [`Bearer${' '.repeat(60_000)}x y`]] },
      );
    },
    TIMEOUT,
  );

  it(
    'lintKey on any value: bounded report (a 64 KiB key of hidden characters included)',
    () => {
      fc.assert(
        fc.property(anyKey, (raw) => {
          resetScrubber();
          const report = lintKey(new Secret(raw, 'arg'));
          // What `why401 key --json` prints of it (findings' internal data stays inside).
          const printed = JSON.stringify({ ...report, findings: report.findings.map(findingJson) });
          expect(printed.length).toBeLessThanOrEqual(32 * 1024);
          for (const f of report.findings) expect(f.evidence.length).toBeLessThanOrEqual(12);
        }),
        {
          ...params,
          examples: [
            ['\u202e'.repeat(20_000)],
            [`${' '.repeat(60_000)}Ā`],
            ['${'.repeat(30_000)],
            [`{{${' '.repeat(60_000)}`],
          ],
        },
      );
    },
    TIMEOUT,
  );

  it(
    'lintKey never shows 9 characters of a real-looking key, however it was pasted',
    () => {
      fc.assert(
        fc.property(
          credential(),
          fc.constantFrom('', ' ', '\n', '\r\n', '"', "'", 'Bearer ', 'Authorization: Bearer '),
          fc.constantFrom('', ' ', '\n', '\r\n', '"', "'", '\u200b', '…'),
          fc.option(fc.integer({ min: 1, max: 19 }), { nil: undefined }),
          fc.constantFrom('\u200b', '\u00a0', '\ufeff', ' ', '•'),
          (key, head, tail, at, hidden) => {
            resetScrubber();
            const body =
              at === undefined
                ? key.body
                : `${key.body.slice(0, at)}${hidden}${key.body.slice(at)}`;
            const raw = `${head}${key.prefix}${body}${tail}`;
            const report = lintKey(new Secret(raw, 'arg'));
            const shown = JSON.stringify({ ...report, findings: report.findings.map(findingJson) });
            expect(runsOf(key.body, shown)).toEqual([]);
          },
        ),
        params,
      );
    },
    TIMEOUT,
  );
});
