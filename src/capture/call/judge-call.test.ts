import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { judgeCall } from './judge-call.js';
import type { HeaderPairs, ObservedCall } from './observed-call.js';

const KEY = 'k3y-Qx7vT9mR2pL5wZ8nB4cH6jD1fG3s';

function call(
  requestHeaders: HeaderPairs,
  status: number | undefined,
  body = '',
  responseHeaders: HeaderPairs = [['Content-Type', 'application/json']],
): ObservedCall {
  const bytes = Buffer.from(body);
  return {
    id: 1,
    startedAt: Date.now(),
    method: 'GET',
    url: new URL('http://127.0.0.1:9/v1/items?page=2'),
    requestHeaders,
    response:
      status === undefined
        ? undefined
        : {
            status,
            statusText: '',
            headers: responseHeaders,
            bodySample: bytes,
            bodyBytes: bytes.length,
            truncated: false,
          },
    error:
      status === undefined
        ? { kind: 'refused', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }
        : undefined,
    interrupted: undefined,
    elapsedMs: 3,
  };
}

describe('judgeCall: what passed through, read by the checks of check', () => {
  const cases: [string, ObservedCall, boolean, string | null][] = [
    ['accepted', call([['Authorization', `Bearer ${KEY}`]], 200, '{"data":[]}'), false, null],
    ['no credential', call([], 401, '{"error":"unauthorized"}'), true, 'header.missing'],
    [
      'a WebSocket upgrade accepted (101)',
      call([['Authorization', `Bearer ${KEY}`]], 101, '', [['Upgrade', 'websocket']]),
      false,
      null,
    ],
    [
      'zero-width space in the key',
      call([['Authorization', `Bearer ${KEY}\u200b`]], 401, '{"error":"invalid api key"}'),
      true,
      'key.invisible',
    ],
    [
      'a 200 whose body says it failed',
      call([['Authorization', `Bearer ${KEY}`]], 200, '{"ok":false,"error":"invalid_auth"}'),
      true,
      'status.error-in-body',
    ],
    [
      'a 200 sign-in page where JSON was expected',
      call(
        [['Authorization', `Bearer ${KEY}`]],
        200,
        '<html><body><form method="post" action="/session"><input name="login"><input type="password" name="pw"></form></body></html>',
        [['Content-Type', 'text/html']],
      ),
      true,
      'status.login-redirect',
    ],
    [
      'a 200 HTML page that says the key is invalid',
      call(
        [['Ocp-Apim-Subscription-Key', KEY]],
        200,
        '<html><body><h1>Access denied due to invalid subscription key.</h1></body></html>',
        [['Content-Type', 'text/html']],
      ),
      true,
      'status.error-in-body',
    ],
    ['no answer', call([['x-api-key', KEY]], undefined), true, 'net.unreachable'],
    [
      'a redirect to a login page',
      call([['Authorization', `Bearer ${KEY}`]], 302, '', [['Location', '/login?next=/v1']]),
      true,
      'status.login-redirect',
    ],
  ];
  it.each(cases)('%s', async (_name, observed, refused, cause) => {
    const r = await judgeCall(observed);
    expect({ refused: r.refused, cause: r.verdict?.cause ?? null }).toEqual({ refused, cause });
    expect(JSON.stringify(r)).not.toContain(KEY.slice(4, 13));
    // the live view (detail) judges every call: the same conclusion
    expect((await judgeCall(observed, { detail: true })).refused).toBe(refused);
  });

  it('shows the credential as sent, hidden characters by name, and reads a gzip answer', async () => {
    const body = gzipSync('{"error":{"message":"Invalid API key","code":"invalid_api_key"}}');
    const r = await judgeCall({
      ...call([['X-Api-Key', `${KEY} `]], 401),
      response: {
        status: 401,
        statusText: 'Unauthorized',
        headers: [
          ['Content-Type', 'application/json'],
          ['Content-Encoding', 'gzip'],
        ],
        bodySample: body.subarray(0, body.length - 4), // cut short: still decoded
        bodyBytes: body.length,
        truncated: true,
      },
    });
    expect(r.credential).toMatchObject({
      where: 'X-Api-Key',
      scheme: null,
      hidden: ['SPACE at 32'],
    });
    expect(r.credential?.visible).toMatch(/⟨SPACE⟩$/);
    expect(r.findings.map((f) => f.id)).toContain('key.whitespace');
    expect(r.exchange?.response?.body).toContain('Invalid API key');
    expect(r.path).toBe('/v1/items?page=2');
  });
});

describe('judgeCall: redirects the client followed (run: fetch)', () => {
  const hop = (location: string) => ({
    method: 'GET',
    url: new URL('http://127.0.0.1:9/v1/items'),
    requestHeaders: [['Authorization', `Bearer ${KEY}`]] as HeaderPairs,
    response: {
      status: 302,
      statusText: 'Found',
      headers: [['Location', location]] as HeaderPairs,
      bodySample: Buffer.alloc(0),
      bodyBytes: 0,
      truncated: false,
    },
  });
  const landed = (path: string, body: string, type: string): ObservedCall => ({
    ...call([['Authorization', `Bearer ${KEY}`]], 200, body, [['Content-Type', type]]),
    url: new URL(`http://127.0.0.1:9${path}`),
  });

  it('a 302 to a sign-in page that fetch followed is refused: status.login-redirect, under the URL asked', async () => {
    const r = await judgeCall({
      ...landed('/login', '<html>welcome</html>', 'text/html'),
      before: [hop('/login')],
    });
    expect(r.refused).toBe(true);
    expect(r.verdict?.cause).toBe('status.login-redirect');
    expect(r.path).toBe('/v1/items');
    expect(r.status).toBe(200);
  });

  it('a redirect elsewhere that ends in a plain 200 is not a refusal', async () => {
    const r = await judgeCall({
      ...landed('/v2/items', '{"data":[]}', 'application/json'),
      before: [hop('/v2/items')],
    });
    expect(r.refused).toBe(false);
    expect(r.path).toBe('/v1/items');
  });
});
