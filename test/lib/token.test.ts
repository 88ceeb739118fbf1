import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseTokenRequest } from '../../src/index.js';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc.js';

describe('diagnoseTokenRequest (library) against oidc-provider', () => {
  let op: OidcProviderFixture;
  beforeAll(async () => {
    op = await startOidcProvider({ clientAuthMethods: ['client_secret_basic'] });
  });
  afterAll(async () => op?.close());

  it('a token issued: accepted, and neither the secret nor the token in the result', async () => {
    const c = op.clients.basic;
    const d = await diagnoseTokenRequest({
      issuer: op.issuer,
      clientId: c.id,
      clientSecret: c.secret,
    });
    expect(d.verdict.status).toBe('accepted');
    const text = JSON.stringify(d);
    expect(text).not.toContain(c.secret.slice(0, 9));
    expect(text).not.toMatch(/eyJ[\w-]{12,}\.[\w-]{12,}/);
    expect(d.exchanges.at(-1)?.response?.body).toContain('"access_token":"[redacted]"');
  });

  it('the secret in the body where Basic is wanted: token.client-auth-method, confirmed by the probe', async () => {
    const c = op.clients.basic;
    const d = await diagnoseTokenRequest({
      tokenUrl: op.tokenEndpoint,
      clientId: c.id,
      clientSecret: c.secret,
      auth: 'post',
    });
    expect(d.verdict.cause).toBe('token.client-auth-method');
    expect(d.findings[0]?.confidence).toBe('confirmed');
  });

  it('probe: false sends the request only', async () => {
    const c = op.clients.basic;
    const d = await diagnoseTokenRequest(
      { tokenUrl: op.tokenEndpoint, clientId: c.id, clientSecret: c.secret, auth: 'post' },
      { probe: false },
    );
    expect(d.exchanges.map((x) => x.label)).toEqual(['request']);
    expect(d.verdict.cause).toBe('token.invalid-client');
  });

  it('without --token-url or --issuer: a usage error, nothing sent', async () => {
    await expect(
      diagnoseTokenRequest({ clientId: 'x', clientSecret: 'y'.repeat(20) }),
    ).rejects.toThrow(/--token-url/);
  });
});

describe('discovery naming a token endpoint on another origin', () => {
  it('is refused before the secret is sent anywhere', async () => {
    const { createServer } = await import('node:http');
    let tokenHits = 0;
    const elsewhere = createServer((_req, res) => {
      tokenHits++;
      res.end('{}');
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', () => r()));
    const otherPort = (elsewhere.address() as { port: number }).port;
    const issuerServer = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ token_endpoint: `http://127.0.0.1:${otherPort}/token` }));
    });
    await new Promise<void>((r) => issuerServer.listen(0, '127.0.0.1', () => r()));
    const issuer = `http://127.0.0.1:${(issuerServer.address() as { port: number }).port}`;
    try {
      await expect(
        diagnoseTokenRequest({ issuer, clientId: 'x', clientSecret: 'y'.repeat(20) }),
      ).rejects.toThrow(/another origin/);
      expect(tokenHits).toBe(0);
    } finally {
      elsewhere.close();
      issuerServer.close();
    }
  });
});
