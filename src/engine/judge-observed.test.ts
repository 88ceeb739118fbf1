import { describe, expect, it } from 'vitest';
import {
  judgeObserved,
  isRefusal,
  type ExchangeFailure,
  type ExchangeResponse,
} from './judge-observed.js';

const request = {
  url: 'https://api.example.com/v1/me',
  headers: [['Authorization', 'Bearer a1b2c3d4e5f6g7h8i9j0k1l2m3n4']] as const,
};
const json = [['Content-Type', 'application/json']] as const;

describe('isRefusal: was the call refused, as the engine judges it', () => {
  it.each<[string, ExchangeResponse | ExchangeFailure, boolean]>([
    ['401', { status: 401, body: '' }, true],
    ['403', { status: 403, headers: json, body: '{"message":"forbidden"}' }, true],
    ['407', { status: 407, body: '' }, true],
    ['429', { status: 429, headers: [['Retry-After', '30']], body: '' }, true],
    ['200 with data', { status: 200, headers: json, body: '{"data":[]}' }, false],
    [
      '200 with ok:false, invalid_auth',
      { status: 200, headers: json, body: '{"ok":false,"error":"invalid_auth"}' },
      true,
    ],
    [
      '200 with ok:false, not an auth error',
      { status: 200, headers: json, body: '{"ok":false,"error":"channel_not_found"}' },
      false,
    ],
    [
      '400 invalid api key',
      { status: 400, headers: json, body: '{"error":{"message":"API key not valid"}}' },
      true,
    ],
    ['404 of an unknown API', { status: 404, headers: json, body: '{"error":"not found"}' }, false],
    [
      '404 "Route not found": a wrong URL, not a refusal',
      { status: 404, headers: json, body: '{"error":"Route not found"}' },
      false,
    ],
    [
      '200 GraphQL errors UNAUTHENTICATED, data null',
      {
        status: 200,
        headers: json,
        body: '{"errors":[{"message":"Sign in first","extensions":{"code":"UNAUTHENTICATED"}}],"data":null}',
      },
      true,
    ],
    ['500', { status: 500, headers: json, body: '{"error":"boom"}' }, false],
    [
      '302 to a login page',
      {
        status: 302,
        headers: [['Location', 'https://sso.example.com/login?next=/v1/me']],
        body: '',
      },
      true,
    ],
    ['302 elsewhere', { status: 302, headers: [['Location', '/v2/me']], body: '' }, false],
    [
      '200 after a redirect fetch followed to a login page',
      {
        status: 200,
        headers: [['Content-Type', 'text/html']],
        body: '<html>Sign in</html>',
        url: 'https://example.cloudflareaccess.com/cdn-cgi/access/login',
        redirected: true,
      },
      true,
    ],
    [
      'not sent: the client refused',
      { error: { message: 'Invalid character in header content', code: 'ERR_INVALID_CHAR' } },
      true,
    ],
    [
      'no answer: connection refused',
      { error: { message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' } },
      false,
    ],
  ])('%s → %s', async (_name, answer, refused) => {
    const d = await judgeObserved(request, answer);
    expect(isRefusal(d)).toBe(refused);
  });
});

describe('judgeObserved', () => {
  it('a redirect the client followed is a hop; across origins the credential stays behind', async () => {
    const { diagnosis: d, evidence } = await judgeObserved(request, {
      status: 401,
      body: '{"error":"missing token"}',
      headers: json,
      url: 'https://other.example.net/v1/me',
      redirected: true,
    });
    expect(d.verdict.cause).toBe('net.redirect-drops-auth');
    expect(evidence.chain.map((hop) => hop.carried)).toEqual([true, false]);
    expect(d.exchanges[1]?.request.headers).not.toHaveProperty('Authorization');
  });

  it('the diagnosis is redacted and scrubbed: target, exchanges, the evidence echoed', async () => {
    const { diagnosis: d } = await judgeObserved(
      { url: 'https://api.example.com/v1/me?api_key=qk_abcdefghijklmnopqrstuvwx' },
      { status: 401, body: 'the key qk_abcdefghijklmnopqrstuvwx is not valid' },
    );
    expect(JSON.stringify(d)).not.toContain('abcdefghij');
    expect(d.credential?.source).toBe('query:api_key');
  });

  it('an unknown provider id is a usage error', async () => {
    await expect(
      judgeObserved(request, { status: 401 }, { providerId: 'nope' }),
    ).rejects.toMatchObject({
      code: 'WHY401_E_USAGE',
    });
  });
});
