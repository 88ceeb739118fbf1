import {
  errorInBody,
  forbidden,
  noRoute,
  notFoundMasked,
  rateOrQuota,
  wafBlocked,
} from './status.js';
import { checkTable } from './test-helpers.js';

const json = { 'content-type': 'application/json' };
const html = { 'content-type': 'text/html; charset=utf-8' };

/** A block page of a WAF appliance (no vendor header, no WAF vocabulary in it). */
const BLOCK_PAGE =
  '<!DOCTYPE html><html><head><title>Request Rejected</title></head><body><h1>Request Rejected</h1><p>The requested URL was rejected. Please consult with your administrator.</p><p>Your support ID is: 1234567890</p></body></html>';

checkTable(rateOrQuota, 'status.rate-limited', {
  finds: [
    {
      name: '429 with Retry-After',
      reply: { status: 429, headers: { 'retry-after': '20' }, body: { error: 'slow down' } },
      confidence: 'definitive',
      evidence: ['Retry-After 20 s'],
    },
    {
      name: 'Groq-style 429: rate limit words, a link to the billing page',
      reply: {
        status: 429,
        headers: { 'retry-after': '2', 'x-ratelimit-remaining-requests': '0' },
        body: {
          error: {
            code: 'rate_limit_exceeded',
            message:
              'Rate limit reached for model. Please try again in 2s. Upgrade at https://console.groq.com/settings/billing',
          },
        },
      },
    },
    {
      name: 'Hugging Face-style 429: "hourly quotas", Retry-After',
      reply: {
        status: 429,
        headers: { 'retry-after': '132' },
        body: { error: 'You have exceeded our hourly quotas for action: request. Retry later.' },
      },
    },
    {
      name: 'Google-style 429 RESOURCE_EXHAUSTED "check quota"',
      reply: {
        status: 429,
        body: {
          error: {
            code: 429,
            message: 'Resource has been exhausted (e.g. check quota).',
            status: 'RESOURCE_EXHAUSTED',
          },
        },
      },
    },
    {
      name: 'GitHub-style 403: X-RateLimit-Remaining 0, "API rate limit exceeded", a limit of 60',
      reply: {
        status: 403,
        headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' },
        body: { message: 'API rate limit exceeded for 203.0.113.9.' },
      },
      evidence: ['X-RateLimit-Remaining: 0 of 60', /looks like an anonymous allowance/],
      data: { status: 403, anonymousLimit: 'low' },
    },
    {
      name: '403, remaining 0, and without the credential the same limit: counted as anonymous',
      reply: {
        status: 403,
        headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
      probes: {
        'without-credential': {
          status: 403,
          headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' },
          body: { message: 'You have exceeded a secondary rate limit.' },
        },
      },
      evidence: [/without the credential the limit is the same \(60\)/],
      data: { anonymousLimit: 'compared' },
    },
    {
      name: 'a 403 with only the header: X-RateLimit-Remaining 0 (IETF RateLimit field)',
      reply: { status: 403, headers: { ratelimit: 'limit=5000, remaining=0, reset=30' }, body: '' },
      data: { anonymousLimit: null },
    },
  ],
  ok: [
    {
      name: 'a 403 that names a permission',
      reply: { status: 403, body: { message: 'Must have admin rights' } },
    },
    {
      name: 'a 403 with remaining 0 whose body blames the key',
      reply: {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0' },
        body: { errors: ['Invalid API key'] },
      },
    },
    {
      name: '429 insufficient_quota is quota',
      reply: { status: 429, body: { error: { code: 'insufficient_quota' } } },
    },
    { name: 'a 401', reply: { status: 401, body: { message: 'rate limit info: 100 left' } } },
  ],
});

checkTable(rateOrQuota, 'status.quota-exceeded', {
  finds: [
    {
      name: 'qb-01: 429 insufficient_quota',
      reply: {
        status: 429,
        body: { error: { message: 'You exceeded your current quota', code: 'insufficient_quota' } },
      },
      data: { bodyCode: 'insufficient_quota' },
    },
    { name: '402 Payment Required', reply: { status: 402, body: '' } },
    {
      name: 'SendGrid-style 401: maximum credits exceeded',
      reply: { status: 401, body: { errors: [{ message: 'Maximum credits exceeded' }] } },
    },
    {
      name: 'ElevenLabs-style 401: quota_exceeded',
      reply: {
        status: 401,
        body: { detail: { status: 'quota_exceeded', message: 'This request exceeds your quota.' } },
      },
    },
    {
      name: 'Anthropic-style 400: the credit balance is too low',
      reply: {
        status: 400,
        body: {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message:
              'Your credit balance is too low to access the API. Please go to Plans & Billing to upgrade or purchase credits.',
          },
        },
      },
      evidence: [/credit balance is too low/],
    },
    {
      name: 'Google-style 403 PERMISSION_DENIED with reason BILLING_DISABLED',
      reply: {
        status: 403,
        body: {
          error: {
            code: 403,
            message:
              'This API method requires billing to be enabled. Please enable billing on project #123.',
            status: 'PERMISSION_DENIED',
            details: [
              { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'BILLING_DISABLED' },
            ],
          },
        },
      },
      data: { bodyCode: 'BILLING_DISABLED' },
    },
  ],
  ok: [
    {
      name: 'a 400 about a parameter',
      reply: { status: 400, body: { error: 'max_tokens must be positive' } },
    },
    {
      name: 'a 400 that blames the key',
      reply: {
        status: 400,
        body: { error: { message: 'API key not valid. Check your balance page.' } },
      },
    },
    { name: 'a 429 rate limit', reply: { status: 429, body: { error: 'Rate limit reached' } } },
  ],
});

checkTable(errorInBody, 'status.error-in-body', {
  finds: [
    {
      name: 'wv-05: Slack-style 200 ok:false invalid_auth',
      reply: { status: 200, body: { ok: false, error: 'invalid_auth' } },
    },
    {
      name: 'GraphQL 200: errors with extensions.code UNAUTHENTICATED and data null',
      reply: {
        status: 200,
        body: {
          errors: [{ message: 'You must be signed in', extensions: { code: 'UNAUTHENTICATED' } }],
          data: null,
        },
      },
      data: { bodyCode: 'UNAUTHENTICATED' },
    },
    {
      name: 'New Relic-style GraphQL 200: errors classed by extensions.errorClass, every data field null',
      reply: {
        status: 200,
        body: {
          data: { requestContext: null },
          errors: [{ message: 'Invalid API key', extensions: { errorClass: 'UNAUTHORIZED' } }],
        },
      },
      data: { bodyCode: 'UNAUTHORIZED' },
    },
    {
      name: 'a 400 whose words blame the key sent: only heuristic here (credential.invalid names it)',
      spot: { in: 'query', name: 'key' },
      reply: {
        status: 400,
        body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.' } },
      },
      confidence: 'heuristic',
    },
    {
      name: 'GraphQL 200: partial data, but an error coded FORBIDDEN',
      reply: {
        status: 200,
        body: {
          data: { viewer: null },
          errors: [{ message: 'Access denied for this field', extensions: { code: 'FORBIDDEN' } }],
        },
      },
    },
    {
      name: 'a 200 HTML page: "Invalid Azure Subscription key"',
      reply: {
        status: 200,
        headers: html,
        body: '<html><body><h1>Argument Exception</h1><p>Method: Translate()</p><p>Message: Invalid Azure Subscription key.</p></body></html>',
      },
      evidence: [/Invalid Azure Subscription key/],
    },
    {
      name: 'a 200 text/plain "Missing API key"',
      reply: { status: 200, headers: { 'content-type': 'text/plain' }, body: 'Missing API key' },
    },
    {
      name: 'Gemini-style 400 API_KEY_INVALID',
      reply: {
        status: 400,
        body: { error: { message: 'API key not valid.', status: 'INVALID_ARGUMENT' } },
      },
    },
  ],
  ok: [
    { name: 'a 200 with data', reply: { status: 200, body: { data: [] } } },
    {
      name: 'a 200 HTML page that is content',
      reply: {
        status: 200,
        headers: html,
        body: '<html><body><h1>Docs</h1><p>Pass an invalid value to see errors.</p></body></html>',
      },
    },
    {
      name: 'a 200 sign-in form is status.login-redirect',
      reply: {
        status: 200,
        headers: html,
        body: '<html><title>Sign in</title><form><input type="password" name="p"></form></html>',
      },
    },
    {
      name: 'Stripe-style 400 resource_missing: not about the credential',
      reply: {
        status: 400,
        body: {
          error: {
            code: 'resource_missing',
            message: "No such customer: 'cus_1'",
            type: 'invalid_request_error',
          },
        },
      },
    },
    {
      name: 'Stripe-style 400 of a live key on a test object: key.wrong-environment',
      reply: {
        status: 400,
        body: {
          error: {
            code: 'resource_missing',
            message:
              "No such customer: 'cus_1'; a similar object exists in test mode, but a live mode key was used to make this request.",
          },
        },
      },
    },
    {
      name: 'a 400 missing parameter',
      reply: { status: 400, body: { error: 'Missing required parameter: model' } },
    },
    {
      name: '200 ok:false channel_not_found',
      reply: { status: 200, body: { ok: false, error: 'channel_not_found' } },
    },
  ],
});

checkTable(noRoute, 'status.no-route', {
  finds: [
    {
      name: 'gw-06: API Gateway 403 Missing Authentication Token',
      reply: {
        status: 403,
        headers: { 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
        body: { message: 'Missing Authentication Token' },
      },
      data: { kind: 'gateway' },
    },
    {
      name: 'Express 404 "Cannot GET /v1/resource" from an unknown server',
      url: 'https://api.example.test/v1/resource',
      reply: {
        status: 404,
        headers: { ...html, 'x-powered-by': 'Express' },
        body: '<!DOCTYPE html><html><head><title>Error</title></head><body><pre>Cannot GET /v1/resource</pre></body></html>',
      },
      confidence: 'attributed',
      data: { kind: 'not-found', path: '/v1/resource' },
    },
    {
      name: '404 {"error":"Route not found"}, the same without the credential',
      reply: { status: 404, headers: json, body: { error: 'Route not found' } },
      probes: { 'without-credential': { status: 404, body: { error: 'Route not found' } } },
      confidence: 'confirmed',
      evidence: [/the very same 404 without any credential/],
    },
    {
      name: 'a bare 404 of an unknown server, nothing else known',
      reply: { status: 404, body: { error: 'not found' } },
      confidence: 'heuristic',
    },
    {
      name: 'a route 404 behind auth: 401 without the key, Cannot GET with it',
      reply: { status: 404, headers: html, body: '<pre>Cannot GET /v1/nope</pre>' },
      probes: { 'without-credential': { status: 401, body: { error: 'unauthorized' } } },
    },
  ],
  ok: [
    {
      name: "Telegram-style: a 404 the same without a key, but the key in the provider's place (the path) was accepted",
      provider: 'telegram',
      providerBy: 'flag',
      reply: { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } },
      probes: {
        'without-credential': {
          status: 404,
          body: { ok: false, error_code: 404, description: 'Not Found' },
        },
        'expected-placement': { status: 200, body: { ok: true, result: { id: 1 } } },
      },
    },
    {
      name: 'sp-01: GitHub hides private resources behind 404',
      provider: 'github',
      url: 'https://api.github.com/repos/acme/private',
      reply: { status: 404, body: { message: 'Not Found' } },
    },
    {
      name: 'a 404 naming the scopes it wants',
      reply: {
        status: 404,
        headers: { 'x-accepted-oauth-scopes': 'repo' },
        body: { message: 'Not Found' },
      },
    },
    {
      name: 'a 404 that depends on the credential: 401 without it, a bare "Not Found" with it',
      reply: { status: 404, body: { message: 'Not Found' } },
      probes: {
        'without-credential': { status: 401, body: { message: 'Requires authentication' } },
      },
    },
    { name: 'a 401', reply: { status: 401, body: { error: 'route not found' } } },
  ],
});

checkTable(notFoundMasked, 'status.not-found-masked', {
  finds: [
    {
      name: 'sp-01: GitHub, the same 404 without the token',
      provider: 'github',
      url: 'https://api.github.com/repos/acme/private',
      reply: { status: 404, body: { message: 'Not Found' } },
      probes: { 'without-credential': { status: 404, body: { message: 'Not Found' } } },
      confidence: 'confirmed',
    },
    {
      name: 'Notion: its error shapes say a 404 means "not shared with the integration"',
      provider: 'notion',
      url: 'https://api.notion.com/v1/pages/abc',
      reply: { status: 404, body: { object: 'error', code: 'object_not_found' } },
      confidence: 'attributed',
    },
    {
      name: 'an unknown server: 401 without the credential, a bare 404 with it',
      reply: { status: 404, body: { message: 'Not Found' } },
      probes: {
        'without-credential': { status: 401, body: { message: 'Requires authentication' } },
      },
      evidence: [/without the credential: 401; with it: 404/],
    },
    {
      name: 'X-Accepted-OAuth-Scopes on the 404',
      reply: {
        status: 404,
        headers: { 'x-accepted-oauth-scopes': 'repo' },
        body: { message: 'Not Found' },
      },
    },
  ],
  ok: [
    {
      name: 'Express "Cannot GET" from an unknown server, the same without the credential',
      reply: { status: 404, headers: html, body: '<pre>Cannot GET /v1/resource</pre>' },
      probes: {
        'without-credential': {
          status: 404,
          headers: html,
          body: '<pre>Cannot GET /v1/resource</pre>',
        },
      },
    },
    {
      name: '{"error":"Route not found"} from an unknown server',
      reply: { status: 404, body: { error: 'Route not found' } },
    },
    {
      name: 'OpenAI (not a provider that hides resources), a bare 404',
      provider: 'openai',
      url: 'https://api.openai.com/v1/nope',
      reply: { status: 404, body: { error: { message: 'Not found' } } },
    },
    {
      name: 'no credential sent',
      spot: null,
      provider: 'github',
      url: 'https://api.github.com/repos/acme/private',
      reply: { status: 404, body: { message: 'Not Found' } },
    },
  ],
});

checkTable(forbidden, 'status.forbidden', {
  finds: [
    {
      name: 'a 403 naming no reason',
      reply: { status: 403, body: { message: 'Forbidden' } },
    },
    {
      name: 'a 403 naming a permission',
      reply: { status: 403, body: { message: 'Must have admin rights to Repository.' } },
    },
  ],
  ok: [
    {
      name: "a WAF's HTML block page, the same without the key (status.waf-blocked)",
      reply: { status: 403, headers: html, body: BLOCK_PAGE },
      probes: { 'without-credential': { status: 403, headers: html, body: BLOCK_PAGE } },
    },
    {
      name: "nginx's stock 403 (deny all), the same without the key: the layer's own (layer.gateway)",
      reply: {
        status: 403,
        headers: { ...html, server: 'nginx' },
        body: '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
      },
      probes: {
        'without-credential': {
          status: 403,
          headers: { ...html, server: 'nginx' },
          body: '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
        },
      },
    },
    {
      name: 'Datadog: a bare 403 the same without a key is its answer to an unknown key, not a known caller',
      provider: 'datadog',
      providerBy: 'flag',
      spot: { in: 'header', name: 'DD-API-KEY', scheme: null },
      reply: { status: 403, body: { errors: ['Forbidden'] } },
      probes: { 'without-credential': { status: 403, body: { errors: ['Forbidden'] } } },
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
        body: '<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>',
      },
    },
    {
      name: 'Datadog-style 403: Invalid API key or Application key',
      reply: { status: 403, body: { errors: ['Invalid API key or Application key'] } },
    },
    {
      name: '403 API rate limit exceeded, remaining 0',
      reply: {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0' },
        body: { message: 'API rate limit exceeded' },
      },
    },
    {
      name: '403 billing disabled',
      reply: {
        status: 403,
        body: {
          error: { message: 'Billing is disabled for this project', status: 'PERMISSION_DENIED' },
        },
      },
    },
    {
      name: '403 "Signature expired" with the server 10 minutes ahead',
      reply: {
        status: 403,
        headers: { date: new Date(Date.UTC(2026, 0, 15, 12, 10, 0)).toUTCString() },
        body: {
          message: 'Signature expired: 20260115T115500Z is now earlier than 20260115T120500Z',
        },
      },
    },
    {
      name: 'DRF 403: credentials were not provided',
      reply: { status: 403, body: { detail: 'Authentication credentials were not provided.' } },
    },
  ],
});

checkTable(wafBlocked, 'status.waf-blocked', {
  finds: [
    {
      name: 'wf-01: Cloudflare 1010',
      reply: { status: 403, headers: { ...html, 'cf-ray': 'r' }, body: 'error code: 1010' },
    },
    {
      name: 'an HTML 403 page of its own, no challenge, the very same without the key',
      reply: { status: 403, headers: html, body: BLOCK_PAGE },
      probes: { 'without-credential': { status: 403, headers: html, body: BLOCK_PAGE } },
      confidence: 'attributed',
      evidence: [/HTML block page of its own/, /the key played no part/],
    },
  ],
  ok: [
    {
      name: 'the HTML 403 page without the probe: nothing shows the key played no part',
      reply: { status: 403, headers: html, body: BLOCK_PAGE },
    },
    {
      name: 'an HTML 403 that differs without the key',
      reply: { status: 403, headers: html, body: BLOCK_PAGE },
      probes: { 'without-credential': { status: 401, headers: html, body: 'Log in first' } },
    },
    {
      name: 'a JSON 403 the same without the key (an API, not a filter page)',
      reply: { status: 403, body: { message: 'Forbidden' } },
      probes: { 'without-credential': { status: 403, body: { message: 'Forbidden' } } },
    },
    {
      name: 'an HTML 403 that speaks of the token',
      reply: {
        status: 403,
        headers: html,
        body: '<html><body>Your token may not do this</body></html>',
      },
      probes: {
        'without-credential': {
          status: 403,
          headers: html,
          body: '<html><body>Your token may not do this</body></html>',
        },
      },
    },
  ],
});
