import { credentialInvalid } from './invalid.js';
import { checkTable, OPENAI_NO_KEY } from '../test-helpers.js';

const html = { 'content-type': 'text/html' };

/** openresty's (nginx's) stock page for a 401: the status line twice and the server's name. */
const OPENRESTY_401 =
  '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n';

checkTable(credentialInvalid, 'credential.invalid', {
  finds: [
    {
      name: 'ex-03: 401 invalid_api_key',
      reply: {
        status: 401,
        body: { error: { code: 'invalid_api_key', message: 'Incorrect API key provided' } },
      },
    },
    {
      name: '403 {"errors":["Invalid API key"]}',
      reply: { status: 403, body: { errors: ['Invalid API key'] } },
    },
    {
      name: 'AWS-style 403: the security token included in the request is invalid',
      reply: {
        status: 403,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'r-1' },
        body: '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>',
      },
      evidence: [/security token included in the request is invalid/],
    },
    {
      name: 'Datadog-style 403 from an unknown host: Invalid API key or Application key',
      reply: { status: 403, body: { errors: ['Invalid API key or Application key'] } },
    },
    {
      name: 'ASP.NET-style 401: empty body, a bare WWW-Authenticate: Bearer to a Bearer token',
      reply: { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: '' },
      confidence: 'heuristic',
      evidence: [/bare `WWW-Authenticate: Bearer` challenge/, /RFC 6750/],
    },
    {
      name: 'openresty\'s stock 401 page ("Authorization Required" is its status line, not a word about the key)',
      reply: { status: 401, headers: { ...html, server: 'openresty' }, body: OPENRESTY_401 },
      evidence: [/stock page/],
    },
    {
      name: 'the stock page without a Server header',
      reply: { status: 401, headers: html, body: OPENRESTY_401 },
    },
    {
      name: 'Replicate-style 401 "did not pass a valid token", and without a key "did not pass a token"',
      reply: {
        status: 401,
        body: { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token' },
      },
      probes: {
        'without-credential': {
          status: 401,
          body: { title: 'Unauthenticated', detail: 'You did not pass an authentication token' },
        },
      },
      confidence: 'attributed',
      evidence: [/the server read the key/],
    },
    {
      name: 'Datadog: a bare 403 "Forbidden" where Datadog documents its 403 for unknown keys, and without a key another answer: the key was read',
      provider: 'datadog',
      providerBy: 'flag',
      spot: { in: 'header', name: 'DD-API-KEY', scheme: null },
      reply: { status: 403, body: { errors: ['Forbidden'] } },
      probes: { 'without-credential': { status: 401, body: { errors: ['Unauthorized'] } } },
      confidence: 'attributed',
      evidence: [
        /Datadog documents this answer \(403\) for: invalid API key/,
        /the server read the key/,
      ],
      data: { established: true },
    },
    {
      name: 'a bare Bearer challenge without the key, error="invalid_token" with it (same empty body): the key was read',
      reply: {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' },
        body: '',
      },
      probes: {
        'without-credential': {
          status: 401,
          headers: { 'www-authenticate': 'Bearer realm="api"' },
          body: '',
        },
      },
      confidence: 'attributed',
    },
    {
      name: 'Vercel: 403 "Not authorized" with "invalidToken": true',
      provider: 'vercel',
      providerBy: 'flag',
      reply: {
        status: 403,
        body: { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } },
      },
    },
    {
      name: 'Google-style 400 "API key not valid" sent with no probe (a POST): the words blame the key',
      spot: { in: 'query', name: 'key' },
      reply: {
        status: 400,
        body: {
          error: {
            code: 400,
            message: 'API key not valid. Please pass a valid API key.',
            status: 'INVALID_ARGUMENT',
          },
        },
      },
      confidence: 'attributed',
    },
    {
      name: 'a 200 HTML page "Invalid Azure Subscription key"',
      reply: {
        status: 200,
        headers: html,
        body: '<html><body><p>Message: Invalid Azure Subscription key.</p></body></html>',
      },
    },
    {
      name: 'issue 14: the words blame the key and the answer without one differs: attributed, established',
      reply: { status: 401, body: { error: 'Invalid API key' } },
      probes: { 'without-credential': { status: 401, body: { error: 'API key required' } } },
      confidence: 'attributed',
      data: { established: true },
    },
    {
      name: 'issue 14: WWW-Authenticate error="invalid_token" is the server reading the key',
      reply: {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' },
        body: '',
      },
      confidence: 'attributed',
    },
  ],
  ok: [
    {
      name: 'the same answer but for its request id and time (a Spring Boot error body): the key made no difference',
      reply: {
        status: 401,
        body: {
          timestamp: '2026-12-06T23:10:04.118Z',
          status: 401,
          error: 'Unauthorized',
          path: '/v1/items',
          requestId: '7f3c9a1e-55b2-4c0e-9d1a-2b6e8f4a9c31',
        },
      },
      probes: {
        'without-credential': {
          status: 401,
          body: {
            timestamp: '2026-12-06T23:10:04.131Z',
            status: 401,
            error: 'Unauthorized',
            path: '/v1/items',
            requestId: '0b9d2f6c-1e47-4a88-b3f5-6c2a9e7d1f04',
          },
        },
      },
    },
    {
      name: 'issue 14: a bare Bearer challenge, the same answer without the key: the key made no difference, never invalid',
      reply: { status: 401, headers: { 'www-authenticate': 'Bearer realm="api"' }, body: '' },
      probes: {
        'without-credential': {
          status: 401,
          headers: { 'www-authenticate': 'Bearer realm="api"' },
          body: '',
        },
      },
    },
    {
      name: 'Datadog: a bare 403 "Forbidden", the same without a key, where Datadog documents its 403 for unknown keys',
      provider: 'datadog',
      providerBy: 'flag',
      spot: { in: 'header', name: 'DD-API-KEY', scheme: null },
      reply: { status: 403, body: { errors: ['Forbidden'] } },
      probes: { 'without-credential': { status: 403, body: { errors: ['Forbidden'] } } },
    },
    {
      name: 'Airtable: a wrong token gets "Authentication required", the same as none, as Airtable documents for invalid tokens',
      provider: 'airtable',
      providerBy: 'flag',
      reply: {
        status: 401,
        body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } },
      },
      probes: {
        'without-credential': {
          status: 401,
          body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } },
        },
      },
    },
    {
      name: 'issue 14: "Invalid API key" and the very same without any key: not even a candidate',
      reply: { status: 401, body: { error: 'Invalid API key' } },
      probes: { 'without-credential': { status: 401, body: { error: 'Invalid API key' } } },
    },
    {
      name: 'issue 14: a bare 401 "Unauthorized", the same without the key: not even a candidate',
      reply: { status: 401, body: { error: 'Unauthorized' } },
      probes: { 'without-credential': { status: 401, body: { error: 'Unauthorized' } } },
    },
    {
      name: 'issue 14: a reverse proxy blanked the header; OpenAI\'s own "You didn\'t provide an API key" comes back',
      provider: 'openai',
      providerBy: 'key',
      url: 'https://llm.corp.test/v1/models',
      reply: { status: 401, headers: { server: 'nginx' }, body: OPENAI_NO_KEY },
      probes: {
        'without-credential': { status: 401, headers: { server: 'nginx' }, body: OPENAI_NO_KEY },
      },
    },
    {
      name: 'issue 14: the same, offline (no probe)',
      reply: { status: 401, headers: { server: 'nginx' }, body: OPENAI_NO_KEY },
    },
    ...[
      'No API key found in request',
      'Authentication credentials were not provided.',
      'You must provide an API key',
      'API key is required',
      'No auth credentials found',
      'Unauthenticated',
    ].map((message) => ({
      name: `issue 14: "${message}", the same without the key: not arrived, never invalid`,
      reply: { status: 401, body: { message } },
      probes: { 'without-credential': { status: 401, body: { message } } },
    })),
    {
      name: 'issue 14: Slack-style not_allowed_token_type (key.wrong-type)',
      reply: { status: 200, body: { ok: false, error: 'not_allowed_token_type' } },
    },
    {
      name: 'issue 14: "a user token where a bot token is required" (key.wrong-type)',
      reply: {
        status: 403,
        body: { message: 'You passed a user token where a bot token is required' },
      },
    },
    {
      name: "openresty's stock 401, the very same without the key: the layer's own refusal (layer.gateway)",
      reply: { status: 401, headers: { ...html, server: 'openresty' }, body: OPENRESTY_401 },
      probes: {
        'without-credential': {
          status: 401,
          headers: { ...html, server: 'openresty' },
          body: OPENRESTY_401,
        },
      },
    },
    {
      name: 'Anthropic: a 401 whose only documented word is the type every auth error shares (authentication_error), offline',
      provider: 'anthropic',
      reply: {
        status: 401,
        body: {
          type: 'error',
          error: { type: 'authentication_error', message: 'an x-api-key header is required' },
        },
      },
    },
    {
      name: 'Airtable: "Authentication required" offline (no probe shows the key made no difference)',
      provider: 'airtable',
      providerBy: 'flag',
      reply: {
        status: 401,
        body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } },
      },
    },
    {
      name: 'Airtable: 403 "Invalid permissions, or the requested model was not found" is no invalid key',
      provider: 'airtable',
      providerBy: 'flag',
      reply: {
        status: 403,
        body: {
          error: {
            type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
            message:
              'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions.',
          },
        },
      },
      probes: {
        'without-credential': {
          status: 401,
          body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } },
        },
      },
    },
    {
      name: 'a Google 400 INVALID_ARGUMENT about the model names no key',
      reply: {
        status: 400,
        body: {
          error: { code: 400, message: 'models/nope is not found', status: 'INVALID_ARGUMENT' },
        },
      },
    },
    {
      name: 'Airtable: "Authentication required" that differs from nothing known (no provider): the header checks tell',
      reply: {
        status: 401,
        body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } },
      },
      probes: {
        'without-credential': {
          status: 401,
          body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } },
        },
      },
    },
    {
      name: 'a bare 403 the same without a key, from a server that documents no 403 for unknown keys',
      reply: { status: 403, body: { errors: ['Forbidden'] } },
      probes: { 'without-credential': { status: 403, body: { errors: ['Forbidden'] } } },
    },
    {
      name: 'Datadog: a 403 that names a permission is not the key',
      provider: 'datadog',
      providerBy: 'flag',
      spot: { in: 'header', name: 'DD-API-KEY', scheme: null },
      reply: { status: 403, body: { errors: ['Failed permission authorization checks'] } },
      probes: {
        'without-credential': { status: 403, body: { errors: ['Forbidden'] } },
      },
    },
    {
      name: 'the answer says no credential arrived, with no challenge for the scheme sent (header checks tell)',
      reply: { status: 401, body: { message: 'Missing X-Auth-Token header' } },
    },
    {
      name: 'a bare Bearer challenge, but the key went raw',
      spot: { in: 'header', name: 'Authorization', scheme: null },
      reply: { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: '' },
    },
    {
      name: 'bare Bearer challenge; with the key in x-api-key the server read it (another answer)',
      reply: { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: '' },
      alternatives: [
        {
          spot: { in: 'header', name: 'x-api-key', scheme: null },
          reply: { status: 401, body: { error: 'invalid api key' } },
        },
      ],
    },
    {
      name: 'the key was accepted in another header',
      reply: { status: 401, body: { error: 'invalid token' } },
      alternatives: [
        {
          spot: { in: 'header', name: 'x-api-key', scheme: null },
          reply: { status: 200, body: { ok: true } },
        },
      ],
    },
    {
      name: 'the cleaned key was accepted',
      reply: { status: 401, body: { error: 'invalid token' } },
      probes: { sanitized: { status: 200, body: { data: [] } } },
    },
    { name: 'expired', reply: { status: 401, body: { error: 'token expired' } } },
    {
      name: 'a 403 rate limit',
      reply: {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0' },
        body: { message: 'API rate limit exceeded' },
      },
    },
    {
      name: 'a 200 sign-in form (status.login-redirect)',
      reply: {
        status: 200,
        headers: html,
        body: '<form action="/session"><input type="password" name="password"></form>',
      },
    },
    { name: 'a 429', reply: { status: 429, body: { error: 'invalid request rate' } } },
  ],
});
