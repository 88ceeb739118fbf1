import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeJwt, looksLikeJwt } from './jwt.js';

const seg = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const sig = () => randomBytes(32).toString('base64url');
const HEADER = { alg: 'HS256', typ: 'JWT' };
const make = (claims: Record<string, unknown>, header: unknown = HEADER) =>
  `${seg(header)}.${seg(claims)}.${sig()}`;

describe('looksLikeJwt', () => {
  it.each([
    [make({ sub: 'a' }), true],
    [`${seg(HEADER)}.`, true],
    [`${seg(HEADER)}`, false], // no dot
    ['eyJ.x.y', false], // too short after eyJ
    ['abc.def.ghi', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(looksLikeJwt(value)).toBe(expected);
  });
});

describe('decodeJwt', () => {
  it('decodes header and claims, and the numeric time claims', () => {
    const d = decodeJwt(make({ sub: 'user-1', exp: 2_000_000_000, nbf: 1_000, iat: 999 }));
    expect(d).toMatchObject({
      ok: true,
      header: HEADER,
      claims: { sub: 'user-1' },
      exp: 2_000_000_000,
      nbf: 1_000,
      iat: 999,
    });
  });

  it('an encrypted JWT (JWE, five segments) decodes as such, with no claims to read', () => {
    const jwe = (header: unknown) =>
      `${seg(header)}..${sig().slice(0, 16)}.${sig()}.${sig().slice(0, 22)}`;
    expect(decodeJwt(jwe({ alg: 'dir', enc: 'A256GCM' }))).toEqual({
      ok: true,
      header: { alg: 'dir', enc: 'A256GCM' },
      claims: {},
      encrypted: true,
    });
    // five segments without `enc` is no JWE: a broken token
    expect(decodeJwt(jwe(HEADER)).ok).toBe(false);
  });

  it('ignores time claims that are not finite numbers', () => {
    const d = decodeJwt(make({ exp: '2000000000', nbf: null, iat: 'soon' }));
    expect(d.ok).toBe(true);
    if (d.ok) {
      expect(d.exp).toBeUndefined();
      expect(d.nbf).toBeUndefined();
      expect(d.iat).toBeUndefined();
    }
  });

  it('accepts an empty signature (an unsecured JWT still decodes)', () => {
    expect(decodeJwt(`${seg({ alg: 'none' })}.${seg({ sub: 'a' })}.`).ok).toBe(true);
  });

  it('decodes UTF-8 claims', () => {
    const d = decodeJwt(make({ name: 'Zoë 東京' }));
    expect(d.ok && d.claims['name']).toBe('Zoë 東京');
  });

  const good = make({ sub: 'user-1', role: 'service_role' });
  const [h = '', c = '', s = ''] = good.split('.');

  it.each([
    ['a missing signature segment', `${h}.${c}`, 'the signature segment is missing'],
    ['one segment', h, '1 dot-separated segment(s) where a JWT has 3'],
    ['four segments', `${good}.${s}`, '4 dot-separated segment(s) where a JWT has 3'],
    [
      'a character outside base64url (wv-09)',
      `${h}.${c.slice(0, 5)}+${c.slice(6)}.${s}`,
      'a character outside base64url',
    ],
    ['a space inside', `${h}.${c.slice(0, 5)} ${c.slice(6)}.${s}`, 'a character outside base64url'],
    [
      'a char dropped from the claims',
      `${h}.${c.slice(0, 9)}${c.slice(10)}.${s}`,
      'the claims segment is not base64url JSON',
    ],
    [
      'claims that are not JSON',
      `${h}.${Buffer.from('not json').toString('base64url')}.${s}`,
      'the claims segment is not base64url JSON',
    ],
    [
      'claims that are a JSON array',
      `${h}.${seg([1, 2])}.${s}`,
      'the claims segment is not base64url JSON',
    ],
    [
      'claims that are JSON null',
      `${h}.${seg(null)}.${s}`,
      'the claims segment is not base64url JSON',
    ],
    ['a header that is not JSON', `eyJub3Q.${c}.${s}`, 'the header segment is not base64url JSON'],
    ['an impossible base64 length', `${h}.${c}A.${s}`, undefined],
  ])('reports %s', (_name, value, problem) => {
    const d = decodeJwt(value);
    expect(d.ok).toBe(false);
    if (!d.ok && problem) expect(d.problem).toBe(problem);
  });

  it('refuses more than 64 KiB without parsing it', () => {
    const big = make({ pad: 'a'.repeat(70_000) });
    expect(decodeJwt(big)).toEqual({ ok: false, problem: 'longer than 64 KiB' });
  });

  it('never throws, whatever the input', () => {
    for (let i = 0; i < 200; i++) {
      const junk = randomBytes(i % 60).toString('latin1');
      expect(() => decodeJwt(`eyJ${junk}.${junk}.${junk}`)).not.toThrow();
      expect(() => decodeJwt(junk)).not.toThrow();
    }
  });

  it('never puts the token into its problem text', () => {
    const broken = `${h}.${c.slice(0, 9)}${c.slice(10)}.${s}`;
    const d = decodeJwt(broken);
    expect(d.ok).toBe(false);
    if (!d.ok)
      for (let i = 0; i + 9 <= broken.length; i++)
        expect(d.problem).not.toContain(broken.slice(i, i + 9));
  });
});
