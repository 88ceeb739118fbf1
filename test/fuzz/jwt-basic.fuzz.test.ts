/** JWT and Basic decoding of any value: never throws, never quotes the token, round-trips. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBasic } from '../../src/parse/basic.js';
import { decodeJwt, looksLikeJwt } from '../../src/parse/jwt.js';
import { params, runsOf, text, TIMEOUT } from './support.js';

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
/** What JSON.stringify + JSON.parse make of a value (-0 → 0, undefined dropped…). */
const viaJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;
const jsonObject = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), {
  maxKeys: 6,
});

describe('decodeJwt (fuzz)', () => {
  it(
    'any value: no throw, a problem never quotes 9 characters of the token',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            text(),
            fc.tuple(text(60), text(60), text(60)).map((p) => `eyJ${p.join('.')}`),
          ),
          (value) => {
            expect(typeof looksLikeJwt(value)).toBe('boolean');
            const d = decodeJwt(value);
            if (!d.ok) {
              expect(d.problem.length).toBeLessThanOrEqual(120);
              expect(runsOf(value, d.problem)).toEqual([]);
            } else {
              expect(typeof d.header).toBe('object');
              expect(typeof d.claims).toBe('object');
            }
          },
        ),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'header and claims of any JSON objects decode back, with their numeric time claims',
    () => {
      fc.assert(
        fc.property(
          jsonObject,
          jsonObject,
          fc.option(fc.oneof(fc.integer(), fc.double(), fc.string()), { nil: undefined }),
          fc.string({ unit: fc.constantFrom(...'ab-_0'), maxLength: 40 }),
          (extra, claims, exp, signature) => {
            // A JWT header starts with {" and a letter (eyJ): alg first, other names after it.
            const header = Object.fromEntries([
              ['alg', 'HS256'],
              ...Object.entries(extra).map(([k, v]) => [`x${k}`, v]),
            ]) as Record<string, unknown>;
            const all = exp === undefined ? claims : { ...claims, exp };
            const d = decodeJwt(`${b64url(header)}.${b64url(all)}.${signature}`);
            if (JSON.stringify(all).length + JSON.stringify(header).length > 40_000) return;
            expect(d.ok).toBe(true);
            if (!d.ok) return;
            expect(d.header).toEqual(viaJson(header));
            expect(d.claims).toEqual(viaJson(all));
            const wanted = viaJson(all) as Record<string, unknown>;
            const e = wanted['exp'];
            expect(d.exp).toBe(typeof e === 'number' && Number.isFinite(e) ? e : undefined);
          },
        ),
        params,
      );
    },
    TIMEOUT,
  );
});

describe('decodeBasic (fuzz)', () => {
  it(
    'any value: no throw; a decoding accounts for every character',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            text(),
            text().map((t) => Buffer.from(t, 'utf8').toString('base64')),
          ),
          (value) => {
            const d = decodeBasic(value);
            if (d.ok) {
              const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
              expect(d.userLength + 1 + d.secretLength).toBe(decoded.length);
            } else {
              expect(runsOf(value, d.problem)).toEqual([]);
            }
          },
        ),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'base64(user:secret) round-trips: lengths and the trailing newline',
    () => {
      fc.assert(
        fc.property(
          text(60).map((u) => u.replace(/:/g, '')),
          text(60),
          (user, secret) => {
            const pair = `${user}:${secret}`;
            const d = decodeBasic(Buffer.from(pair, 'utf8').toString('base64'));
            const decoded = Buffer.from(pair, 'utf8').toString('utf8');
            const colon = decoded.indexOf(':');
            expect(d).toEqual({
              ok: true,
              userLength: colon,
              secretLength: decoded.length - colon - 1,
              trailingNewline: /[\r\n]$/.test(decoded),
            });
          },
        ),
        params,
      );
    },
    TIMEOUT,
  );
});
