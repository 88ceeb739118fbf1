import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader, decodeJwt } from 'jose';
import {
  startOidcProvider,
  startProtectedApi,
  type OidcProviderFixture,
  type ProtectedApi,
} from './oidc.js';

describe('oidc fixture: oidc-provider + a jose-validating API', () => {
  let op: OidcProviderFixture;
  let api: ProtectedApi;
  beforeAll(async () => {
    op = await startOidcProvider({ realm: 'demo' });
    api = await startProtectedApi({
      issuer: op.issuer,
      audience: op.resource,
      resourceMetadata: true,
    });
  });
  afterAll(async () => {
    await api?.close();
    await op?.close();
  });

  const call = (token: string) => fetch(api.url, { headers: { authorization: `Bearer ${token}` } });

  it('serves discovery under the Keycloak-shaped issuer path', async () => {
    const res = await fetch(`${op.issuer}/.well-known/openid-configuration`);
    const doc = (await res.json()) as { issuer: string; jwks_uri: string; token_endpoint: string };
    expect(doc.issuer).toBe(op.issuer);
    expect(doc.jwks_uri).toBe(op.jwksUri);
    expect(doc.token_endpoint).toBe(op.tokenEndpoint);
  });

  it('issues JWT access tokens by client_credentials (basic and post, RS256 and ES256) the API accepts', async () => {
    for (const client of ['basic', 'post'] as const) {
      for (const alg of ['RS256', 'ES256'] as const) {
        const token = await op.accessToken({ client, alg });
        expect(decodeProtectedHeader(token)).toMatchObject({
          alg,
          typ: 'at+jwt',
          kid: op.kids()[alg],
        });
        expect(decodeJwt(token)).toMatchObject({ iss: op.issuer, aud: op.resource });
        expect((await call(token)).status).toBe(200);
      }
    }
  });

  it('refuses an ID token, with the jose message and resource_metadata in WWW-Authenticate', async () => {
    const res = await call(await op.idToken());
    expect(res.status).toBe(401);
    const header = res.headers.get('www-authenticate') ?? '';
    expect(header).toContain('error="invalid_token"');
    expect(header).toContain('aud claim');
    expect(header).toContain(`resource_metadata="${api.resourceMetadataUrl}"`);
    const meta = (await (await fetch(api.resourceMetadataUrl)).json()) as { resource: string };
    expect(meta.resource).toBe(op.resource);
  });

  it('after rotateKeys the old token no longer verifies, a new one does', async () => {
    const old = await op.accessToken();
    const oldKid = op.kids().RS256;
    await op.rotateKeys();
    expect(op.kids().RS256).not.toBe(oldKid);
    const jwks = (await (await fetch(op.jwksUri)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).not.toContain(oldKid);
    expect((await call(old)).status).toBe(401);
    expect((await call(await op.accessToken())).status).toBe(200);
  });
});
