/**
 * `why401 token` end to end, on the built CLI, against a real OpenID provider (panva's
 * oidc-provider, test/support/oidc.ts) and a real jose-validating API. Two behaviours no
 * installable server here has are reproduced by small loopback servers, in the public formats:
 * Azure's AADSTS7000215 answer (Microsoft Entra's documented token-endpoint error body) and a
 * server that refuses Basic for a client registered for client_secret_post (Ory Fosite's
 * invalid_client answer, as Hydra and Authelia send it). oidc-provider itself accepts a secret
 * either way; with `clientAuthMethods: ['client_secret_basic']` it refuses one in the body.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startOidcProvider,
  startProtectedApi,
  type OidcProviderFixture,
  type ProtectedApi,
} from '../support/oidc.js';
import { ROOT, check, describeRun, expectNoLeak, ids, type CliRun } from './run-cli.js';

/** The CLI without --json (check() adds it). */
function human(args: readonly string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'why401.cjs'), ...args], {
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const token = (args: readonly string[], env: Record<string, string>, secrets: string[]) =>
  check(args, { command: 'token', env, secrets });

/** No access token (a JWT or the loopback servers' opaque ones) in the output, not even in part. */
function expectNoToken(run: CliRun, issued: readonly string[] = []): void {
  expect(run.stdout + run.stderr).not.toMatch(/eyJ[\w-]{12,}\.[\w-]{12,}/);
  for (const t of issued) expect(run.stdout + run.stderr).not.toContain(t.slice(4, 20));
  expectNoLeak(run);
}

function listen(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, body, res));
  });
  return new Promise<{ server: Server; origin: string }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

const close = (s: Server | undefined) =>
  new Promise<void>((r) => {
    if (!s) return r();
    s.closeAllConnections();
    s.close(() => r());
  });

/** The client id and secret of a request, from Basic or from the body; which one was used. */
function clientOf(req: IncomingMessage, body: string) {
  const form = new URLSearchParams(body);
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const pair = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    const i = pair.indexOf(':');
    return {
      how: 'basic' as const,
      id: decodeURIComponent(pair.slice(0, i)),
      secret: decodeURIComponent(pair.slice(i + 1)),
      form,
    };
  }
  return {
    how: 'post' as const,
    id: form.get('client_id') ?? '',
    secret: form.get('client_secret') ?? '',
    form,
  };
}

describe('why401 token against oidc-provider', () => {
  let op: OidcProviderFixture;
  let basicOnly: OidcProviderFixture;
  let api: ProtectedApi;
  let dir: string;
  const other = 'https://other-api.example.test/';

  beforeAll(async () => {
    op = await startOidcProvider({ realm: 'demo', otherResources: [other], refreshTokens: true });
    basicOnly = await startOidcProvider({ clientAuthMethods: ['client_secret_basic'] });
    api = await startProtectedApi({ issuer: op.issuer, audience: op.resource });
    dir = mkdtempSync(join(tmpdir(), 'why401-token-'));
  });
  afterAll(async () => {
    await api?.close();
    await op?.close();
    await basicOnly?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('healthy control: client_credentials through discovery, basic, a token issued, nothing wrong', async () => {
    const c = op.clients.basic;
    const run = await token(
      ['--issuer', op.issuer, '--client-id', c.id, '--client-secret-env', 'CS', '--scope', 'read'],
      { CS: c.secret },
      [c.secret],
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.json?.verdict.status).toBe('accepted');
    expect(run.json?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(run.json?.exchanges.map((x) => x.label)).toEqual([
      'discovery: openid-configuration',
      'request',
    ]);
    // Discovery carries no credential.
    const discovery = run.json?.exchanges[0] as unknown as { request: { headers: object } };
    expect(Object.keys(discovery.request.headers).map((h) => h.toLowerCase())).not.toContain(
      'authorization',
    );
    expectNoToken(run);
  });

  it('--issuer with a trailing slash the issuer does not publish: token issued, token.wrong-issuer warns', async () => {
    const c = op.clients.basic;
    const run = await token(
      ['--issuer', `${op.issuer}/`, '--client-id', c.id, '--client-secret-env', 'CS'],
      { CS: c.secret },
      [c.secret],
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.json?.verdict.status).toBe('accepted');
    const f = run.json?.findings.find((x) => x.id === 'token.wrong-issuer');
    expect(f?.severity, describeRun(run)).toBe('warning');
    const evidence = JSON.stringify(f?.evidence);
    expect(evidence).toContain(`${op.issuer}/`);
    expect(evidence).toContain('trailing slash');
    expectNoToken(run);

    // the exact issuer: no such finding
    const exact = await token(
      ['--issuer', op.issuer, '--client-id', c.id, '--client-secret-env', 'CS'],
      { CS: c.secret },
      [c.secret],
    );
    expect(ids(exact)).not.toContain('token.wrong-issuer');
  });

  it('--issuer of another realm: no discovery document, exit 2 naming what was asked', async () => {
    const c = op.clients.basic;
    const wrongRealm = op.issuer.replace('/realms/demo', '/realms/other');
    const run = await human(
      ['token', '--issuer', wrongRealm, '--client-id', c.id, '--client-secret-env', 'CS'],
      { CS: c.secret },
    );
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/openid-configuration → 404/);
    expect(run.stderr).toMatch(/--token-url/);
    expect(run.stdout + run.stderr).not.toContain(c.secret.slice(0, 9));
  });

  it('healthy control: the post client sent in the body', async () => {
    const c = op.clients.post;
    const run = await token(
      [
        '--token-url',
        op.tokenEndpoint,
        '--client-id',
        c.id,
        '--client-secret-env',
        'CS',
        '--auth',
        'post',
      ],
      { CS: c.secret },
      [c.secret],
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(ids(run).filter((id) => id.startsWith('token.'))).toEqual([]);
    expectNoToken(run);
  });

  it('the app sends the secret in the body, the server wants Basic: token.client-auth-method, confirmed', async () => {
    const c = basicOnly.clients.basic;
    const run = await token(
      [
        '--issuer',
        basicOnly.issuer,
        '--client-id',
        c.id,
        '--client-secret-env',
        'CS',
        '--auth',
        'post',
      ],
      { CS: c.secret },
      [c.secret],
    );
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.json?.verdict.cause, describeRun(run)).toBe('token.client-auth-method');
    const f = run.json?.findings.find((x) => x.id === 'token.client-auth-method');
    expect(f?.fix).toMatch(/Authorization: Basic/);
    expect(JSON.stringify(f?.evidence)).toMatch(
      /token_endpoint_auth_methods_supported: client_secret_basic/,
    );
    expect(run.json?.exchanges.map((x) => x.label)).toEqual([
      'discovery: openid-configuration',
      'request',
      'probe: client_secret_basic',
    ]);
    expect(ids(run)).not.toContain('token.invalid-client');
    expectNoToken(run);
  });

  it('a wrong secret: token.invalid-client with the server’s reason, not the auth method', async () => {
    const c = op.clients.basic;
    const wrong = randomBytes(24).toString('base64url');
    const run = await token(
      ['--issuer', op.issuer, '--client-id', c.id, '--client-secret-env', 'CS'],
      { CS: wrong },
      [wrong, c.secret],
    );
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.json?.verdict.cause).toBe('token.invalid-client');
    expect(ids(run)).not.toContain('token.client-auth-method');
    expect(JSON.stringify(run.json?.findings[0]?.evidence)).toMatch(
      /invalid secret provided|client authentication failed/,
    );
    expect(run.json?.exchanges.map((x) => x.label)).toContain('probe: client_secret_post');
    expectNoToken(run);
  });

  it('a secret with a trailing newline (a file): key.newline, confirmed by the cleaned probe', async () => {
    const c = op.clients.basic;
    const file = join(dir, 'secret.txt');
    writeFileSync(file, `${c.secret}\n`);
    const run = await token(
      ['--token-url', op.tokenEndpoint, '--client-id', c.id, '--client-secret-file', file],
      {},
      [c.secret],
    );
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.json?.verdict.cause, describeRun(run)).toBe('key.newline');
    expect(run.json?.exchanges.map((x) => x.label)).toContain('probe: secret cleaned');
    expect(ids(run)).not.toContain('token.invalid-client');
    expectNoToken(run);
  });

  it('refresh_token grant with an unknown (revoked) refresh token: token.invalid-grant, no probe', async () => {
    const c = op.clients.basic;
    const refresh = randomBytes(32).toString('base64url');
    const run = await token(
      [
        '--token-url',
        op.tokenEndpoint,
        '--client-id',
        c.id,
        '--client-secret-env',
        'CS',
        '--grant',
        'refresh_token',
        '--refresh-token-env',
        'RT',
      ],
      { CS: c.secret, RT: refresh },
      [c.secret, refresh],
    );
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.json?.verdict.cause).toBe('token.invalid-grant');
    expect(run.json?.findings[0]?.fix).toMatch(/refresh token/);
    // The client authenticated: nothing to probe.
    expect(run.json?.exchanges.map((x) => x.label)).toEqual(['request']);
    expectNoToken(run);
  });

  it('refresh_token grant sent in the body to a Basic-only server: the probe uses a stand-in refresh token', async () => {
    // basicOnly has no refresh grant: the stand-in is refused as a grant type (invalid_request /
    // unauthorized_client) after the client authenticated, which is all the probe needs.
    const c = basicOnly.clients.basic;
    const refresh = randomBytes(32).toString('base64url');
    const run = await token(
      [
        '--token-url',
        basicOnly.tokenEndpoint,
        '--client-id',
        c.id,
        '--client-secret-env',
        'CS',
        '--auth',
        'post',
        '--grant',
        'refresh_token',
        '--refresh-token-env',
        'RT',
      ],
      { CS: c.secret, RT: refresh },
      [c.secret, refresh],
    );
    expect(run.json?.verdict.cause, describeRun(run)).toBe('token.client-auth-method');
    expectNoToken(run);
  });

  it('invalid_scope: token.scope-denied names the scope asked for', async () => {
    const c = op.clients.basic;
    const run = await token(
      ['--issuer', op.issuer, '--client-id', c.id, '--client-secret-env', 'CS', '--scope', 'admin'],
      { CS: c.secret },
      [c.secret],
    );
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.json?.verdict.cause).toBe('token.scope-denied');
    expect(JSON.stringify(run.json?.findings[0]?.evidence)).toMatch(/scope=admin/);
    expectNoToken(run);
  });

  it('invalid_target (RFC 8707): an unknown resource is token.scope-denied', async () => {
    const c = op.clients.basic;
    const run = await token(
      [
        '--issuer',
        op.issuer,
        '--client-id',
        c.id,
        '--client-secret-env',
        'CS',
        '--resource',
        'https://unknown.example.test/',
      ],
      { CS: c.secret },
      [c.secret],
    );
    expect(run.json?.verdict.cause, describeRun(run)).toBe('token.scope-denied');
    expectNoToken(run);
  });

  it('--then: the token works on the jose API (accepted, both sides in the exchanges)', async () => {
    const c = op.clients.basic;
    const run = await token(
      [
        '--issuer',
        op.issuer,
        '--client-id',
        c.id,
        '--client-secret-env',
        'CS',
        '--resource',
        op.resource,
        '--then',
        api.url,
      ],
      { CS: c.secret },
      [c.secret],
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.json?.verdict.status).toBe('accepted');
    const labels = run.json?.exchanges.map((x) => x.label) ?? [];
    expect(labels.slice(0, 2)).toEqual(['discovery: openid-configuration', 'token request']);
    expect(labels).toContain('then: request');
    expectNoToken(run);
  });

  it('--then: a token for another API is refused by the API, diagnosed as a pair', async () => {
    const c = op.clients.basic;
    const run = await token(
      [
        '--issuer',
        op.issuer,
        '--client-id',
        c.id,
        '--client-secret-env',
        'CS',
        '--resource',
        other,
        '--then',
        api.url,
      ],
      { CS: c.secret },
      [c.secret],
    );
    expect(run.code, describeRun(run)).toBe(1);
    // The API's words (jose: unexpected "aud" claim value) name the token's audience.
    expect(run.json?.verdict.status, describeRun(run)).toBe('rejected');
    expect(run.json?.verdict.cause).toBe('token.wrong-audience');
    expect(run.json?.exchanges.find((x) => x.label === 'token request')?.response?.status).toBe(
      200,
    );
    const then = run.json?.exchanges.find((x) => x.label === 'then: request');
    expect(then?.response?.status).toBe(401);
    expectNoToken(run);
  });

  it('human output: the cause, the fix, the requests, no secret', async () => {
    const c = basicOnly.clients.basic;
    const run = await human(
      [
        'token',
        '--token-url',
        basicOnly.tokenEndpoint,
        '--client-id',
        c.id,
        '--client-secret-env',
        'CS',
        '--auth',
        'post',
      ],
      { CS: c.secret },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Refused \(401 invalid_client\)/);
    expect(run.stdout).toMatch(/why401 explain token\.client-auth-method/);
    expect(run.stdout).toMatch(/probe: client_secret_basic/);
    expect(run.stdout + run.stderr).not.toContain(c.secret.slice(0, 9));
    expect(run.stdout + run.stderr).not.toMatch(/eyJ[\w-]{12,}\.[\w-]{12,}/);
  });
});

describe('why401 token against loopback servers in public formats', () => {
  let azure: { server: Server; origin: string } | undefined;
  let fosite: { server: Server; origin: string } | undefined;
  const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const clientId = '6731de76-14a6-49ae-97bc-6eba6914391e';
  const secretValue = `Q~${randomBytes(28).toString('base64url')}`;
  const secretId = 'b3a9c6e1-2f4d-4c8a-9e1b-7d5f3a2c1e90';
  const issued = `opaque-${randomBytes(24).toString('hex')}`;

  beforeAll(async () => {
    // Microsoft Entra ID's token endpoint, its documented answer to a wrong client secret.
    azure = await listen((req, body, res) => {
      const c = clientOf(req, body);
      res.setHeader('content-type', 'application/json; charset=utf-8');
      if (c.id === clientId && c.secret === secretValue) {
        res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: issued }));
        return;
      }
      res.statusCode = 401;
      res.end(
        JSON.stringify({
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.\r\nTrace ID: 1f0c Correlation ID: 9a2b Timestamp: 2026-12-06 10:00:00Z`,
          error_codes: [7000215],
          timestamp: '2026-12-06 10:00:00Z',
          trace_id: '1f0c',
          correlation_id: '9a2b',
          error_uri: 'https://login.microsoftonline.com/error?code=7000215',
        }),
      );
    });
    // Ory Fosite (Hydra, Authelia): a client registered for client_secret_post, sent Basic.
    fosite = await listen((req, body, res) => {
      const c = clientOf(req, body);
      res.setHeader('content-type', 'application/json;charset=UTF-8');
      if (c.id === clientId && c.secret === secretValue && c.how === 'post') {
        res.end(JSON.stringify({ token_type: 'bearer', expires_in: 3599, access_token: issued }));
        return;
      }
      res.statusCode = 401;
      res.end(
        JSON.stringify({
          error: 'invalid_client',
          error_description:
            c.how === 'basic'
              ? "Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method). The request was determined to be using 'token_endpoint_auth_method' method 'client_secret_basic', however the OAuth 2.0 client registration does not allow this method."
              : 'Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).',
        }),
      );
    });
  });
  afterAll(async () => {
    await close(azure?.server);
    await close(fosite?.server);
  });

  it('Azure: the Secret ID (a GUID) pasted as the secret: token.client-secret-id (AADSTS7000215)', async () => {
    const run = await token(
      [
        '--token-url',
        `${azure?.origin}/${tenant}/oauth2/v2.0/token`,
        '--client-id',
        clientId,
        '--client-secret-env',
        'CS',
        '--scope',
        'https://graph.microsoft.com/.default',
        '--auth',
        'post',
      ],
      { CS: secretId },
      [secretId, secretValue],
    );
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.json?.verdict.cause).toBe('token.client-secret-id');
    expect(run.json?.findings[0]?.fix).toMatch(/Value/);
    expect(ids(run)).not.toContain('token.client-auth-method');
    expectNoToken(run, [issued]);
  });

  it('Azure: the right secret value is a healthy control', async () => {
    const run = await token(
      [
        '--token-url',
        `${azure?.origin}/${tenant}/oauth2/v2.0/token`,
        '--client-id',
        clientId,
        '--client-secret-env',
        'CS',
        '--auth',
        'post',
      ],
      { CS: secretValue },
      [secretValue],
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(ids(run).filter((id) => id.startsWith('token.'))).toEqual([]);
    expectNoToken(run, [issued]);
  });

  it('Basic sent, the client registered for client_secret_post: token.client-auth-method, confirmed', async () => {
    const run = await token(
      [
        '--token-url',
        `${fosite?.origin}/oauth2/token`,
        '--client-id',
        clientId,
        '--client-secret-env',
        'CS',
      ],
      { CS: secretValue },
      [secretValue],
    );
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.json?.verdict.cause).toBe('token.client-auth-method');
    expect(run.json?.findings[0]?.fix).toMatch(/form body/);
    expectNoToken(run, [issued]);
  });
});

describe('why401 token: usage and transport', () => {
  it('usage errors exit 2 and never echo a value pasted where a name belongs', async () => {
    const pasted = `sk_${randomBytes(16).toString('hex')}`;
    const runs = await Promise.all([
      human(['token', '--token-url', 'http://127.0.0.1:9/token'], {}),
      human(
        [
          'token',
          '--token-url',
          'http://127.0.0.1:9/token',
          '--client-id',
          'a',
          '--grant',
          'implicit',
        ],
        {},
      ),
      human(
        ['token', '--token-url', 'http://127.0.0.1:9/token', '--client-id', 'a', '--auth', 'jwt'],
        {},
      ),
      human(['token', '--client-id', 'a'], {}),
      human(
        [
          'token',
          '--token-url',
          'http://127.0.0.1:9/token',
          '--client-id',
          'a',
          '--client-secret-env',
          pasted,
        ],
        {},
      ),
      human(
        [
          'token',
          '--token-url',
          'http://127.0.0.1:9/token',
          '--client-id',
          'a',
          '--grant',
          'refresh_token',
        ],
        {},
      ),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout + run.stderr).not.toContain(pasted.slice(3, 12));
    }
    expect(runs[4]?.stderr).toMatch(/--client-secret-env/);
  });

  it('--help: the options and examples, exit 0', async () => {
    const run = await human(['token', '--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--client-secret-env/);
    expect(run.stdout).toMatch(/--then URL/);
  });

  it('no HTTP answer from the issuer: exit 3, unreachable, the discovery exchange listed', async () => {
    const { server, origin } = await listen(() => undefined);
    await close(server);
    const run = await token(
      ['--issuer', origin, '--client-id', 'a', '--client-secret-env', 'CS', '--timeout', '3000'],
      { CS: 'not-the-real-secret-value' },
      ['not-the-real-secret-value'],
    );
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.json?.exchanges.map((x) => x.label)).toEqual(['discovery: openid-configuration']);
  });

  it('no HTTP answer from the token endpoint: exit 3, unreachable', async () => {
    const { server, origin } = await listen(() => undefined);
    await close(server);
    const run = await token(
      [
        '--token-url',
        `${origin}/token`,
        '--client-id',
        'a',
        '--client-secret-env',
        'CS',
        '--timeout',
        '3000',
      ],
      { CS: 'not-the-real-secret-value' },
      ['not-the-real-secret-value'],
    );
    expect(run.code, describeRun(run)).toBe(3);
    expect(run.json?.verdict.status).toBe('unreachable');
    expectNoToken(run);
  });
});
