/**
 * OAuth access tokens refused by a real JWT-validating API (jose's remote JWKS verification),
 * issued by a real OpenID provider (oidc-provider): every token.* id of the check is raised
 * end to end, none on the healthy control, and discovery is listed and leaks nothing.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactEncrypt, generateKeyPair } from 'jose';
import {
  startOidcProvider,
  startProtectedApi,
  type OidcProviderFixture,
  type ProtectedApi,
} from '../support/oidc.js';
import {
  check,
  describeRun,
  expectAccepted,
  expectDiagnosis,
  ids,
  ROOT,
  type CliRun,
} from './run-cli.js';

const OTHER = 'https://other.example.test/';
const MCP = 'https://mcp.example.test/';

/** `why401 check` with its human output (no --json). */
function humanCheck(args: readonly string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'dist', 'cli', 'why401.cjs'), 'check', ...args],
      {
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const bearer = (token: string) => ['-H', `Authorization: Bearer ${token}`];

/** The token and its signature part must not show, nor any 9-char run of it (expectDiagnosis). */
function expectTokenHidden(run: CliRun, token: string): void {
  const signature = token.slice(token.lastIndexOf('.') + 1);
  expect(run.stdout.includes(signature) || run.stderr.includes(signature)).toBe(false);
}

const discoveryLabels = (run: CliRun): string[] =>
  run.json?.exchanges.map((x) => x.label).filter((l) => l.startsWith('discovery: ')) ?? [];

describe('OAuth: a jose-validating API and a real OpenID provider', () => {
  let op: OidcProviderFixture;
  let api: ProtectedApi; // publishes RFC 9728 metadata
  let plain: ProtectedApi; // says only what jose says
  beforeAll(async () => {
    op = await startOidcProvider({ realm: 'demo', otherResources: [OTHER, MCP] });
    api = await startProtectedApi({
      issuer: op.issuer,
      audience: op.resource,
      resourceMetadata: true,
    });
    plain = await startProtectedApi({ issuer: op.issuer, audience: op.resource });
  });
  afterAll(async () => {
    await api?.close();
    await plain?.close();
    await op?.close();
  });

  it('healthy control: a good access token is accepted, no token finding, no discovery', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const token = await op.accessToken({ alg });
      const run = await check([api.url, ...bearer(token)], { secrets: [token] });
      expectAccepted(run);
      expect(
        ids(run).filter((id) => id.startsWith('token.')),
        describeRun(run),
      ).toEqual([]);
      expect(discoveryLabels(run)).toEqual([]);
      expectTokenHidden(run, token);
    }
  });

  it('a token for another API → token.wrong-audience, by RFC 9728 metadata and by the API’s words', async () => {
    const token = await op.accessToken({ resource: OTHER, client: 'post' });
    const run = await check([api.url, ...bearer(token)], { secrets: [token] });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'token.wrong-audience',
      findings: ['token.wrong-audience'],
    });
    expect(ids(run)).not.toContain('credential.invalid');
    expect(discoveryLabels(run)).toEqual(
      expect.arrayContaining([
        'discovery: openid-configuration',
        'discovery: jwks',
        'discovery: oauth-protected-resource',
      ]),
    );
    const f = run.json?.findings.find((x) => x.id === 'token.wrong-audience');
    expect(JSON.stringify(f?.evidence)).toContain(op.resource);
    expectTokenHidden(run, token);

    const words = await check([plain.url, ...bearer(token)], { secrets: [token] });
    expectDiagnosis(words, { exit: 1, status: 'rejected', cause: 'token.wrong-audience' });
    expect(ids(words)).not.toContain('credential.invalid');
  });

  it('MCP-style: the RFC 9728 resource has a path the token’s aud lacks → token.wrong-audience', async () => {
    const mcp = await startProtectedApi({
      issuer: op.issuer,
      audience: `${MCP}mcp`,
      resourceMetadata: true,
    });
    try {
      const token = await op.accessToken({ resource: MCP });
      const run = await check([mcp.url, ...bearer(token)], { secrets: [token] });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'token.wrong-audience',
        findings: ['token.wrong-audience'],
      });
      const f = run.json?.findings.find((x) => x.id === 'token.wrong-audience');
      expect(JSON.stringify(f?.evidence)).toContain(`resource \\"${MCP}mcp\\"`);
      expect(discoveryLabels(run)).toContain('discovery: oauth-protected-resource');
    } finally {
      await mcp.close();
    }
  });

  it('an ID token sent as the access token → token.id-token, no contradicting wrong-audience error', async () => {
    const token = await op.idToken();
    for (const target of [plain, api]) {
      const run = await check([target.url, ...bearer(token)], { secrets: [token] });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'token.id-token',
        findings: ['token.id-token'],
      });
      expect(ids(run)).not.toContain('credential.invalid');
      // the API's audience complaint is evidence of the ID token, not a second error beside it
      const errors = (run.json?.findings ?? []).filter((f) => f.severity === 'error');
      expect(
        errors.map((f) => f.id),
        describeRun(run),
      ).toEqual(['token.id-token']);
      // no placement probes: the API read it as a token
      expect(run.json?.exchanges.map((x) => x.label).join(' ')).not.toMatch(/x-api-key|apikey/i);
      expectTokenHidden(run, token);
    }
  });

  it('iss with a trailing slash the issuer does not publish → token.wrong-issuer (definitive, discovery)', async () => {
    const token = await op.sign(
      { iss: `${op.issuer}/`, aud: op.resource, sub: 'svc' },
      { typ: 'at+jwt' },
    );
    const run = await check([plain.url, ...bearer(token)], { secrets: [token] });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'token.wrong-issuer',
      findings: ['token.wrong-issuer'],
    });
    const f = run.json?.findings.find((x) => x.id === 'token.wrong-issuer');
    expect(JSON.stringify(f?.evidence)).toContain('trailing slash');
    expectTokenHidden(run, token);
  });

  it('an API that trusts the issuer under another host name → token.wrong-issuer (its words, RFC 9728)', async () => {
    const localhostIssuer = op.issuer.replace('127.0.0.1', 'localhost');
    const other = await startProtectedApi({
      issuer: localhostIssuer,
      audience: op.resource,
      jwksUri: op.jwksUri,
      resourceMetadata: true,
    });
    try {
      const token = await op.accessToken();
      const run = await check([other.url, ...bearer(token)], { secrets: [token] });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'token.wrong-issuer',
        findings: ['token.wrong-issuer'],
      });
      const f = run.json?.findings.find((x) => x.id === 'token.wrong-issuer');
      expect(JSON.stringify(f?.evidence)).toContain('host name');
      expect(ids(run)).not.toContain('credential.invalid');
    } finally {
      await other.close();
    }
  });

  it('a token signed by another key under the published kid → token.bad-signature', async () => {
    const token = await op.sign({ aud: op.resource, sub: 'svc' }, { key: 'other', typ: 'at+jwt' });
    const run = await check([plain.url, ...bearer(token)], { secrets: [token] });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'token.bad-signature',
      findings: ['token.bad-signature'],
    });
    expect(ids(run)).not.toContain('credential.invalid');
    expectTokenHidden(run, token);
  });

  it('an opaque token and a JWE where the API validates JWTs → token.not-jwt', async () => {
    const opaque = randomBytes(32).toString('base64url');
    const run = await check([plain.url, ...bearer(opaque)], { secrets: [opaque] });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'token.not-jwt',
      findings: ['token.not-jwt'],
    });
    expect(discoveryLabels(run)).toEqual([]);

    const { publicKey } = await generateKeyPair('RSA-OAEP-256');
    const jwe = await new CompactEncrypt(
      new TextEncoder().encode(JSON.stringify({ iss: op.issuer, aud: op.resource })),
    )
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })
      .encrypt(publicKey);
    const encrypted = await check([plain.url, ...bearer(jwe)], { secrets: [jwe] });
    expectDiagnosis(encrypted, {
      exit: 1,
      status: 'rejected',
      cause: 'token.not-jwt',
      findings: ['token.not-jwt'],
    });
    expect(JSON.stringify(encrypted.json)).toContain('JWE');
  });

  it('discovery notes are shown: an iss with no discovery document, in the finding and under the requests', async () => {
    // signed by the provider's key, but naming an issuer that publishes no metadata
    const token = await op.sign(
      { iss: plain.origin, aud: op.resource, sub: 'svc' },
      { typ: 'at+jwt' },
    );
    const run = await check([plain.url, ...bearer(token)], { secrets: [token] });
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'token.wrong-issuer' });
    const f = run.json?.findings.find((x) => x.id === 'token.wrong-issuer');
    expect(JSON.stringify(f?.evidence), describeRun(run)).toContain(
      `discovery: no discovery document for iss ${plain.origin}`,
    );
    expectTokenHidden(run, token);

    const text = await humanCheck([plain.url, ...bearer(token)]);
    const requests = text.stdout.slice(text.stdout.indexOf('Requests sent:'));
    expect(requests, text.stdout).toContain(`no discovery document for iss ${plain.origin}`);
    const signature = token.slice(token.lastIndexOf('.') + 1);
    expect(text.stdout.includes(signature) || text.stderr.includes(signature)).toBe(false);
  });

  it('--no-discovery: nothing fetched from the issuer, the API’s words still read', async () => {
    const token = await op.accessToken({ resource: OTHER });
    const run = await check([api.url, ...bearer(token), '--no-discovery'], { secrets: [token] });
    expect(discoveryLabels(run)).toEqual([]);
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'token.wrong-audience' });
  });

  it('the token’s header and claims are shown under credential.token (claims are not secrets)', async () => {
    const token = await op.accessToken({ resource: OTHER, alg: 'ES256' });
    const run = await check([plain.url, ...bearer(token)], { secrets: [token] });
    const credential = (
      run.json as unknown as { credential: { token?: { header: object; claims: object } } }
    ).credential;
    expect(credential.token?.header).toMatchObject({
      alg: 'ES256',
      typ: 'at+jwt',
      kid: op.kids().ES256,
    });
    expect(credential.token?.claims).toMatchObject({ iss: op.issuer, aud: OTHER, scope: 'read' });
  });
});

describe('OAuth: the issuer rotated its keys', () => {
  let op: OidcProviderFixture;
  let api: ProtectedApi;
  beforeAll(async () => {
    op = await startOidcProvider();
    api = await startProtectedApi({ issuer: op.issuer, audience: op.resource });
  });
  afterAll(async () => {
    await api?.close();
    await op?.close();
  });

  it('a token signed before the rotation → token.unknown-key (kid not in the JWKS)', async () => {
    const token = await op.accessToken();
    const oldKid = op.kids().RS256;
    await op.rotateKeys();
    const run = await check([api.url, ...bearer(token)], { secrets: [token] });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'token.unknown-key',
      findings: ['token.unknown-key'],
    });
    expect(ids(run)).not.toContain('token.bad-signature');
    expect(ids(run)).not.toContain('credential.invalid');
    const f = run.json?.findings.find((x) => x.id === 'token.unknown-key');
    expect(JSON.stringify(f?.evidence)).toContain(oldKid);
    expectTokenHidden(run, token);
    // a fresh token is fine again
    const fresh = await op.accessToken();
    expectAccepted(await check([api.url, ...bearer(fresh)], { secrets: [fresh] }));
  });
});
