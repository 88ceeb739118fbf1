/** `why401 key` on OAuth tokens: the header and claims are shown (human and JSON), never the token. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { json, why401, type Run } from './helpers.js';

const seg = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const exp = Math.floor(Date.now() / 1000) + 30 * 86400;
const TOKEN = `${seg({ alg: 'RS256', kid: 'rsa-2026', typ: 'at+jwt' })}.${seg({
  iss: 'https://id.example.test/realms/demo',
  aud: ['https://api.example.test/', 'account'],
  azp: 'web-app',
  scope: 'read write',
  nonce: 'n-0S6_WzA2Mj',
  exp,
})}.${randomBytes(64).toString('base64url')}`;
const JWE = `${seg({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-1' })}.${randomBytes(32).toString('base64url')}.${randomBytes(12).toString('base64url')}.${randomBytes(40).toString('base64url')}.${randomBytes(16).toString('base64url')}`;

const key = (value: string, ...args: string[]): Run =>
  why401(['key', '--key-env', 'ACCESS_TOKEN', ...args], {
    env: { ACCESS_TOKEN: value, NO_COLOR: '1' },
  });

function expectHidden(run: Run, token: string): void {
  const out = run.stdout + run.stderr;
  for (let i = 0; i + 9 <= token.length; i += 3)
    expect(out.includes(token.slice(i, i + 9)), `chars ${i}..${i + 8} shown`).toBe(false);
}

describe('why401 key: a JWT access token', () => {
  it('human: a token line (alg, kid, typ) and a claims line', () => {
    const run = key(TOKEN);
    expect(run.stdout).toMatch(/token\s+JWT RS256 · kid rsa-2026 · typ at\+jwt/);
    expect(run.stdout).toMatch(
      /claims\s+iss https:\/\/id\.example\.test\/realms\/demo · aud https:\/\/api\.example\.test\/ account · azp web-app · scope read write · exp \d{4}-/,
    );
    expect(run.stdout).toContain('nonce present');
    expect(run.stdout).not.toContain('n-0S6_WzA2Mj');
    expectHidden(run, TOKEN);
  });

  it('--json: credential.token holds header and claims', () => {
    const run = key(TOKEN, '--json');
    const out = json<{ credential: { token: unknown } }>(run);
    expect(out.credential.token).toEqual({
      form: 'jwt',
      header: { alg: 'RS256', kid: 'rsa-2026', typ: 'at+jwt' },
      claims: {
        iss: 'https://id.example.test/realms/demo',
        aud: ['https://api.example.test/', 'account'],
        azp: 'web-app',
        scope: 'read write',
        exp,
        nonce: 'present',
      },
    });
    expectHidden(run, TOKEN);
  });

  it('a JWE is recognised as encrypted', () => {
    const run = key(JWE);
    expect(run.stdout).toMatch(/token\s+JWE \(encrypted, A256GCM\) · kid enc-1/);
    expect(run.stdout).toMatch(/claims\s+encrypted/);
    expectHidden(run, JWE);
  });

  it('no token lines for an API key', () => {
    const run = key(`k_${randomBytes(20).toString('hex')}`);
    expect(run.stdout).not.toMatch(/^\s+token\s/m);
  });
});
