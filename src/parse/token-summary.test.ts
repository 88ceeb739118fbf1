import { describe, expect, it } from 'vitest';
import { summarizeToken, tokenLines } from './token-summary.js';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (header: object, claims: object) => `${b64(header)}.${b64(claims)}.c2lnbmF0dXJlLXBhcnQ`;

describe('summarizeToken', () => {
  it('reads header and the OAuth claims of a JWT; nonce and at_hash only as present', () => {
    const s = summarizeToken(
      jwt(
        { alg: 'RS256', kid: 'k1', typ: 'at+jwt' },
        {
          iss: 'https://id.example/',
          aud: ['api', 'other'],
          scp: 'read',
          nonce: 'n-123',
          at_hash: 'abc',
          exp: 1_800_000_000,
          sub: 'u',
        },
      ),
    );
    expect(s).toEqual({
      form: 'jwt',
      header: { alg: 'RS256', kid: 'k1', typ: 'at+jwt' },
      claims: {
        iss: 'https://id.example/',
        aud: ['api', 'other'],
        scp: 'read',
        exp: 1_800_000_000,
        nonce: 'present',
        at_hash: 'present',
      },
    });
    const lines = tokenLines(s!);
    expect(lines.token).toBe('JWT RS256 · kid k1 · typ at+jwt');
    expect(lines.claims).toContain('aud api other');
    expect(lines.claims).toContain('exp 2027-01-15');
  });

  it('recognises a JWE (5 parts) and says its claims are encrypted', () => {
    const jwe = `${b64({ alg: 'dir', enc: 'A256GCM' })}..aXY.Y2lwaGVy.dGFn`;
    const s = summarizeToken(jwe);
    expect(s?.form).toBe('jwe');
    expect(tokenLines(s!).token).toBe('JWE (encrypted, A256GCM)');
  });

  it.each(['sk-live-abcdef123456', 'opaque.token', 'a.b.c'])('no summary for %s', (v) => {
    expect(summarizeToken(v)).toBeUndefined();
  });

  it('caps long strings and lists', () => {
    const s = summarizeToken(
      jwt(
        { alg: 'ES256' },
        { iss: 'x'.repeat(500), roles: Array.from({ length: 50 }, (_, i) => `r${i}`) },
      ),
    );
    expect((s?.claims['iss'] as string).length).toBe(201);
    expect((s?.claims['roles'] as string[]).length).toBe(20);
  });
});
