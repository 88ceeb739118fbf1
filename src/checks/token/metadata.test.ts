import { describe, expect, it } from 'vitest';
import { evidenceOf, type Scenario } from '../request/test-helpers.js';
import type { RequestEvidence } from '../../evidence/request.js';
import type { TokenEvidence } from '../../evidence/token.js';
import { issuerDifference, issuerMetadata, resourceAudience } from './metadata.js';
import { tokenSignature } from './signature.js';
import { signJwt, testKey } from './test-helpers.js';

const ISS = 'http://127.0.0.1:8080/realms/demo';
const REFUSED = { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } };
const rs = testKey('RS256', 'rs-1');

function evidence(token: string, t: TokenEvidence, s: Partial<Scenario> = {}): RequestEvidence {
  return { ...evidenceOf({ reply: REFUSED, key: token, ...s }), token: t };
}
const ids = (fs: readonly { id: string }[]) => fs.map((f) => f.id);

describe('issuerDifference', () => {
  it.each([
    [`${ISS}/`, ISS, 'a trailing slash'],
    [ISS, ISS.replace('127.0.0.1', 'keycloak'), 'the host name'],
    [
      'https://login.microsoftonline.com/t/v2.0',
      'https://login.microsoftonline.com/t/',
      'the path',
    ],
    ['https://sts.windows.net/t/', 'https://login.microsoftonline.com/t/v2.0', undefined],
  ])('%s vs %s', (a, b, want) => {
    const got = issuerDifference(a, b);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(want);
  });
});

describe('token-issuer-metadata', () => {
  const token = signJwt({ iss: `${ISS}/`, aud: 'api' }, rs);
  it('discovered issuer != iss → token.wrong-issuer, definitive, with the difference', () => {
    const out = issuerMetadata.run(
      evidence(token, {
        notes: [],
        issuer: { iss: `${ISS}/`, issuer: ISS, url: `${ISS}/.well-known/openid-configuration` },
      }),
    );
    expect(ids(out)).toEqual(['token.wrong-issuer']);
    expect(out[0]?.confidence).toBe('definitive');
    expect(out[0]?.evidence.join()).toContain('trailing slash');
    expect(out[0]?.data).toMatchObject({ iss: `${ISS}/`, discovered: ISS });
  });
  it('RFC 9728 authorization_servers without iss → token.wrong-issuer', () => {
    const good = signJwt({ iss: ISS, aud: 'api' }, rs);
    const out = issuerMetadata.run(
      evidence(good, {
        notes: [],
        resource: { url: 'x', authorizationServers: [ISS.replace('127.0.0.1', 'localhost')] },
      }),
    );
    expect(ids(out)).toEqual(['token.wrong-issuer']);
    expect(out[0]?.evidence.join()).toContain('host name');
  });
  it('kid not published → token.unknown-key, unless the JWKS was cut', () => {
    const good = signJwt({ iss: ISS, aud: 'api' }, rs);
    const other = testKey('RS256', 'rs-2').jwk;
    const meta = { iss: ISS, issuer: ISS, jwksUri: `${ISS}/jwks`, keys: [other] };
    const out = issuerMetadata.run(evidence(good, { notes: [], issuer: meta }));
    expect(ids(out)).toEqual(['token.unknown-key']);
    expect(out[0]?.data).toMatchObject({ kid: 'rs-1', published: ['rs-2'] });
    expect(
      ids(
        issuerMetadata.run(evidence(good, { notes: [], issuer: { ...meta, keysTotal: 10_000 } })),
      ),
    ).toEqual([]);
  });
  it('nothing on a match, on an accepted answer, or for a non-JWT', () => {
    const good = signJwt({ iss: ISS, aud: 'api' }, rs);
    const meta = {
      notes: [],
      issuer: { iss: ISS, issuer: ISS, keys: [rs.jwk] },
      resource: { url: 'x', authorizationServers: [ISS] },
    };
    expect(issuerMetadata.run(evidence(good, meta))).toEqual([]);
    expect(
      issuerMetadata.run(
        evidence(
          token,
          { notes: [], issuer: { iss: `${ISS}/`, issuer: ISS } },
          { reply: { status: 200, body: '{}' } },
        ),
      ),
    ).toEqual([]);
    expect(
      issuerMetadata.run(
        evidence('opaque-token-value-123456', {
          notes: [],
          issuer: { iss: `${ISS}/`, issuer: ISS },
        }),
      ),
    ).toEqual([]);
  });
});

describe('token-resource-audience (RFC 9728)', () => {
  it('resource not in aud → token.wrong-audience, definitive', () => {
    const token = signJwt({ iss: ISS, aud: ['https://mcp.example.test'] }, rs);
    const out = resourceAudience.run(
      evidence(token, {
        notes: [],
        resource: { url: 'u', resource: 'https://mcp.example.test/mcp' },
      }),
    );
    expect(ids(out)).toEqual(['token.wrong-audience']);
    expect(out[0]?.data).toMatchObject({
      resource: 'https://mcp.example.test/mcp',
      aud: 'https://mcp.example.test',
    });
    const fine = signJwt({ iss: ISS, aud: ['x', 'https://mcp.example.test/mcp'] }, rs);
    expect(
      resourceAudience.run(
        evidence(fine, {
          notes: [],
          resource: { url: 'u', resource: 'https://mcp.example.test/mcp' },
        }),
      ),
    ).toEqual([]);
  });
});

describe('token-signature', () => {
  it.each(['RS256', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'])(
    '%s: verifies with the published key; not with another key under the same kid',
    (alg) => {
      const key = testKey(alg, `k-${alg}`);
      const impostor = testKey(alg, `k-${alg}`);
      const meta = (k: typeof key) => ({
        notes: [],
        issuer: { iss: ISS, issuer: ISS, jwksUri: `${ISS}/jwks`, keys: [k.jwk] },
      });
      const token = signJwt({ iss: ISS, aud: 'api' }, key);
      expect(tokenSignature.run(evidence(token, meta(key)))).toEqual([]);
      const out = tokenSignature.run(evidence(token, meta(impostor)));
      expect(ids(out)).toEqual(['token.bad-signature']);
      expect(out[0]?.confidence).toBe('definitive');
    },
  );
  it('a tampered token (claims edited, signature kept) → token.bad-signature', () => {
    const token = signJwt({ iss: ISS, aud: 'api' }, rs);
    const [h, , sig] = token.split('.');
    const edited = `${h}.${Buffer.from(JSON.stringify({ iss: ISS, aud: 'admin' })).toString('base64url')}.${sig}`;
    const out = tokenSignature.run(
      evidence(edited, { notes: [], issuer: { iss: ISS, keys: [rs.jwk] } }),
    );
    expect(ids(out)).toEqual(['token.bad-signature']);
  });
  it('HS256 where the issuer publishes only public keys → token.bad-signature saying it cannot be checked', () => {
    const token = signJwt({ iss: ISS, aud: 'api' }, 'HS256');
    const out = tokenSignature.run(
      evidence(token, { notes: [], issuer: { iss: ISS, keys: [rs.jwk] } }),
    );
    expect(ids(out)).toEqual(['token.bad-signature']);
    expect(out[0]?.evidence.join()).toContain('cannot be checked');
    expect(
      tokenSignature.run(
        evidence(token, { notes: [], issuer: { iss: ISS, keys: [{ kty: 'oct', kid: 'h' }] } }),
      ),
    ).toEqual([]);
  });
  it('kid not published: not this check’s (token.unknown-key)', () => {
    const token = signJwt({ iss: ISS, aud: 'api' }, testKey('RS256', 'gone'));
    expect(
      tokenSignature.run(evidence(token, { notes: [], issuer: { iss: ISS, keys: [rs.jwk] } })),
    ).toEqual([]);
  });
});
