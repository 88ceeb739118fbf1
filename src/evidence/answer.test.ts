import { describe, expect, it } from 'vitest';
import type { WireResponse } from './wire.js';
import { readAnswer } from './answer.js';
import { PROVIDERS } from '../providers/catalog/index.js';

function answer(status: number, body: string | object, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const h = {
    ...(typeof body === 'string' ? {} : { 'content-type': 'application/json' }),
    ...headers,
  };
  const response: WireResponse = {
    status,
    statusText: '',
    headers: h,
    all: Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [v]])),
    body: text,
    bodyBytes: text.length,
    truncated: false,
    fromProxy: false,
  };
  return readAnswer(response, Date.UTC(2026, 0, 15));
}

const html = { 'content-type': 'text/html' };

describe('readAnswer: does the body blame the credential itself?', () => {
  it.each<[string, string | object, boolean]>([
    ['{"errors":["Invalid API key"]}', { errors: ['Invalid API key'] }, true],
    [
      'AWS: the security token included in the request is invalid',
      '<Message>The security token included in the request is invalid.</Message>',
      true,
    ],
    [
      'Datadog: Invalid API key or Application key',
      { errors: ['Invalid API key or Application key'] },
      true,
    ],
    [
      'Google: API key not valid',
      { error: { message: 'API key not valid. Please pass a valid API key.' } },
      true,
    ],
    ['Slack: invalid_auth', { ok: false, error: 'invalid_auth' }, true],
    ['GitHub: Bad credentials', { message: 'Bad credentials' }, true],
    ['a missing key is not a bad one', { message: 'Missing X-Auth-Token header' }, false],
    [
      'credentials not provided',
      { detail: 'Authentication credentials were not provided.' },
      false,
    ],
    [
      'invalid_request_error about a parameter',
      { error: { type: 'invalid_request_error', message: "Invalid value for 'model'" } },
      false,
    ],
    ['a credit balance', { error: { message: 'Your credit balance is too low' } }, false],
  ])('%s → %s', (_name, body, blames) => {
    expect(answer(403, body).blamesCredential).toBe(blames);
  });
});

describe('readAnswer: bodySaysFailure on a 2xx', () => {
  it.each<[string, string | object, Record<string, string>, boolean]>([
    [
      'GraphQL errors, data null, UNAUTHENTICATED',
      { errors: [{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }], data: null },
      {},
      true,
    ],
    ['GraphQL errors without data', { errors: [{ message: 'Not logged in' }] }, {}, true],
    [
      'GraphQL partial data with an auth-coded error',
      { data: { a: 1 }, errors: [{ extensions: { code: 'FORBIDDEN' } }] },
      {},
      true,
    ],
    [
      'GraphQL partial data with another error',
      { data: { a: 1 }, errors: [{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }] },
      {},
      false,
    ],
    [
      'an HTML auth error page',
      '<html><body><p>Message: Invalid Azure Subscription key.</p></body></html>',
      html,
      true,
    ],
    [
      'an HTML sign-in form',
      '<html><body><form><input type="password" name="pw"></form></body></html>',
      html,
      true,
    ],
    [
      'a plain HTML page',
      '<html><body><h1>Welcome</h1><p>Our API is at /v1.</p></body></html>',
      html,
      false,
    ],
    [
      'a long HTML page that mentions an invalid key somewhere',
      `<html><body>${'<p>Reference text about the API and its many endpoints.</p>'.repeat(60)}<p>If the API key is invalid you get a 401.</p></body></html>`,
      html,
      false,
    ],
    ['JSON data', { data: [] }, {}, false],
  ])('%s → %s', (_name, body, headers, failed) => {
    expect(answer(200, body, headers).bodySaysFailure).toBe(failed);
  });
});

describe('readAnswer: the error text says each thing once', () => {
  it('a challenge repeating the body adds nothing; one with words of its own adds them', () => {
    const said = 'jwt audience invalid. expected: https://api.acme.dev';
    const same = answer(
      401,
      { error: 'invalid_token', error_description: said },
      { 'www-authenticate': `Bearer error="invalid_token", error_description="${said}"` },
    );
    expect(same.errorText).toBe(`invalid_token ${said}`);
    const more = answer(
      401,
      { message: 'Unauthorized' },
      { 'www-authenticate': `Bearer error="invalid_token", error_description="${said}"` },
    );
    expect(more.errorText).toBe(`Unauthorized invalid_token ${said}`);
  });

  it('a code inside a longer word is not taken for said', () => {
    const f = answer(401, 'the token_expired flag', {
      'www-authenticate': 'Bearer error="expired"',
    });
    expect(f.errorText).toBe('the token_expired flag expired');
  });
});

describe('readAnswer: pages, headers, links, limits', () => {
  it("a web server's stock page says nothing of its own", () => {
    const page =
      '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>openresty/1.21.4.1</center>\r\n</body>\r\n</html>';
    const f = answer(401, page, html);
    expect(f.stockPage).toBe(true);
    expect(f.says.has('missing')).toBe(false);
    expect(
      answer(
        401,
        '<html><head><title>401 Unauthorized</title></head><body><h1>401</h1><p>Your API key is missing. Send it in the x-api-key header.</p></body></html>',
        html,
      ).stockPage,
    ).toBe(false);
  });

  it('names credential headers the words mention, not other headers or plain words', () => {
    expect(answer(401, { message: 'Missing X-Auth-Token header' }).namedHeaders).toEqual([
      'X-Auth-Token',
    ]);
    expect(
      answer(401, {
        message: 'Provide your key in an Authorization header (Authorization: Bearer KEY)',
      }).namedHeaders,
    ).toEqual(['Authorization']);
    expect(answer(400, { message: 'anthropic-version: header is required' }).namedHeaders).toEqual(
      [],
    );
    expect(answer(401, { message: 'Invalid token header' }).namedHeaders).toEqual([]);
  });

  it('links, rate-limit headers and the route family', () => {
    expect(
      answer(401, { error: 'see https://console.mistral.ai/api-keys and http://help.aliyun.com/x' })
        .linkedHosts,
    ).toEqual(['console.mistral.ai', 'help.aliyun.com']);
    expect(
      answer(403, '', { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' }).rateLimit,
    ).toEqual({ limit: 60, remaining: 0 });
    expect(answer(429, '', { ratelimit: 'limit=100, remaining=0, reset=5' }).rateLimit).toEqual({
      limit: 100,
      remaining: 0,
    });
    expect(answer(404, '<pre>Cannot GET /v1/x</pre>', html).says.has('route')).toBe(true);
    expect(answer(404, { message: 'Not Found' }).says.has('route')).toBe(false);
  });

  it('"Signature expired" speaks of time, not of an expired token', () => {
    const f = answer(403, {
      message: 'Signature expired: 20260115T115500Z is now earlier than 20260115T120500Z',
    });
    expect(f.says.has('clock')).toBe(true);
    expect(f.says.has('expired')).toBe(false);
    expect(answer(401, { message: 'Token is expired' }).says.has('expired')).toBe(true);
  });

  it('an unclosed script tag does not swallow the page twice (linear)', () => {
    const body = `<html>${'<script>'.repeat(4000)}</html>`;
    const t0 = Date.now();
    answer(200, body, html);
    expect(Date.now() - t0).toBeLessThan(500);
  });
});

describe('readAnswer: provider wordings an audit read wrong', () => {
  it('"You did not pass a valid authentication token" says invalid, not only missing', () => {
    const f = answer(401, {
      title: 'Unauthenticated',
      detail: 'You did not pass a valid authentication token',
    });
    expect(f.says.has('invalid')).toBe(true);
  });
  it('"does not contain a valid Server token" says invalid', () => {
    const f = answer(401, { Message: 'Request does not contain a valid Server token.' });
    expect(f.says.has('invalid')).toBe(true);
  });
  it('"Missing Permissions" is a missing permission, not a missing credential', () => {
    const f = answer(403, { message: 'Missing Permissions', code: 50013 });
    expect(f.says.has('missing')).toBe(false);
    expect(f.says.has('scope')).toBe(true);
  });
  it('"Missing API key" still says missing', () => {
    expect(answer(401, { message: 'Missing API key' }).says.has('missing')).toBe(true);
  });
  it('Google\'s "unregistered callers" says no credential arrived, and is no gateway\'s wording', () => {
    const f = answer(403, {
      error: {
        message:
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        status: 'PERMISSION_DENIED',
      },
    });
    expect(f.says.has('missing')).toBe(true);
    expect(f.says.has('gateway')).toBe(false);
  });
  it('GraphQL errors classed by extensions.errorClass with every data field null: a failure', () => {
    const f = answer(200, {
      data: { requestContext: null },
      errors: [{ message: 'Invalid API key', extensions: { errorClass: 'UNAUTHORIZED' } }],
    });
    expect(f.bodySaysFailure).toBe(true);
  });
  it('GraphQL data with a value and a non-auth error: not a failure', () => {
    const f = answer(200, {
      data: { requestContext: { userId: '1' } },
      errors: [{ message: 'deprecated field', extensions: { errorClass: 'WARNING' } }],
    });
    expect(f.bodySaysFailure).toBe(false);
  });
});

describe('readAnswer: words that say the credential did not arrive (issue 14)', () => {
  // Many servers' wordings, none of them one server's sentence: "missing", never "invalid".
  const notArrived = [
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    'You did not provide an API key.',
    'You must provide an API key',
    'No API key found in request',
    'No auth credentials found',
    'Authentication credentials were not provided.',
    'API key not provided',
    'Missing API key in the authorization header.',
    'Please provide your API key',
    'An API key is required to access this resource',
    'Authorization header is required',
    'API key required',
    'Requires authentication',
    'No credentials supplied',
    'No Account or Server API tokens were supplied in the HTTP header.',
    'Unauthenticated',
    'You need to provide a token',
    'Request had no credentials',
    'credentials_missing',
    'missing_api_key',
    'Token has not been sent',
  ];
  it.each(notArrived)('"%s": missing, and no blame of the key', (message) => {
    const f = answer(401, { error: { message } });
    expect(f.says.has('missing'), [...f.says].join()).toBe(true);
    expect(f.says.has('invalid')).toBe(false);
    expect(f.blamesCredential).toBe(false);
  });

  const readAndRefused = [
    'You did not pass a valid authentication token',
    'Incorrect API key provided: sk-ab***wxyz',
    'Invalid API key',
    'The API key you provided is not valid',
  ];
  it.each(readAndRefused)('"%s": the key was read and refused, not missing-only', (message) => {
    const f = answer(401, { error: { message } });
    expect(f.says.has('invalid') || f.blamesCredential).toBe(true);
  });

  // The catalog's error shapes for a request without the key: each must read as "not arrived".
  const shapes = PROVIDERS.flatMap((p) =>
    p.errorShapes
      .filter(
        (e) =>
          /^(no\b|no\/)|without (a )?token|no usable credential/i.test(e.when) &&
          !/permission|scope|iam/i.test(e.when) &&
          // (a shape described without its words, `registry error JSON`, says nothing to read)
          !/^registry error json$/i.test(e.body),
      )
      .map((e) => [`${p.id} ${e.status} (${e.when})`, e] as const),
  );
  it('the catalog holds such shapes', () => expect(shapes.map(([n]) => n)).toHaveLength(8));
  it.each(shapes)('catalog: %s reads as "missing", never as a blamed key', (_name, e) => {
    const f = answer(e.status, e.body, { 'content-type': 'text/plain' });
    expect(f.says.has('missing'), `${[...f.says].join()} ← ${e.body}`).toBe(true);
    expect(f.blamesCredential).toBe(false);
  });
});

describe('readAnswer: a token of another type than the method takes (issue 14)', () => {
  it.each([
    { ok: false, error: 'not_allowed_token_type' },
    { message: 'Invalid token type' },
    { message: 'You passed a user token where a bot token is required' },
    { message: 'This method requires a bot token' },
    { message: 'Bot token is required for this endpoint' },
    { error: 'token_type_not_allowed' },
  ])('%j says token-type', (body) => {
    expect(answer(401, body).says.has('token-type')).toBe(true);
  });
  it.each([{ message: 'Invalid token' }, { error: 'invalid_auth' }, { message: 'Bad token' }])(
    '%j does not',
    (body) => expect(answer(401, body).says.has('token-type')).toBe(false),
  );
});

describe('readAnswer: a masked key the server quotes in its sentence (issue 14)', () => {
  it("'rk_live_****abcd' inside a sentence: the quote closes after the tail", () => {
    const f = answer(403, {
      error: {
        message:
          "The provided key 'rk_live_****abcd' does not have the required permissions for this endpoint",
      },
    });
    expect(f.maskedEcho).toEqual({ head: "'rk_live_", tail: 'abcd', closedQuote: true });
  });
  it('"sk-ab***QQQQ with no closing quote: a quote that arrived with the key', () => {
    const f = answer(401, { error: { message: 'Incorrect API key provided: "sk-ab***QQQQ' } });
    expect(f.maskedEcho?.closedQuote).toBe(false);
  });
});
