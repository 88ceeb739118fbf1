/** The library and OAuth tokens: discovery only when asked for (diagnose and the wrappers). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, diagnoseExchange, withWhy401, type Diagnosis } from '../../src/index.js';
import {
  startOidcProvider,
  startProtectedApi,
  type OidcProviderFixture,
  type ProtectedApi,
} from '../support/oidc.js';

const discoveries = (d: Diagnosis | undefined) =>
  (d?.exchanges ?? []).filter((x) => x.label.startsWith('discovery: ')).map((x) => x.label);

describe('library: OAuth token diagnosis', () => {
  let op: OidcProviderFixture;
  let api: ProtectedApi;
  let stale: string;
  beforeAll(async () => {
    op = await startOidcProvider({ realm: 'lib' });
    api = await startProtectedApi({ issuer: op.issuer, audience: op.resource });
    stale = await op.accessToken();
    await op.rotateKeys();
  });
  afterAll(async () => {
    await api?.close();
    await op?.close();
  });

  it('diagnose(…, { discovery: true }) asks the issuer: token.unknown-key, definitive', async () => {
    const d = await diagnose(
      { url: api.url, headers: { authorization: `Bearer ${stale}` } },
      { discovery: true },
    );
    expect(d.verdict.cause).toBe('token.unknown-key');
    expect(d.findings.find((f) => f.id === 'token.unknown-key')?.confidence).toBe('definitive');
    expect(discoveries(d)).toEqual(['discovery: openid-configuration', 'discovery: jwks']);
    expect(JSON.stringify(d)).not.toContain(stale.slice(stale.lastIndexOf('.') + 1));
  });

  it('diagnose without discovery sends nothing to the issuer (the API’s words still read)', async () => {
    const d = await diagnose({ url: api.url, headers: { authorization: `Bearer ${stale}` } });
    expect(discoveries(d)).toEqual([]);
    expect(d.verdict.cause).toBe('token.unknown-key');
    expect(d.findings.find((f) => f.id === 'token.unknown-key')?.confidence).toBe('attributed');
  });

  it('withWhy401: off by default, on with { discovery: true }', async () => {
    const seen: Diagnosis[] = [];
    const off = withWhy401(fetch, { onRefused: (d) => void seen.push(d) });
    await off(api.url, { headers: { authorization: `Bearer ${stale}` } });
    const on = withWhy401(fetch, { onRefused: (d) => void seen.push(d), discovery: true });
    await on(api.url, { headers: { authorization: `Bearer ${stale}` } });
    expect(seen.map(discoveries)).toEqual([
      [],
      ['discovery: openid-configuration', 'discovery: jwks'],
    ]);
    expect(seen.map((d) => d.verdict.cause)).toEqual(['token.unknown-key', 'token.unknown-key']);
  });

  it('no discovery for an answer that is no refusal of the token (a 500, a 404)', async () => {
    for (const status of [500, 404]) {
      const d = await diagnoseExchange(
        { url: api.url, headers: { authorization: `Bearer ${stale}` } },
        { status, headers: { 'content-type': 'application/json' }, body: '{"error":"oops"}' },
        { discovery: true },
      );
      expect(discoveries(d)).toEqual([]);
    }
    const refused = await diagnoseExchange(
      { url: api.url, headers: { authorization: `Bearer ${stale}` } },
      { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: '' },
      { discovery: true },
    );
    expect(refused.verdict.cause).toBe('token.unknown-key');
    expect(discoveries(refused)).toEqual(['discovery: openid-configuration', 'discovery: jwks']);
  });
});
