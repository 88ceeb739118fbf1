import { describe, expect, it } from 'vitest';
import { runChecks } from '../types.js';
import { renderFinding } from '../../findings/render.js';
import { readTokenAnswer, isGuid } from './answer.js';
import { AADSTS } from './aadsts.js';
import { authenticated, type TokenAnswer, type TokenEndpointEvidence } from './evidence.js';
import { TOKEN_ENDPOINT_CHECKS } from './index.js';

const json = { 'content-type': 'application/json' };

function answer(status: number, body: object | string, headers: Record<string, string> = json) {
  return readTokenAnswer(status, headers, typeof body === 'string' ? body : JSON.stringify(body));
}

function ev(a: TokenAnswer | undefined, more: Partial<TokenEndpointEvidence> = {}) {
  return {
    auth: 'basic',
    grant: 'client_credentials',
    secret: 'value',
    requested: { resources: [] },
    answer: a,
    probes: {},
    ...more,
  } as TokenEndpointEvidence;
}

const found = (e: TokenEndpointEvidence) => runChecks(TOKEN_ENDPOINT_CHECKS, e).map(renderFinding);

// Azure's documented answer (Microsoft Entra error codes page; the body of the token endpoint).
const AZURE_7000215 = {
  error: 'invalid_client',
  error_description:
    "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '00000000-0000-0000-0000-000000000001'.\r\nTrace ID: 0b6a Correlation ID: 1c7e Timestamp: 2026-12-06 10:00:00Z",
  error_codes: [7000215],
  timestamp: '2026-12-06 10:00:00Z',
  trace_id: '0b6a',
  correlation_id: '1c7e',
  error_uri: 'https://login.microsoftonline.com/error?code=7000215',
};

describe('readTokenAnswer', () => {
  it.each<[string, TokenAnswer, Partial<TokenAnswer>]>([
    [
      'RFC 6749 §5.2 JSON',
      answer(400, { error: 'invalid_grant', error_description: 'grant request is invalid' }),
      {
        status: 400,
        error: 'invalid_grant',
        description: 'grant request is invalid',
        issued: false,
      },
    ],
    [
      'a token',
      answer(200, { access_token: 'x'.repeat(30), token_type: 'Bearer' }),
      { issued: true, error: undefined },
    ],
    [
      'Azure: the code from error_codes, the first line of the description',
      answer(401, AZURE_7000215),
      {
        aadsts: 'AADSTS7000215',
        uri: 'https://login.microsoftonline.com/error?code=7000215',
        error: 'invalid_client',
      },
    ],
    [
      'AADSTS only in the description',
      answer(400, {
        error: 'invalid_scope',
        error_description: 'AADSTS70011: The provided value…',
      }),
      { aadsts: 'AADSTS70011' },
    ],
    [
      'form-encoded (GitHub)',
      answer(200, 'error=bad_verification_code&error_description=The+code+is+wrong', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      { error: 'bad_verification_code', description: 'The code is wrong', issued: false },
    ],
    [
      'a 401 with a Basic challenge and no body',
      answer(401, '', { 'www-authenticate': 'Basic realm="token", charset="UTF-8"' }),
      { challenges: ['basic'], error: undefined },
    ],
    [
      'an HTML page',
      answer(500, '<html>oops</html>', { 'content-type': 'text/html' }),
      { error: undefined },
    ],
  ])('%s', (_, got, want) => {
    for (const [k, v] of Object.entries(want)) expect(got[k as keyof TokenAnswer]).toEqual(v);
  });

  it('bounds what a hostile server sends: error, error_description, error_uri', () => {
    const a = answer(400, {
      error: 'x'.repeat(50_000),
      error_description: 'y'.repeat(50_000),
      error_uri: 'z'.repeat(50_000),
    });
    expect(a.error?.length).toBe(100);
    expect(a.description?.length).toBe(300);
    expect(a.uri?.length).toBe(300);
  });

  it('keeps only the first line of error_description', () => {
    expect(answer(401, AZURE_7000215).description).not.toMatch(/Trace ID/);
  });
});

describe('isGuid', () => {
  it.each([
    ['3f2504e0-4f89-41d3-9a0c-0305e82c3301', true],
    ['{3F2504E0-4F89-41D3-9A0C-0305E82C3301}', true],
    ['Abc8Q~xyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxy', false],
    ['3f2504e0-4f89-41d3-9a0c-0305e82c330', false],
  ])('%s → %s', (v, want) => expect(isGuid(v)).toBe(want));
});

describe('token endpoint checks', () => {
  const cases: [string, TokenEndpointEvidence, string[]][] = [
    ['a token: nothing', ev(answer(200, { access_token: 'a'.repeat(30) })), []],
    ['invalid_client', ev(answer(401, { error: 'invalid_client' })), ['token.invalid-client']],
    [
      'unauthorized_client',
      ev(answer(400, { error: 'unauthorized_client' })),
      ['token.invalid-client'],
    ],
    [
      'invalid_grant on a refresh token',
      ev(answer(400, { error: 'invalid_grant', error_description: 'grant request is invalid' }), {
        grant: 'refresh_token',
      }),
      ['token.invalid-grant'],
    ],
    ['invalid_scope', ev(answer(400, { error: 'invalid_scope' })), ['token.scope-denied']],
    [
      'invalid_target (RFC 8707)',
      ev(answer(400, { error: 'invalid_target' })),
      ['token.scope-denied'],
    ],
    ['a bare 401', ev(answer(401, '')), ['token.invalid-client']],
    ['a 500: nothing of ours', ev(answer(500, 'boom', {})), []],
    [
      'the other method got a token: client-auth-method confirmed, not invalid-client',
      ev(answer(401, { error: 'invalid_client' }), {
        probes: { otherAuth: answer(200, { access_token: 'b'.repeat(30) }) },
      }),
      ['token.client-auth-method'],
    ],
    [
      'the other method passed client auth (invalid_grant on a dummy refresh token)',
      ev(answer(401, { error: 'invalid_client' }), {
        grant: 'refresh_token',
        probes: { otherAuth: answer(400, { error: 'invalid_grant' }) },
      }),
      ['token.client-auth-method'],
    ],
    [
      'the other method refused too: invalid-client only',
      ev(answer(401, { error: 'invalid_client' }), {
        probes: { otherAuth: answer(401, { error: 'invalid_client' }) },
        supportedMethods: ['client_secret_post'],
      }),
      ['token.invalid-client'],
    ],
    [
      'discovery lists only the other method',
      ev(answer(401, { error: 'invalid_client' }), { supportedMethods: ['client_secret_post'] }),
      ['token.client-auth-method', 'token.invalid-client'],
    ],
    [
      'discovery lists both: nothing from it',
      ev(answer(401, { error: 'invalid_client' }), {
        supportedMethods: ['client_secret_basic', 'client_secret_post'],
      }),
      ['token.invalid-client'],
    ],
    [
      'post answered by a Basic challenge',
      ev(answer(401, '', { 'www-authenticate': 'Basic realm="oauth"' }), { auth: 'post' }),
      ['token.client-auth-method', 'token.invalid-client'],
    ],
    [
      'GUID secret, AADSTS7000215',
      ev(answer(401, AZURE_7000215), { secret: 'guid' }),
      ['token.client-secret-id', 'token.invalid-client'],
    ],
    [
      'the client id (a GUID) pasted as the secret',
      ev(answer(401, AZURE_7000215), { secret: 'guid', secretIsClientId: true }),
      ['token.client-secret-id', 'token.invalid-client'],
    ],
    [
      'GUID secret accepted: nothing',
      ev(answer(200, { access_token: 'c'.repeat(30) }), { secret: 'guid' }),
      [],
    ],
    [
      'AADSTS70011 with error invalid_scope',
      ev(answer(400, { error: 'invalid_scope', error_codes: [70011] })),
      ['token.scope-denied'],
    ],
    [
      'AADSTS700082 (refresh token inactive)',
      ev(answer(400, { error: 'invalid_grant', error_codes: [700082] }), {
        grant: 'refresh_token',
      }),
      ['token.invalid-grant'],
    ],
    [
      'AADSTS90002 (tenant not found) comes as invalid_request: the code decides',
      ev(answer(400, { error: 'invalid_request', error_codes: [90002] })),
      ['token.invalid-client'],
    ],
    [
      'AADSTS50011 (redirect URI)',
      ev(answer(400, { error: 'invalid_request', error_codes: [50011] })),
      ['token.invalid-grant'],
    ],
    [
      'GitHub: 200 with error incorrect_client_credentials',
      ev(
        answer(200, {
          error: 'incorrect_client_credentials',
          error_description: 'The client_id and/or client_secret passed are incorrect.',
        }),
      ),
      ['token.invalid-client'],
    ],
    [
      'GitHub: bad_refresh_token',
      ev(answer(200, { error: 'bad_refresh_token' }), { grant: 'refresh_token' }),
      ['token.invalid-grant'],
    ],
    [
      'Auth0: 401 access_denied Unauthorized (wrong secret)',
      ev(answer(401, { error: 'access_denied', error_description: 'Unauthorized' })),
      ['token.invalid-client'],
    ],
    [
      'Auth0: 403 access_denied Service not found (audience)',
      ev(
        answer(403, {
          error: 'access_denied',
          error_description: 'Service not found: https://api.x.test',
        }),
        {
          requested: { audience: 'https://api.x.test', resources: [] },
        },
      ),
      ['token.scope-denied'],
    ],
    [
      'invalid_request: no client authentication mechanism provided',
      ev(
        answer(400, {
          error: 'invalid_request',
          error_description: 'no client authentication mechanism provided',
        }),
      ),
      ['token.invalid-client'],
    ],
    [
      'invalid_request about something else: nothing of ours',
      ev(
        answer(400, {
          error: 'invalid_request',
          error_description: 'missing required parameter: grant_type',
        }),
      ),
      [],
    ],
    [
      'Salesforce: invalid_client_id',
      ev(
        answer(400, { error: 'invalid_client_id', error_description: 'client identifier invalid' }),
      ),
      ['token.invalid-client'],
    ],
  ];
  it.each(cases)('%s', (_, e, want) => {
    expect(found(e).map((f) => f.id)).toEqual(want);
  });

  it('every AADSTS entry has its fix in the finding', () => {
    for (const [code, entry] of Object.entries(AADSTS)) {
      const f = found(
        ev(answer(400, { error: 'invalid_request', error_codes: [Number(code.slice(6))] })),
      );
      expect(
        f.map((x) => x.id),
        code,
      ).toContain(entry.id);
      expect(f.find((x) => x.id === entry.id)?.fix, code).toBe(entry.fix);
    }
  });

  it('the server’s reason is in the evidence and the fix', () => {
    const [f] = found(
      ev(answer(401, { error: 'invalid_client', error_description: 'client secret expired' })),
    );
    expect(f?.evidence.join('\n')).toMatch(/client secret expired/);
    expect(f?.fix).toMatch(/client secret expired/);
  });

  it('Keycloak answers a wrong secret with 401 unauthorized_client: the credentials fix, not the grant one', () => {
    const [f] = found(
      ev(
        answer(401, {
          error: 'unauthorized_client',
          error_description: 'Invalid client or Invalid client credentials',
        }),
      ),
    );
    expect(f?.id).toBe('token.invalid-client');
    expect(f?.fix).toMatch(/Invalid client credentials/);
    const [g] = found(
      ev(
        answer(400, {
          error: 'unauthorized_client',
          error_description: 'Client not enabled to retrieve service account',
        }),
      ),
    );
    expect(g?.fix).toMatch(/may not use this grant/);
  });

  it('scope-denied names what was requested', () => {
    const [f] = found(
      ev(answer(400, { error: 'invalid_scope' }), {
        requested: { scope: 'admin', resources: ['https://x.test/'] },
      }),
    );
    expect(f?.evidence.join('\n')).toMatch(/scope=admin resource=https:\/\/x.test\//);
  });

  it('confidence: confirmed by the probe, attributed from the answer, definitive for the GUID', () => {
    const conf = (e: TokenEndpointEvidence) =>
      Object.fromEntries(found(e).map((f) => [f.id, f.confidence]));
    expect(
      conf(
        ev(answer(401, { error: 'invalid_client' }), {
          probes: { otherAuth: answer(200, { access_token: 'b'.repeat(30) }) },
        }),
      ),
    ).toEqual({ 'token.client-auth-method': 'confirmed' });
    expect(conf(ev(answer(401, AZURE_7000215), { secret: 'guid' }))).toEqual({
      'token.client-secret-id': 'definitive',
      'token.invalid-client': 'attributed',
    });
  });
});

describe('authenticated', () => {
  it.each<[string, TokenAnswer, boolean]>([
    ['a token', answer(200, { access_token: 'a'.repeat(30) }), true],
    ['invalid_grant', answer(400, { error: 'invalid_grant' }), true],
    ['invalid_client', answer(401, { error: 'invalid_client' }), false],
    ['a 400 invalid_client', answer(400, { error: 'invalid_client' }), false],
    [
      'AADSTS7000215 under invalid_request',
      answer(400, { error: 'invalid_request', error_codes: [7000215] }),
      false,
    ],
    [
      'invalid_request about the Basic header',
      answer(400, {
        error: 'invalid_request',
        error_description:
          'client_id and client_secret in the authorization header are not properly encoded',
      }),
      false,
    ],
    [
      'invalid_request about the grant',
      answer(400, {
        error: 'invalid_request',
        error_description: 'requested grant type is not allowed for this client',
      }),
      true,
    ],
    ['a 500', answer(500, { error: 'server_error' }), false],
    [
      'GitHub 200 incorrect_client_credentials',
      answer(200, { error: 'incorrect_client_credentials' }),
      false,
    ],
  ])('%s → %s', (_, a, want) => expect(authenticated(a)).toBe(want));
});
