/** WWW-Authenticate (RFC 7235) as any server may send it: never throws, bounded, round-trips. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bearerError, parseChallenges } from '../../src/parse/www-authenticate.js';
import { params, text, TIMEOUT } from './support.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/);
const token68 = fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,24}={0,2}$/);
const quoted = fc.string({ unit: 'binary-ascii', maxLength: 20 }).map((value) => ({
  raw: `"${value.replace(/["\\]/g, '\\$&')}"`,
  value,
}));
const param = fc.record({
  name: token,
  value: fc.oneof(
    token.map((value) => ({ raw: value, value })),
    quoted,
  ),
});
const challenge = fc.record({
  scheme: token,
  body: fc.oneof(
    fc.constant(null),
    token68,
    fc.uniqueArray(param, { selector: (p) => p.name.toLowerCase(), minLength: 1, maxLength: 4 }),
  ),
});

function serialize(c: ChallengeModel): string {
  if (c.body === null) return c.scheme;
  if (typeof c.body === 'string') return `${c.scheme} ${c.body}`;
  return `${c.scheme} ${c.body.map((p) => `${p.name}=${p.value.raw}`).join(', ')}`;
}
type ChallengeModel = {
  scheme: string;
  body: null | string | { name: string; value: { raw: string; value: string } }[];
};

describe('parseChallenges (fuzz)', () => {
  it(
    'any header values: no throw, at most 32 challenges a value, well-formed schemes',
    () => {
      fc.assert(
        fc.property(fc.oneof(text(), fc.array(text(300), { maxLength: 6 })), (values) => {
          const out = parseChallenges(values);
          const count = typeof values === 'string' ? 1 : values.length;
          expect(out.length).toBeLessThanOrEqual(32 * count);
          for (const c of out) {
            expect(c.scheme).toMatch(TOKEN);
            expect(c.scheme).toBe(c.rawScheme.toLowerCase());
            for (const [name, value] of Object.entries(c.params)) {
              expect(name).toBe(name.toLowerCase());
              expect(value.length).toBeLessThanOrEqual(8192);
            }
          }
          const error = bearerError(out);
          expect(error === undefined || typeof error === 'string').toBe(true);
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'valid challenges, serialised as RFC 7235 writes them, parse back to the same model',
    () => {
      fc.assert(
        fc.property(fc.array(challenge, { minLength: 1, maxLength: 4 }), (model) => {
          const header = model.map(serialize).join(', ');
          const parsed = parseChallenges(header);
          expect(
            parsed.map((c) => ({
              scheme: c.scheme,
              params: c.params,
              token68: c.token68 ?? null,
            })),
          ).toEqual(
            model.map((c) => ({
              scheme: c.scheme.toLowerCase(),
              params: Array.isArray(c.body)
                ? Object.fromEntries(c.body.map((p) => [p.name.toLowerCase(), p.value.value]))
                : {},
              token68: typeof c.body === 'string' ? c.body : null,
            })),
          );
        }),
        {
          ...params,
          examples: [
            [
              [
                { scheme: '_', body: '0=' },
                { scheme: '#', body: 'A' },
              ],
            ],
            [[{ scheme: '!', body: [{ name: '__proto__', value: { raw: '""', value: '' } }] }]],
          ],
        },
      );
    },
    TIMEOUT,
  );
});
