/** readAnswer on any status, headers and body a server may send: no throw, bounded facts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WireResponse } from '../../src/collect/http.js';
import { readAnswer } from '../../src/evidence/answer.js';
import { params, pieces, text, TIMEOUT } from './support.js';

const NAMES = [
  'www-authenticate',
  'proxy-authenticate',
  'content-type',
  'date',
  'retry-after',
  'location',
  'server',
  'via',
  'x-kong-upstream-latency',
  'cf-ray',
  'x-amzn-errortype',
  'set-cookie',
  '__proto__',
  'constructor',
];

/** Header values as node:http gives them (no CR, LF or NUL), capped like its 16 KiB limit. */
const value = text(300).map((v) => v.replace(/[\r\n\0]/g, ' ').slice(0, 16 * 1024));
const headers = fc.dictionary(
  fc.oneof(fc.constantFrom(...NAMES), fc.stringMatching(/^[a-z0-9-]{1,20}$/)),
  fc.array(value, { minLength: 1, maxLength: 3 }),
  { maxKeys: 8 },
);

/** Bodies: any text, JSON of any shape, JSON-ish pieces, deep nesting. */
const body = fc.oneof(
  text(2000),
  fc.json({ maxDepth: 6 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ error: v, message: v, errors: [v] })),
  pieces(400).map((p) => `{"error":{"message":"${p}","code":"${p.slice(0, 20)}"}}`),
  fc.integer({ min: 1, max: 100_000 }).map((n) => '['.repeat(n)),
  fc.integer({ min: 1, max: 10_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
);

describe('readAnswer (fuzz)', () => {
  it(
    'any answer: no throw; error text, codes and challenges bounded',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 999 }),
          headers,
          body,
          fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constant(Date.now())),
          (status, all, bodyText, now) => {
            const response: WireResponse = {
              status,
              statusText: '',
              headers: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.join(', ')])),
              all,
              body: bodyText.slice(0, 64 * 1024),
              bodyBytes: Buffer.byteLength(bodyText),
              truncated: false,
              fromProxy: false,
            };
            const facts = readAnswer(response, now);
            expect(facts.status).toBe(status);
            expect(facts.errorText.length).toBeLessThanOrEqual(4000);
            expect(facts.errorCodes.length).toBeLessThanOrEqual(200);
            const challengeValues = (all['www-authenticate'] ?? all['proxy-authenticate'] ?? [])
              .length;
            expect(facts.challenges.length).toBeLessThanOrEqual(32 * challengeValues);
            for (const layer of facts.layers)
              expect(layer.evidence.length).toBeLessThanOrEqual(200);
            if (facts.maskedEcho) {
              expect(facts.maskedEcho.head.length).toBeLessThanOrEqual(13);
              expect(facts.maskedEcho.tail.length).toBeLessThanOrEqual(6);
            }
            if (facts.skewSeconds !== undefined)
              expect(Number.isFinite(facts.skewSeconds)).toBe(true);
          },
        ),
        params,
      );
    },
    TIMEOUT,
  );
});
