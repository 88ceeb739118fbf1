/**
 * Issue 14's generalisation corpus: situations no fixture covers (other providers, gateways,
 * hosting protections, habits), each with the server's answer as the real server words it and
 * the cause a careful human would name. Written before reading how the engine decides.
 *
 * Sources: shared/research/real-401-cases.md (case ids in brackets), shared/research/providers.json
 * (`errorShape`, `revealingHeaders`), and the providers' and products' public documentation.
 */
import type { CorpusCase, Reply, Rule } from './types.js';

const JSON_CT = { 'content-type': 'application/json' };
const HTML = { 'content-type': 'text/html; charset=utf-8' };
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
/** What a provider's own answers carry when its API sits behind Cloudflare's CDN (not a refusal by Cloudflare). */
const CF_EDGE = {
  server: 'cloudflare',
  'cf-ray': '8f3a1c2b9d4e5f60-FRA',
  'cf-cache-status': 'DYNAMIC',
};

const j = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { ...JSON_CT, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const ok = (body: unknown = { ok: true }, headers: Record<string, string> = {}): Reply =>
  j(200, body, headers);
const bearerOk = (): Rule => ({
  when: [{ header: 'authorization', equals: 'Bearer {{KEY}}' }],
  reply: ok(),
});
const always = (reply: Reply): Rule => ({ when: [], reply });
const noAuth = (reply: Reply, header = 'authorization'): Rule => ({
  when: [{ header, absent: true }],
  reply,
});

export const CASES: readonly CorpusCase[] = [
  // ------------------------------------------------------------------ credential.invalid, positively said
  {
    id: 'cred-cohere-revoked',
    name: 'Cohere: a deleted trial key, sent correctly as Bearer',
    source: 'providers.json cohere.errorShape; https://docs.cohere.com/reference/errors',
    provider: 'cohere',
    key: { pattern: '{alnum:40}' },
    request: {
      method: 'GET',
      path: '/v1/models',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(j(401, { message: 'no api key supplied' })),
        always(j(401, { message: 'invalid api token' })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      because:
        'the key arrived in the documented place and scheme; Cohere says "invalid api token", and without a key it says something else (no api key supplied)',
    },
  },
  {
    id: 'cred-replicate-invalid-did-not-pass-valid',
    name: 'Replicate: "You did not pass a valid authentication token" (a revoked r8_ token)',
    source:
      'providers.json replicate.errorShape; https://replicate.com/docs/reference/http#authentication',
    provider: 'replicate',
    key: { pattern: 'r8_{alnum:37}' },
    request: {
      method: 'GET',
      path: '/v1/account',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(
          j(401, {
            title: 'Unauthenticated',
            detail: 'You did not pass an authentication token',
            status: 401,
          }),
        ),
        always(
          j(401, {
            title: 'Unauthenticated',
            detail: 'You did not pass a valid authentication token',
            status: 401,
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      because:
        '"did not pass a VALID token" differs from the no-token answer ("did not pass an authentication token"): the token was read and refused',
    },
  },
  {
    id: 'cred-vercel-invalid-token-403',
    name: 'Vercel REST API: an expired token answered 403 with invalidToken:true',
    source: 'providers.json vercel.errorShape; https://vercel.com/docs/rest-api#authentication',
    provider: 'vercel',
    key: { pattern: '{alnum:24}' },
    request: { method: 'GET', path: '/v2/user', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth(
          j(
            403,
            {
              error: {
                code: 'forbidden',
                message: 'The request is missing an authentication token',
                missingToken: true,
              },
            },
            { server: 'Vercel', 'x-vercel-id': 'fra1::8x2kq-1718000000000-3f9a1b2c4d5e' },
          ),
        ),
        always(
          j(
            403,
            { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } },
            { server: 'Vercel', 'x-vercel-id': 'fra1::8x2kq-1718000000001-7c6d5e4f3a2b' },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      because:
        "Vercel's own API (not deployment protection: JSON, api path) flags invalidToken:true, and without a token it says missingToken; a 403 here is Vercel's way to refuse a bad token",
    },
  },
  {
    id: 'cred-cloudflare-api-invalid-token',
    name: 'Cloudflare API: /user/tokens/verify with a rolled API token',
    source:
      'providers.json cloudflare.errorShape; https://developers.cloudflare.com/fundamentals/api/get-started/create-token/',
    provider: 'cloudflare',
    key: { pattern: '{b64url:40}' },
    request: {
      method: 'GET',
      path: '/client/v4/user/tokens/verify',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(
          j(
            400,
            {
              success: false,
              errors: [
                {
                  code: 9106,
                  message: 'Missing X-Auth-Key, X-Auth-Email or Authorization headers',
                },
              ],
              messages: [],
              result: null,
            },
            CF_EDGE,
          ),
        ),
        always(
          j(
            401,
            {
              success: false,
              errors: [{ code: 1000, message: 'Invalid API Token' }],
              messages: [],
              result: null,
            },
            CF_EDGE,
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      because:
        'the verify endpoint itself says "Invalid API Token" (code 1000); without a token it says 9106 missing headers',
    },
  },
  {
    id: 'cred-gitlab-revoked',
    name: 'GitLab: a revoked personal access token in PRIVATE-TOKEN',
    source: 'https://docs.gitlab.com/api/rest/troubleshooting/ ; providers.json gitlab.errorShape',
    provider: 'gitlab',
    key: { pattern: 'glpat-{b64url:20}' },
    request: { method: 'GET', path: '/api/v4/user', headers: { 'PRIVATE-TOKEN': '{{KEY}}' } },
    server: {
      rules: [
        {
          when: [
            { header: 'private-token', absent: true },
            { header: 'authorization', absent: true },
          ],
          reply: j(401, { message: '401 Unauthorized' }),
        },
        always(
          j(
            401,
            {
              error: 'invalid_token',
              error_description: 'Token was revoked. You have to re-authorize from the user.',
            },
            {
              'www-authenticate':
                'Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="Token was revoked. You have to re-authorize from the user."',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      because:
        'GitLab says the token was revoked (challenge error="invalid_token" with a description)',
    },
  },
  {
    id: 'cred-telegram-revoked-path',
    name: 'Telegram Bot API: a token revoked in @BotFather, carried in the URL path',
    source:
      'https://core.telegram.org/bots/api#making-requests ; providers.json telegram.errorShape',
    provider: 'telegram',
    key: { pattern: '{digits:10}:AA{b64url:33}' },
    request: { method: 'GET', path: '/bot{{KEY}}/getMe', headers: {} },
    server: {
      rules: [
        {
          when: [{ pathPrefix: '/bot/' }],
          reply: j(404, { ok: false, error_code: 404, description: 'Not Found' }),
        },
        always(j(401, { ok: false, error_code: 401, description: 'Unauthorized' })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      because:
        'a well-formed bot token in the documented place; Telegram answers 401 Unauthorized only for a token it does not know (a malformed path is 404)',
    },
  },
  {
    id: 'cred-deepseek-masked-echo',
    name: 'DeepSeek: "Your api key: ****abcd is invalid" (a masked key quoted by the server)',
    source:
      'providers.json deepseek.errorShape; https://api-docs.deepseek.com/quick_start/error_codes',
    provider: 'deepseek',
    key: { pattern: 'sk-{hex:32}' },
    request: {
      method: 'GET',
      path: '/user/balance',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(
          j(401, {
            error: {
              message: 'Authentication Fails, Your api key: ****null is invalid',
              type: 'authentication_error',
              param: null,
              code: 'invalid_request_error',
            },
          }),
        ),
        always(
          j(401, {
            error: {
              message: 'Authentication Fails, Your api key: ****{{KEY_LAST4}} is invalid',
              type: 'authentication_error',
              param: null,
              code: 'invalid_request_error',
            },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      because:
        'the server quotes the last 4 characters of the key it read (they match the key sent) and calls it invalid',
    },
  },
  {
    id: 'cred-xai-400-masked',
    name: 'xAI: 400 "Incorrect API key provided: xa***yz" (a 400, and a masked key inside a sentence)',
    source: 'providers.json xai.errorShape; https://docs.x.ai/docs/guides/debugging',
    provider: 'xai',
    key: { pattern: 'xai-{alnum:80}' },
    request: {
      method: 'GET',
      path: '/v1/api-key',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(
          j(400, {
            code: 'Client specified an invalid argument',
            error:
              'Incorrect API key provided: . You can obtain an API key from https://console.x.ai.',
          }),
        ),
        always(
          j(400, {
            code: 'Client specified an invalid argument',
            error:
              'Incorrect API key provided: {{KEY_FIRST2}}***{{KEY_LAST2}}. You can obtain an API key from https://console.x.ai.',
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      because:
        "xAI words a wrong key as a 400; the masked echo matches the key sent, so it was read and refused (the quoting is the server's, not the key's)",
    },
  },
  {
    id: 'cred-sentry-invalid-token',
    name: 'Sentry: {"detail":"Invalid token"} for a deleted user auth token',
    source: 'providers.json sentry.errorShape; https://docs.sentry.io/api/auth/',
    provider: 'sentry',
    key: { pattern: 'sntryu_{hex:64}' },
    request: {
      method: 'GET',
      path: '/api/0/organizations/',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(j(401, { detail: 'Authentication credentials were not provided.' })),
        always(j(401, { detail: 'Invalid token' })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      because: 'DRF-style: "Invalid token" when read and refused, "not provided" without it',
    },
  },
  {
    id: 'cred-mistral-kong-unauthorized',
    name: 'Mistral: {"message":"Unauthorized"} for a deleted key (its Kong edge says "No API key found" without one)',
    source: 'providers.json mistral.errorShape (both wordings)',
    provider: 'mistral',
    key: { pattern: '{alnum:32}' },
    request: { method: 'GET', path: '/v1/models', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth(
          j(
            401,
            { message: 'No API key found in request' },
            { ...CF_EDGE, 'x-kong-request-id': 'a1b2c3d4e5f6' },
          ),
        ),
        always(
          j(
            401,
            { message: 'Unauthorized', request_id: '2f8a7c1e9b3d4a5f' },
            { ...CF_EDGE, 'x-kong-request-id': 'a1b2c3d4e5f7' },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      alternatives: ['layer.upstream'],
      because:
        'the key arrived (the no-key answer differs: "No API key found"), in the documented form, to the provider\'s own edge; Kong and Cloudflare headers are Mistral\'s own front, not a foreign gateway',
    },
  },
  {
    id: 'cred-azure-apim-invalid-subscription',
    name: 'Azure API Management: a cancelled subscription key in Ocp-Apim-Subscription-Key',
    source:
      'https://learn.microsoft.com/azure/api-management/api-management-subscriptions ; real-401-cases.md gw-09',
    key: { pattern: '{hex:32}' },
    request: {
      method: 'GET',
      path: '/orders/v1/orders',
      headers: { 'Ocp-Apim-Subscription-Key': '{{KEY}}' },
    },
    server: {
      rules: [
        noAuth(
          j(401, {
            statusCode: 401,
            message:
              'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
          }),
          'ocp-apim-subscription-key',
        ),
        always(
          j(401, {
            statusCode: 401,
            message:
              'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      alternatives: ['layer.gateway'],
      because:
        "the app talks to the APIM product on purpose, in APIM's own header; APIM read the subscription key and says it is invalid",
    },
  },

  // ------------------------------------------------------------------ same answer with and without the key: no "rotate"
  {
    id: 'incon-digitalocean-same-answer',
    name: 'DigitalOcean: "Unable to authenticate you", identical with and without the token',
    source: 'providers.json digitalocean.errorShape; https://docs.digitalocean.com/reference/api/',
    provider: 'digitalocean',
    key: { pattern: 'dop_v1_{hex:64}' },
    request: { method: 'GET', path: '/v2/account', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [always(j(401, { id: 'Unauthorized', message: 'Unable to authenticate you' }))],
    },
    expect: {
      status: 'inconclusive',
      cause: null,
      alternatives: ['credential.invalid'],
      because:
        'the same answer comes with and without the token, so the answer alone does not show the token was read; a revoked token is likely but not shown',
    },
  },
  {
    id: 'incon-perplexity-openresty-html',
    name: 'Perplexity: an openresty HTML "401 Authorization Required" page, with and without the key',
    source: 'providers.json perplexity.errorShape',
    provider: 'perplexity',
    key: { pattern: 'pplx-{alnum:48}' },
    request: {
      method: 'POST',
      path: '/chat/completions',
      headers: { Authorization: 'Bearer {{KEY}}', 'Content-Type': 'application/json' },
      body: '{"model":"sonar","messages":[{"role":"user","content":"ping"}]}',
    },
    server: {
      rules: [
        always({
          status: 401,
          headers: { ...HTML, server: 'openresty/1.25.3.1', 'cf-ray': '8f3a1c2b9d4e5f61-AMS' },
          body: '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>openresty/1.25.3.1</center>\r\n</body>\r\n</html>\r\n',
        }),
      ],
    },
    expect: {
      status: 'inconclusive',
      cause: null,
      alternatives: ['credential.invalid'],
      because:
        'a generic HTML page identical with and without the key: nothing says the key was read',
    },
  },
  {
    id: 'incon-mailgun-us-host-forbidden',
    name: 'Mailgun: plain-text "Forbidden" on the US host (an EU key, or a bad key: the answer cannot tell)',
    source: 'real-401-cases.md sc-04; providers.json mailgun.errorShape',
    provider: 'mailgun',
    key: { pattern: '{hex:32}-{hex:8}-{hex:8}', basic: { user: 'api' } },
    request: { method: 'GET', path: '/v3/domains', headers: { Authorization: 'Basic {{BASIC}}' } },
    server: { rules: [always({ status: 401, headers: TEXT, body: 'Forbidden' })] },
    expect: {
      status: 'inconclusive',
      cause: null,
      alternatives: ['credential.wrong-region', 'credential.invalid'],
      because:
        'Mailgun says "Forbidden" for a wrong key, a key of the other region and no key alike; the candidates are the region (api.eu.mailgun.net) and the key',
    },
  },

  // ------------------------------------------------------------------ the credential did not arrive
  {
    id: 'strip-nginx-openai-blanked',
    name: 'nginx in front of an OpenAI-compatible API blanks Authorization; "You didn\'t provide an API key" comes back',
    source: 'real-401-cases.md px-01 (home-assistant/core #16306); issue 14 §1',
    front: 'nginx-strip',
    key: { pattern: 'sk-proj-{b64url:74}T3BlbkFJ{b64url:74}' },
    request: {
      method: 'GET',
      path: '/v1/models',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        bearerOk(),
        noAuth(
          j(401, {
            error: {
              message:
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
              type: 'invalid_request_error',
              param: null,
              code: null,
            },
          }),
        ),
        always(
          j(401, {
            error: {
              message: 'Incorrect API key provided',
              type: 'invalid_request_error',
              param: null,
              code: 'invalid_api_key',
            },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'net.proxy-strips-auth',
      alternatives: ['layer.gateway'],
      because:
        'the app sent a Bearer key, the API behind nginx says none was provided: something on the way removed it (Server: nginx)',
    },
  },
  {
    id: 'strip-nginx-underscore-elevenlabs',
    name: 'nginx drops the xi_api_key header (underscore) before ElevenLabs-style upstream',
    source:
      'real-401-cases.md px-03; http://nginx.org/en/docs/http/ngx_http_core_module.html#underscores_in_headers',
    front: 'nginx-strip',
    key: { pattern: 'sk_{hex:48}' },
    request: { method: 'GET', path: '/v1/user', headers: { xi_api_key: '{{KEY}}' } },
    server: {
      rules: [
        { when: [{ header: 'xi-api-key', equals: '{{KEY}}' }], reply: ok() },
        always(
          j(401, {
            detail: {
              status: 'needs_authorization',
              message: 'Neither authorization header nor xi-api-key received, please provide one.',
            },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.underscore-name',
      alternatives: ['net.proxy-strips-auth', 'header.wrong-name'],
      because:
        'the header name has an underscore and nginx (Server: nginx) drops such headers; the API then says nothing was received',
    },
  },
  {
    id: 'redirect-host-change-express',
    name: 'A 301 to another host (127.0.0.2, as api.example.com → www.example.com); the second host wants the key',
    source: 'real-401-cases.md rd-01 (request/request #2278), rd-07',
    key: { pattern: 'live_{alnum:40}' },
    request: { method: 'GET', path: '/v2/items', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        always({
          status: 301,
          headers: {
            location: '{{ALT_ORIGIN}}/v2/items',
            'content-type': 'text/plain; charset=utf-8',
          },
          body: 'Moved Permanently. Redirecting to {{ALT_ORIGIN}}/v2/items',
        }),
      ],
    },
    alt: {
      rules: [
        bearerOk(),
        noAuth(j(401, { message: 'Authorization header missing' })),
        always(j(401, { message: 'Invalid token' })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'net.redirect-drops-auth',
      because:
        'the URL redirects to another host; clients drop Authorization on that hop and the second host says it is missing',
    },
  },

  // ------------------------------------------------------------------ gateways and layers
  {
    id: 'gw-apim-missing-subscription-key',
    name: 'Azure APIM in front of Azure OpenAI wants Ocp-Apim-Subscription-Key; the app sends only api-key',
    source: 'real-401-cases.md gw-09 (continuedev/continue #4601)',
    key: { pattern: '{hex:32}' },
    request: {
      method: 'POST',
      path: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01',
      headers: { 'api-key': '{{KEY}}', 'Content-Type': 'application/json' },
      body: '{"messages":[{"role":"user","content":"ping"}]}',
    },
    server: {
      rules: [
        noAuth(
          j(
            401,
            {
              statusCode: 401,
              message:
                'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
            },
            {
              'www-authenticate':
                'AzureApiManagementKey realm="https://contoso-apim.azure-api.net/openai",name="Ocp-Apim-Subscription-Key",type="header"',
            },
          ),
          'ocp-apim-subscription-key',
        ),
        always(ok()),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'layer.gateway',
      alternatives: ['header.required-missing', 'header.wrong-name'],
      because:
        'API Management (its wording and its AzureApiManagementKey challenge) wants its own subscription key; the Azure OpenAI key is not what it checks',
    },
  },
  {
    id: 'gw-kong-no-api-key',
    name: 'Kong key-auth in front of an internal API: "No API key found in request" for a Bearer provider key',
    source: 'https://developer.konghq.com/plugins/key-auth/ ; real-401-cases.md gw-08',
    key: { pattern: 'sk-proj-{b64url:74}T3BlbkFJ{b64url:74}' },
    request: {
      method: 'GET',
      path: '/llm/v1/models',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        always(
          j(
            401,
            { message: 'No API key found in request', request_id: '3b5d7f9a1c2e4f6a8b0d' },
            {
              'www-authenticate': 'Key realm="kong"',
              server: 'kong/3.6.1',
              'x-kong-response-latency': '1',
              'x-kong-request-id': '3b5d7f9a1c2e4f6a8b0d',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'layer.gateway',
      alternatives: ['header.wrong-name'],
      because:
        'Kong\'s own refusal (Key realm="kong", Server: kong): it looks for its apikey, not the provider key in Authorization',
    },
  },
  {
    id: 'gw-kong-invalid-credentials',
    name: 'Kong key-auth: "Invalid authentication credentials" for an apikey it does not know',
    source: 'https://developer.konghq.com/plugins/key-auth/',
    key: { pattern: '{alnum:32}' },
    request: { method: 'GET', path: '/orders', headers: { apikey: '{{KEY}}' } },
    server: {
      rules: [
        noAuth(
          j(
            401,
            { message: 'No API key found in request' },
            { 'www-authenticate': 'Key realm="kong"', server: 'kong/3.6.1' },
          ),
          'apikey',
        ),
        always(
          j(
            401,
            { message: 'Invalid authentication credentials' },
            { 'www-authenticate': 'Key realm="kong"', server: 'kong/3.6.1' },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'layer.gateway',
      alternatives: ['credential.invalid'],
      because:
        'Kong read the apikey (the answer differs without it) and refused it: the key the gateway issues is wrong; the fix names Kong',
    },
  },
  {
    id: 'gw-apigee-invalid-apikey',
    name: 'Apigee: oauth.v2.InvalidApiKey fault for a provider key',
    source:
      'https://cloud.google.com/apigee/docs/api-platform/reference/policies/verify-api-key-policy#runtime-errors ; providers.json fireworks.errorShape',
    key: { pattern: '{alnum:32}' },
    request: { method: 'GET', path: '/v1/forecast?apikey={{KEY}}', headers: {} },
    server: {
      rules: [
        {
          when: [{ query: 'apikey', absent: true }],
          reply: j(401, {
            fault: {
              faultstring: 'Failed to resolve API Key variable request.queryparam.apikey',
              detail: { errorcode: 'steps.oauth.v2.FailedToResolveAPIKey' },
            },
          }),
        },
        always(
          j(401, {
            fault: {
              faultstring: 'Invalid ApiKey',
              detail: { errorcode: 'oauth.v2.InvalidApiKey' },
            },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.invalid',
      alternatives: ['layer.gateway'],
      because:
        "Apigee read the apikey parameter and says it is invalid; Apigee is the product's own key check",
    },
  },
  {
    id: 'gw-apigee-failed-resolve',
    name: 'Apigee: "Failed to resolve API Key variable request.queryparam.apikey" (key sent as a header)',
    source:
      'https://cloud.google.com/apigee/docs/api-platform/reference/policies/verify-api-key-policy#runtime-errors',
    key: { pattern: '{alnum:32}' },
    request: { method: 'GET', path: '/v1/forecast', headers: { 'x-api-key': '{{KEY}}' } },
    server: {
      rules: [
        { when: [{ query: 'apikey', equals: '{{KEY}}' }], reply: ok() },
        always(
          j(401, {
            fault: {
              faultstring: 'Failed to resolve API Key variable request.queryparam.apikey',
              detail: { errorcode: 'steps.oauth.v2.FailedToResolveAPIKey' },
            },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-name',
      alternatives: ['layer.gateway'],
      because:
        'the gateway says where it looks (query parameter apikey); the key sits in a header, so it was never read',
    },
  },
  {
    id: 'gw-aws-apigw-usage-plan',
    name: 'AWS API Gateway: 403 {"message":"Forbidden"} with and without x-api-key (key not in the stage\'s usage plan)',
    source: 'real-401-cases.md gw-05 (serverless/serverless #2450)',
    key: { pattern: '{alnum:40}' },
    request: { method: 'GET', path: '/prod/pets', headers: { 'x-api-key': '{{KEY}}' } },
    server: {
      rules: [
        always(
          j(
            403,
            { message: 'Forbidden' },
            {
              'x-amzn-errortype': 'ForbiddenException',
              'x-amzn-requestid': '6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f',
              'x-amz-apigw-id': 'ZxY1wFq2oAMEb7g=',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'layer.gateway',
      alternatives: ['status.forbidden'],
      because:
        'API Gateway (x-amzn-ErrorType) refuses alike with and without the key: its usage plan/stage configuration, not a key to regenerate',
    },
  },
  {
    id: 'gw-aws-apigw-jwt-expired',
    name: 'AWS HTTP API JWT authorizer: 401 with error_description="the token has expired"',
    source:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html',
    key: {
      jwt: {
        header: { alg: 'RS256', kid: 'k1', typ: 'JWT' },
        claims: {
          iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
          client_id: '5abc1def2ghi3jkl4mno5pqr6s',
          token_use: 'access',
          scope: 'orders/read',
        },
        times: { iat: -7200, exp: -3600 },
      },
    },
    request: { method: 'GET', path: '/orders', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth(
          j(
            401,
            { message: 'Unauthorized' },
            { 'x-amzn-errortype': 'UnauthorizedException', 'apigw-requestid': 'Zx1AbCdEfGhIjKl=' },
          ),
        ),
        always(
          j(
            401,
            { message: 'Unauthorized' },
            {
              'www-authenticate':
                'Bearer scope="" error="invalid_token" error_description="the token has expired"',
              'apigw-requestid': 'Zx1AbCdEfGhIjKm=',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.expired',
      alternatives: ['credential.expired'],
      because: "the JWT's exp is an hour past and the authorizer says so",
    },
  },
  {
    id: 'gw-aws-apigw-incomplete-signature',
    name: 'AWS API Gateway (IAM auth): a Bearer token gets IncompleteSignatureException',
    source: 'https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden',
    key: { pattern: '{alnum:40}' },
    request: { method: 'GET', path: '/prod/reports', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth(
          j(
            403,
            { message: 'Missing Authentication Token' },
            { 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
          ),
        ),
        always(
          j(
            403,
            {
              message:
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer {{KEY_FIRST4}}",
            },
            {
              'x-amzn-errortype': 'IncompleteSignatureException',
              'x-amzn-requestid': '0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      alternatives: ['layer.gateway', 'status.no-route'],
      because: 'the API wants AWS SigV4 signatures (IAM authorization), not a Bearer token',
    },
  },
  {
    id: 'gw-traefik-basicauth',
    name: 'Traefik BasicAuth middleware on a staging host: 401 realm="traefik" for an API Bearer key',
    source: 'https://doc.traefik.io/traefik/middlewares/http/basicauth/',
    key: { pattern: 'ak_{alnum:32}' },
    request: {
      method: 'GET',
      path: '/api/v1/projects',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        always({
          status: 401,
          headers: { ...TEXT, 'www-authenticate': 'Basic realm="traefik"' },
          body: '401 Unauthorized\n',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'layer.gateway',
      because:
        'a Basic challenge with realm "traefik" in front of a Bearer API: the proxy\'s own login, same with and without the key',
    },
  },
  {
    id: 'gw-traefik-forwardauth-authelia',
    name: 'Traefik forward-auth to Authelia: 302 to the portal with rd=',
    source:
      'https://www.authelia.com/integration/proxies/traefik/ ; https://doc.traefik.io/traefik/middlewares/http/forwardauth/',
    key: { pattern: '{alnum:40}' },
    request: { method: 'GET', path: '/api/status', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        always({
          status: 302,
          headers: {
            location: '{{ALT_ORIGIN}}/?rd=https%3A%2F%2Fapp.example.com%2Fapi%2Fstatus&rm=GET',
            'content-type': 'text/html; charset=utf-8',
          },
          body: '<a href="{{ALT_ORIGIN}}/?rd=https%3A%2F%2Fapp.example.com%2Fapi%2Fstatus&amp;rm=GET">302 Found</a>',
        }),
      ],
    },
    alt: {
      rules: [
        always({
          status: 200,
          headers: HTML,
          body: '<!DOCTYPE html><html><head><title>Login - Authelia</title></head><body><div id="root"></div></body></html>',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.login-redirect',
      alternatives: ['layer.gateway'],
      because: 'the answer is a redirect to a single-sign-on portal (Authelia), not the API',
    },
  },
  {
    id: 'gw-oauth2-proxy-sign-in',
    name: 'oauth2-proxy: 403 sign-in page for an API call with a Bearer key',
    source:
      'https://oauth2-proxy.github.io/oauth2-proxy/features/endpoints/ ; real-401-cases.md pr-01',
    key: { pattern: '{alnum:40}' },
    request: {
      method: 'GET',
      path: '/api/v1/query?query=up',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        always({
          status: 403,
          headers: {
            ...HTML,
            'set-cookie': '_oauth2_proxy_csrf=abc; Path=/; HttpOnly; Secure; SameSite=Lax',
          },
          body: '<!DOCTYPE html>\n<html lang="en" charset="utf-8">\n<head><title>Sign In</title></head>\n<body><section class="section"><div class="box block"><form method="GET" action="/oauth2/start"><input type="hidden" name="rd" value="/api/v1/query?query=up"><button type="submit" class="button block is-primary">Sign in with OpenID Connect</button></form></div></section>\n<footer>Secured with <a href="https://github.com/oauth2-proxy/oauth2-proxy#oauth2_proxy">OAuth2 Proxy</a> version 7.6.0</footer></body></html>',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'layer.gateway',
      alternatives: ['status.login-redirect'],
      because:
        "an SSO proxy's sign-in page (OAuth2 Proxy) answers, with and without the key: the API never saw the call",
    },
  },
  {
    id: 'gw-cloudflare-access-302',
    name: 'Cloudflare Access: 302 to <team>.cloudflareaccess.com for an API call',
    source:
      'real-401-cases.md gw-11, gw-12; https://developers.cloudflare.com/cloudflare-one/identity/service-tokens/',
    key: { pattern: '{alnum:40}' },
    request: {
      method: 'GET',
      path: '/api/v1/servers',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        always({
          status: 302,
          headers: {
            location:
              'https://acme.cloudflareaccess.com/cdn-cgi/access/login/coolify.acme.dev?kid=4d2f6a8b1c3e5f7a9b0c2d4e6f8a0b1c&redirect_url=%2Fapi%2Fv1%2Fservers&meta=eyJraWQiOiJ4In0',
            server: 'cloudflare',
            'cf-ray': '8f3a1c2b9d4e5f62-CDG',
            'content-length': '0',
          },
          body: '',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.login-redirect',
      alternatives: ['layer.gateway'],
      because:
        'Access answers with its login page instead of passing the call on: a service token (CF-Access-Client-Id/Secret) is missing or refused',
    },
  },
  {
    id: 'gw-vercel-deployment-protection',
    name: 'Vercel deployment protection: 401 HTML "Authentication Required" on a preview URL',
    source:
      'https://vercel.com/docs/deployment-protection ; issue 14 §1 (x-vercel-id, server: Vercel)',
    key: { pattern: 'sk_{alnum:40}' },
    request: { method: 'GET', path: '/api/items', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        always({
          status: 401,
          headers: {
            ...HTML,
            server: 'Vercel',
            'x-vercel-id': 'fra1::2b4c6-1718000000123-9e8d7c6b5a4f',
            'x-robots-tag': 'noindex',
            'cache-control': 'no-store, max-age=0',
            'set-cookie':
              '_vercel_sso_nonce=Zm9vYmFy; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax',
          },
          body: '<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content="width=device-width,initial-scale=1"><title>Authentication Required</title><script type=text/llms.txt>## Note to agents accessing this page: This page requires authentication to access. Automated agents should use a Vercel authentication bypass token to access this page.</script><body><noscript>You need to enable JavaScript to run this app.</noscript><div class=container><h1>Authentication Required</h1><p>Vercel Authentication</p><a href="https://vercel.com/sso-api?url=https%3A%2F%2Fmy-app-git-feat-acme.vercel.app%2Fapi%2Fitems&nonce=Zm9vYmFy">Log in</a></div></body></html>',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'layer.gateway',
      alternatives: ['status.login-redirect'],
      because:
        "the hosting platform's protection answers (server: Vercel, x-vercel-id, an HTML sign-in page), the same with every placement: the app never saw the call",
    },
  },
  {
    id: 'gw-netlify-basic-password',
    name: 'Netlify basic-auth password protection on a deploy preview: 401 Basic realm',
    source: 'https://docs.netlify.com/security/secure-access-to-sites/password-protection/',
    key: { pattern: '{alnum:32}' },
    request: {
      method: 'GET',
      path: '/.netlify/functions/items',
      headers: { 'x-api-key': '{{KEY}}' },
    },
    server: {
      rules: [
        always({
          status: 401,
          headers: {
            ...TEXT,
            server: 'Netlify',
            'x-nf-request-id': '01J0ABCDEF1234567890XYZ',
            'www-authenticate': 'Basic realm="Netlify"',
          },
          body: 'Unauthorized',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'layer.gateway',
      because:
        'the host (Server: Netlify, x-nf-request-id) asks for its site password (Basic) before the function runs',
    },
  },
  {
    id: 'gw-istio-rbac-denied',
    name: 'Istio AuthorizationPolicy: 403 "RBAC: access denied" from the sidecar, JWT sent',
    source: 'real-401-cases.md sp-06 (istio/istio #26559)',
    key: {
      jwt: {
        claims: {
          iss: 'https://auth.internal.example/',
          sub: 'svc-reporting',
          aud: 'orders',
          scope: 'orders.read',
        },
        times: { iat: -60, exp: 3000 },
      },
    },
    request: { method: 'DELETE', path: '/orders/42', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        always({
          status: 403,
          headers: { ...TEXT, server: 'istio-envoy', 'x-envoy-upstream-service-time': '0' },
          body: 'RBAC: access denied',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.forbidden',
      alternatives: ['layer.gateway'],
      because:
        "the mesh's authorization policy denies (403 without a challenge, RBAC wording): not a credential to regenerate",
    },
  },
  {
    id: 'gw-envoy-jwt-issuer-not-configured',
    name: 'Envoy/Istio jwt_authn: 401 "Jwt issuer is not configured" (token from another issuer)',
    source:
      'https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/jwt_authn_filter ; istio RequestAuthentication',
    key: {
      jwt: {
        claims: { iss: 'http://localhost:8080/realms/dev', sub: 'u-1', aud: 'orders', azp: 'web' },
        times: { iat: -60, exp: 3000 },
      },
    },
    request: { method: 'GET', path: '/orders', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth({
          status: 403,
          headers: { ...TEXT, server: 'istio-envoy' },
          body: 'RBAC: access denied',
        }),
        always({
          status: 401,
          headers: {
            ...TEXT,
            server: 'istio-envoy',
            'www-authenticate':
              'Bearer realm="http://orders.internal/orders", error="invalid_token"',
          },
          body: 'Jwt issuer is not configured',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'token.wrong-issuer',
      because:
        "the verifier says it does not trust this token's issuer (iss is a localhost Keycloak realm)",
    },
  },
  {
    id: 'gw-envoy-jwt-audiences',
    name: 'Envoy jwt_authn: 403 "Audiences in Jwt are not allowed"',
    source:
      'https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/jwt_authn_filter',
    key: {
      jwt: {
        claims: {
          iss: 'https://auth.internal.example/',
          sub: 'u-1',
          aud: 'billing-api',
          scope: 'billing.read',
        },
        times: { iat: -60, exp: 3000 },
      },
    },
    request: { method: 'GET', path: '/orders', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        always({
          status: 403,
          headers: {
            ...TEXT,
            server: 'envoy',
            'www-authenticate':
              'Bearer realm="http://orders.internal/orders", error="invalid_token"',
          },
          body: 'Audiences in Jwt are not allowed',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'token.wrong-audience',
      because:
        'the token was minted for billing-api; the verifier in front of orders says its audience is not allowed',
    },
  },
  {
    id: 'gw-cloudflare-waf-1020',
    name: 'Cloudflare firewall rule: 403 "Error 1020 Access denied" HTML',
    source:
      'https://developers.cloudflare.com/support/troubleshooting/cloudflare-errors/troubleshooting-cloudflare-1xxx-errors/#error-1020-access-denied ; real-401-cases.md wf-01..03',
    key: { pattern: '{alnum:40}' },
    request: {
      method: 'GET',
      path: '/v1/quotes',
      headers: { Authorization: 'Bearer {{KEY}}', 'User-Agent': 'python-requests/2.32.3' },
    },
    server: {
      rules: [
        always({
          status: 403,
          headers: {
            ...HTML,
            server: 'cloudflare',
            'cf-ray': '8f3a1c2b9d4e5f63-LHR',
            'x-frame-options': 'SAMEORIGIN',
          },
          body: '<!DOCTYPE html>\n<html class="no-js" lang="en-US"><head><title>Access denied | api.quotes.example used Cloudflare to restrict access</title></head><body><div id="cf-wrapper"><div class="cf-alert cf-alert-error cf-cookie-error hidden" id="cookie-alert">Please enable cookies.</div><div id="cf-error-details" class="p-0"><header><h1><span class="cf-error-type">Error</span> <span class="cf-error-code">1020</span></h1><h2 class="cf-subheadline">Access denied</h2></header><section><p>This website is using a security service to protect itself from online attacks.</p></section><div class="cf-error-footer"><span>Cloudflare Ray ID: <strong>8f3a1c2b9d4e5f63</strong></span></div></div></div></body></html>',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.waf-blocked',
      because:
        "Cloudflare's firewall page (Error 1020, Ray ID) blocks before any auth; do not rotate the key",
    },
  },
  {
    id: 'gw-akamai-access-denied',
    name: 'Akamai edge: 403 "Access Denied … Reference #18.…" (bot manager)',
    source: 'https://techdocs.akamai.com/property-mgr/docs/access-denied ; real-401-cases.md wf-*',
    key: { pattern: '{alnum:32}' },
    request: {
      method: 'GET',
      path: '/api/v2/products',
      headers: { 'x-api-key': '{{KEY}}', 'User-Agent': 'Go-http-client/1.1' },
    },
    server: {
      rules: [
        always({
          status: 403,
          headers: {
            'content-type': 'text/html',
            server: 'AkamaiGHost',
            'mime-version': '1.0',
            expires: 'Mon, 10 Jun 2024 10:00:00 GMT',
          },
          body: '<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \nYou don\'t have permission to access "http&#58;&#47;&#47;api&#46;shop&#46;example&#47;api&#47;v2&#47;products" on this server.<P>\nReference&#32;&#35;18&#46;5c2e1002&#46;1718000000&#46;2a3b4c5d\n<P>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;5c2e1002&#46;1718000000&#46;2a3b4c5d</P>\n</BODY>\n</HTML>\n',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.waf-blocked',
      alternatives: ['layer.gateway'],
      because:
        'the CDN (AkamaiGHost, its Reference # page) refuses before the API; same with and without the key',
    },
  },
  {
    id: 'gw-cloudfront-request-blocked',
    name: 'CloudFront + AWS WAF: 403 "The request could not be satisfied. Request blocked."',
    source: 'https://repost.aws/knowledge-center/cloudfront-troubleshoot-403-errors',
    key: { pattern: '{alnum:40}' },
    request: { method: 'GET', path: '/v1/reports', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        always({
          status: 403,
          headers: {
            'content-type': 'text/html',
            server: 'CloudFront',
            'x-cache': 'Error from cloudfront',
            via: '1.1 3f9c2a1b0d8e7f6a.cloudfront.net (CloudFront)',
            'x-amz-cf-pop': 'FRA56-P5',
            'x-amz-cf-id': 'Qm9ndXNDbG91ZEZyb250SWQtLS0tLS0tLS0tLS0tLS0tLS0tLQ==',
          },
          body: '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size="1px">\nRequest blocked.\nWe can\'t connect to the server for this app or website at this time. There might be too much traffic or a configuration error. Try again later, or contact the app or website owner.\n<BR clear="all">\n<HR noshade size="1px">\n<PRE>\nGenerated by cloudfront (CloudFront)\nRequest ID: Qm9ndXNDbG91ZEZyb250SWQtLS0tLS0tLS0tLS0tLS0tLS0tLQ==\n</PRE>\n<ADDRESS>\n</ADDRESS>\n</BODY></HTML>',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.waf-blocked',
      alternatives: ['layer.gateway'],
      because:
        'CloudFront\'s own error page ("Request blocked", Generated by cloudfront): a WAF rule, not the credential',
    },
  },
  {
    id: 'gw-rails-devise-login-redirect',
    name: 'Rails/Devise: 302 to /users/sign_in for an API call with a Bearer token',
    source:
      'https://github.com/heartcombo/devise#configuring-routes (authenticate_user! redirects)',
    key: { pattern: '{alnum:40}' },
    request: {
      method: 'GET',
      path: '/api/projects.json',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        {
          when: [{ pathPrefix: '/users/sign_in' }],
          reply: {
            status: 200,
            headers: HTML,
            body: '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/users/sign_in" method="post"><input type="email" name="user[email]"><input type="password" name="user[password]"></form></body></html>',
          },
        },
        always({
          status: 302,
          headers: {
            location: '{{ORIGIN}}/users/sign_in',
            'content-type': 'text/html; charset=utf-8',
          },
          body: '<html><body>You are being <a href="{{ORIGIN}}/users/sign_in">redirected</a>.</body></html>',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.login-redirect',
      because:
        'the app redirects to its browser sign-in form: it does not take the Bearer token on this route',
    },
  },

  // ------------------------------------------------------------------ habits: scheme, name, placement
  {
    id: 'habit-github-token-scheme-to-gitlab',
    name: 'GitHub\'s "token" scheme sent to GitLab',
    source: 'issue 14 "How to prove it"; https://docs.gitlab.com/api/rest/authentication/',
    provider: 'gitlab',
    key: { pattern: 'glpat-{b64url:20}' },
    request: {
      method: 'GET',
      path: '/api/v4/projects?membership=true',
      headers: { Authorization: 'token {{KEY}}' },
    },
    server: {
      rules: [
        bearerOk(),
        { when: [{ header: 'private-token', equals: '{{KEY}}' }], reply: ok([]) },
        always(j(401, { message: '401 Unauthorized' })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      because:
        'GitLab takes Bearer (or PRIVATE-TOKEN), not GitHub\'s "token" scheme; the same token as Bearer works',
    },
  },
  {
    id: 'habit-bearer-to-anthropic',
    name: "Bearer sent to Anthropic's x-api-key API",
    source: 'https://docs.anthropic.com/en/api/errors ; issue 14 habits',
    provider: 'anthropic',
    key: { pattern: 'sk-ant-api03-{b64url:93}AA' },
    request: {
      method: 'GET',
      path: '/v1/models',
      headers: { Authorization: 'Bearer {{KEY}}', 'anthropic-version': '2023-06-01' },
    },
    server: {
      rules: [
        { when: [{ header: 'x-api-key', equals: '{{KEY}}' }], reply: ok({ data: [] }) },
        noAuth(
          j(401, {
            type: 'error',
            error: { type: 'authentication_error', message: 'x-api-key header is required' },
          }),
          'x-api-key',
        ),
        always(
          j(401, {
            type: 'error',
            error: { type: 'authentication_error', message: 'invalid x-api-key' },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-name',
      because:
        'Anthropic reads x-api-key; "x-api-key header is required" says the Bearer header was not looked at',
    },
  },
  {
    id: 'habit-lowercase-bearer',
    name: '"authorization: bearer <t>" to a server that compares the scheme case-sensitively',
    source:
      'issue 14 §2; RFC 9110 §11.1 (schemes are case-insensitive, yet some servers compare exactly)',
    key: { pattern: 'pat_{alnum:40}' },
    request: { method: 'GET', path: '/api/v1/me', headers: { authorization: 'bearer {{KEY}}' } },
    server: {
      rules: [
        bearerOk(),
        always(j(401, { error: 'unauthorized', message: 'missing or malformed bearer token' })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      because:
        'the server refuses "bearer" and accepts the same token as "Bearer"; its own message says the bearer token is missing or malformed',
    },
  },
  {
    id: 'habit-basic-space-around-user',
    name: 'Jira Cloud: Basic "dev@acme.dev :<token>" (a space after the e-mail)',
    source:
      'issue 14 §3; https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/',
    provider: 'atlassian',
    key: { pattern: 'ATATT3xFfGF0{b64url:170}={alnum:8}', basic: { user: 'dev@acme.dev ' } },
    request: {
      method: 'GET',
      path: '/rest/api/3/myself',
      headers: { Authorization: 'Basic {{BASIC}}', Accept: 'application/json' },
    },
    server: {
      rules: [
        always(
          j(
            401,
            {
              message: 'Client must be authenticated to access this resource.',
              'status-code': 401,
            },
            {
              'x-seraph-loginreason': 'AUTHENTICATED_FAILED',
              'www-authenticate': 'OAuth realm="https%3A%2F%2Facme.atlassian.net"',
              'atl-traceid': '5f1e2d3c4b5a6978',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.whitespace',
      alternatives: ['key.basic-malformed'],
      because:
        'the user half of the Basic pair ends in a space: Jira compares the e-mail exactly (AUTHENTICATED_FAILED)',
    },
  },
  {
    id: 'habit-query-key-trailing-newline',
    name: 'A query-string key read from a file keeps its newline (api_key=…%0A)',
    source: 'real-401-cases.md ws-09 (key in the query), ws-01..08 (newline from files)',
    key: { pattern: '{hex:32}', wrap: { after: '\n' } },
    request: { method: 'GET', path: '/api/volumes/?api_key={{KEY_URL}}&format=json', headers: {} },
    server: {
      rules: [
        { when: [{ query: 'api_key', equals: '{{KEY_CLEAN}}' }], reply: ok() },
        always(j(401, { error: 'Invalid API Key', status_code: 100, results: [] })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.newline',
      because: 'the key in the query ends in an encoded LF; the server compares byte for byte',
    },
  },
  {
    id: 'habit-twilio-test-credentials-live',
    name: 'Twilio: test credentials on a live-only resource (error 20008)',
    source:
      'https://www.twilio.com/docs/errors/20008 ; https://www.twilio.com/docs/iam/test-credentials',
    provider: 'twilio',
    key: { pattern: '{hex:32}', basic: { user: 'AC1f2e3d4c5b6a79880f1e2d3c4b5a6978' } },
    request: {
      method: 'GET',
      path: '/2010-04-01/Accounts/AC1f2e3d4c5b6a79880f1e2d3c4b5a6978/Calls.json',
      headers: { Authorization: 'Basic {{BASIC}}' },
    },
    server: {
      rules: [
        noAuth(
          j(
            401,
            {
              code: 20003,
              message: 'Authentication Error - No credentials provided',
              more_info: 'https://www.twilio.com/docs/errors/20003',
              status: 401,
            },
            { 'www-authenticate': 'Basic realm="Twilio API"' },
          ),
        ),
        always(
          j(
            403,
            {
              code: 20008,
              message: 'Resource not accessible with Test Account Credentials',
              more_info: 'https://www.twilio.com/docs/errors/20008',
              status: 403,
            },
            { 'twilio-request-id': 'RQ1a2b3c4d5e6f70819a2b3c4d5e6f7081' },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.wrong-environment',
      alternatives: ['status.forbidden'],
      because: 'Twilio says these are Test Account Credentials and this resource is live-only',
    },
  },
  {
    id: 'habit-slack-user-token-for-bot',
    name: 'Slack: a user token (xoxp) where an app-level token is required: not_allowed_token_type',
    source: 'https://api.slack.com/methods/apps.connections.open ; issue 14 §1',
    provider: 'slack',
    key: { pattern: 'xoxp-{digits:11}-{digits:11}-{digits:13}-{hex:32}' },
    request: {
      method: 'POST',
      path: '/api/apps.connections.open',
      headers: {
        Authorization: 'Bearer {{KEY}}',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    },
    server: {
      rules: [
        noAuth(ok({ ok: false, error: 'not_authed' })),
        always(
          ok(
            { ok: false, error: 'not_allowed_token_type' },
            { 'x-slack-req-id': '3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c' },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.wrong-type',
      alternatives: ['status.error-in-body'],
      because:
        "Slack's error names the token type: this method needs an app-level token (xapp-), not a user token",
    },
  },
  {
    id: 'habit-stripe-restricted-quoted-mask',
    name: 'Stripe: "The provided key \'rk_live_****abcd\' does not have the required permissions"',
    source:
      'https://docs.stripe.com/keys#limit-access ; issue 14 §1 (masked key quoted in a sentence)',
    provider: 'stripe',
    key: { pattern: 'rk_live_{alnum:99}' },
    request: {
      method: 'GET',
      path: '/v1/customers?limit=3',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(
          j(401, {
            error: {
              message:
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
              type: 'invalid_request_error',
            },
          }),
        ),
        always(
          j(
            403,
            {
              error: {
                message:
                  "The provided key 'rk_live_*********************************************************************************************{{KEY_LAST4}}' does not have the required permissions for this endpoint on account 'acct_1NqB2cLkdIwHu7ix'. Having the 'rak_customer_read' permission would allow this request to continue.",
                type: 'invalid_request_error',
              },
            },
            { 'request-id': 'req_a1B2c3D4e5F6g7', 'stripe-version': '2024-06-20' },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.insufficient-scope',
      because:
        "the restricted key was read (last 4 match) and lacks a named permission; the quotes are Stripe's sentence, not the key's",
    },
  },
  {
    id: 'habit-expired-jwt-aspnet',
    name: 'ASP.NET Core JwtBearer: error_description="The token expired at \'…\'"',
    source:
      'https://learn.microsoft.com/aspnet/core/security/authentication/configure-jwt-bearer-authentication',
    key: {
      jwt: {
        claims: {
          iss: 'https://login.microsoftonline.com/7c1e2d3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f/v2.0',
          aud: 'api://orders-api',
          scp: 'Orders.Read',
          ver: '2.0',
        },
        times: { iat: -5400, nbf: -5400, exp: -1800 },
      },
    },
    request: { method: 'GET', path: '/api/orders', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth({
          status: 401,
          headers: { 'www-authenticate': 'Bearer', 'content-length': '0' },
          body: '',
        }),
        always({
          status: 401,
          headers: {
            'www-authenticate':
              'Bearer error="invalid_token", error_description="The token expired at \'06/10/2024 09:30:00\'"',
            'content-length': '0',
            server: 'Kestrel',
          },
          body: '',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.expired',
      alternatives: ['credential.expired'],
      because:
        "the access token's exp is past (decoded offline) and the server's challenge says it expired",
    },
  },
  {
    id: 'habit-id-token-for-access-token',
    name: 'An OpenID ID token (aud = client id, nonce, at_hash) sent to an API that wants an access token',
    source: 'real-401-cases.md wv-07; https://auth0.com/docs/secure/tokens/id-tokens',
    key: {
      jwt: {
        header: { alg: 'HS256', typ: 'JWT', kid: 'k1' },
        claims: {
          iss: '{{ORIGIN}}/',
          sub: 'auth0|6650a1b2c3d4e5f607182930',
          aud: 'Xk3pQ9rT2vW8yZ1aB4cD6eF7gH0jK5mN',
          nonce: 'n-0S6_WzA2Mj',
          at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q',
          email: 'dev@acme.dev',
        },
        times: { iat: -60, exp: 3540 },
      },
    },
    request: { method: 'GET', path: '/api/private', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        { when: [{ pathPrefix: '/.well-known/' }], reply: j(404, { error: 'not_found' }) },
        noAuth(j(401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer realm="api"' })),
        always(
          j(
            401,
            {
              error: 'invalid_token',
              error_description: 'jwt audience invalid. expected: https://api.acme.dev',
            },
            {
              'www-authenticate':
                'Bearer realm="api", error="invalid_token", error_description="jwt audience invalid. expected: https://api.acme.dev"',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'token.id-token',
      alternatives: ['token.wrong-audience'],
      because:
        'the token is an ID token (aud is the client id, nonce and at_hash present): the app must send the access token',
    },
  },
  {
    id: 'habit-jwt-not-yet-valid',
    name: 'A JWT whose nbf is 5 minutes ahead (issuer clock ahead), refused "not valid before"',
    source: 'real-401-cases.md ck-04, ck-05',
    key: {
      jwt: {
        claims: { iss: 'https://idp.internal.example', aud: 'inventory', sub: 'svc-sync' },
        times: { iat: 300, nbf: 300, exp: 3900 },
      },
    },
    request: {
      method: 'GET',
      path: '/inventory/items',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth({ status: 401, headers: { 'www-authenticate': 'Bearer' }, body: '' }),
        always({
          status: 401,
          headers: {
            'www-authenticate':
              'Bearer error="invalid_token", error_description="The token is not valid yet"',
          },
          body: '',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.not-yet-valid',
      alternatives: ['net.clock-skew'],
      because:
        "nbf/iat are ahead of the server's clock (its Date header); the server says not valid yet",
    },
  },
  {
    id: 'habit-gemini-key-as-bearer',
    name: 'Gemini: an AIza API key sent as Bearer → ACCESS_TOKEN_TYPE_UNSUPPORTED',
    source:
      'https://ai.google.dev/gemini-api/docs/api-key ; https://cloud.google.com/docs/authentication/api-keys-use',
    provider: 'google-gemini',
    key: { pattern: 'AIza{b64url:35}' },
    request: {
      method: 'GET',
      path: '/v1beta/models',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        { when: [{ header: 'x-goog-api-key', equals: '{{KEY}}' }], reply: ok({ models: [] }) },
        { when: [{ query: 'key', equals: '{{KEY}}' }], reply: ok({ models: [] }) },
        noAuth(
          j(403, {
            error: {
              code: 403,
              message:
                "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
              status: 'PERMISSION_DENIED',
            },
          }),
        ),
        always(
          j(
            401,
            {
              error: {
                code: 401,
                message:
                  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
                status: 'UNAUTHENTICATED',
                details: [
                  {
                    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                    reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED',
                    metadata: {
                      method: 'google.ai.generativelanguage.v1beta.ModelService.ListModels',
                      service: 'generativelanguage.googleapis.com',
                    },
                  },
                ],
              },
            },
            {
              'www-authenticate':
                'Bearer realm="https://accounts.google.com/", error="invalid_token"',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-name',
      alternatives: ['header.wrong-scheme'],
      because:
        'an API key goes in x-goog-api-key (or ?key=); as a Bearer it is taken for an OAuth access token of an unsupported type',
    },
  },
  {
    id: 'habit-vertex-api-key',
    name: 'Vertex AI: an API key where an OAuth access token is required (CREDENTIALS_MISSING)',
    source: 'providers.json google-oauth-vertex.errorShape',
    provider: 'google-oauth-vertex',
    key: { pattern: 'AIza{b64url:35}' },
    request: {
      method: 'POST',
      path: '/v1/projects/acme-ml/locations/europe-west4/publishers/google/models/gemini-1.5-pro:generateContent?key={{KEY}}',
      headers: { 'Content-Type': 'application/json' },
      body: '{"contents":[{"role":"user","parts":[{"text":"ping"}]}]}',
    },
    server: {
      rules: [
        always(
          j(401, {
            error: {
              code: 401,
              message:
                'API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal. See https://cloud.google.com/docs/authentication',
              status: 'UNAUTHENTICATED',
              details: [
                {
                  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                  reason: 'CREDENTIALS_MISSING',
                  domain: 'googleapis.com',
                  metadata: {
                    service: 'aiplatform.googleapis.com',
                    method: 'google.cloud.aiplatform.v1.PredictionService.GenerateContent',
                  },
                },
              ],
            },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.wrong-type',
      because:
        'Google says API keys are not supported here: an OAuth access token (ya29.…) is needed',
    },
  },
  {
    id: 'habit-firebase-referrer-blocked',
    name: 'Firebase Auth REST from a server with a browser (referrer-restricted) key',
    source: 'real-401-cases.md rs-01, rs-02; providers.json firebase.errorShape',
    provider: 'firebase',
    key: { pattern: 'AIza{b64url:35}' },
    request: {
      method: 'POST',
      path: '/v1/accounts:signInWithPassword?key={{KEY}}',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email":"dev@acme.dev","password":"x","returnSecureToken":true}',
    },
    server: {
      rules: [
        always(
          j(403, {
            error: {
              code: 403,
              message: 'Requests from referer <empty> are blocked.',
              errors: [
                {
                  message: 'Requests from referer <empty> are blocked.',
                  domain: 'global',
                  reason: 'forbidden',
                },
              ],
              status: 'PERMISSION_DENIED',
              details: [
                {
                  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                  reason: 'API_KEY_HTTP_REFERRER_BLOCKED',
                  domain: 'googleapis.com',
                  metadata: {
                    consumer: 'projects/123456789012',
                    service: 'identitytoolkit.googleapis.com',
                  },
                },
              ],
            },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.restricted',
      because: 'the key is restricted to browser referrers; a server call has none',
    },
  },
  {
    id: 'habit-shopify-shared-secret',
    name: "Shopify: the app's API secret (shpss_) sent as X-Shopify-Access-Token",
    source: 'providers.json shopify.errorShape; https://shopify.dev/docs/api/usage/authentication',
    provider: 'shopify',
    key: { pattern: 'shpss_{hex:32}' },
    request: {
      method: 'GET',
      path: '/admin/api/2024-04/shop.json',
      headers: { 'X-Shopify-Access-Token': '{{KEY}}' },
    },
    server: {
      rules: [
        always(
          j(
            401,
            {
              errors:
                '[API] Invalid API key or access token (unrecognized login or wrong password)',
            },
            { 'x-request-id': '5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', 'x-shopid': '60123456789' },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.wrong-type',
      because: "shpss_ is the app's shared secret, not an Admin API access token (shpat_)",
    },
  },
  {
    id: 'habit-shopify-bearer',
    name: 'Shopify Admin API: the access token sent as Authorization: Bearer',
    source: 'https://shopify.dev/docs/api/admin-rest#authentication',
    provider: 'shopify',
    key: { pattern: 'shpat_{hex:32}' },
    request: {
      method: 'GET',
      path: '/admin/api/2024-04/shop.json',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        {
          when: [{ header: 'x-shopify-access-token', equals: '{{KEY}}' }],
          reply: ok({ shop: { id: 1 } }),
        },
        always(
          j(401, {
            errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-name',
      because:
        'Shopify reads X-Shopify-Access-Token; the same answer comes with and without Authorization',
    },
  },
  {
    id: 'habit-atlassian-bearer-api-token',
    name: 'Jira Cloud: an API token sent as Bearer (it goes in Basic with the account e-mail)',
    source: 'https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/',
    provider: 'atlassian',
    key: { pattern: 'ATATT3xFfGF0{b64url:170}={alnum:8}' },
    request: {
      method: 'GET',
      path: '/rest/api/3/myself',
      headers: { Authorization: 'Bearer {{KEY}}', Accept: 'application/json' },
    },
    server: {
      rules: [
        always(
          j(
            401,
            {
              message: 'Client must be authenticated to access this resource.',
              'status-code': 401,
            },
            {
              'x-seraph-loginreason': 'AUTHENTICATED_FAILED',
              'www-authenticate': 'OAuth realm="https%3A%2F%2Facme.atlassian.net"',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      because:
        'an Atlassian API token (ATATT) is used with Basic email:token; as a Bearer it is not an OAuth token',
    },
  },
  {
    id: 'habit-linear-bearer-personal-key',
    name: 'Linear: a personal API key sent with "Bearer " (personal keys go bare)',
    source: 'https://linear.app/developers/graphql#personal-api-keys ; providers.json linear.auth',
    provider: 'linear',
    key: { pattern: 'lin_api_{alnum:40}' },
    request: {
      method: 'POST',
      path: '/graphql',
      headers: { Authorization: 'Bearer {{KEY}}', 'Content-Type': 'application/json' },
      body: '{"query":"{ viewer { id } }"}',
    },
    server: {
      rules: [
        {
          when: [{ header: 'authorization', equals: '{{KEY}}' }],
          reply: ok({ data: { viewer: { id: 'u1' } } }),
        },
        always(
          j(400, {
            errors: [
              {
                message: 'Authentication required, not authenticated',
                extensions: {
                  type: 'authentication error',
                  code: 'AUTHENTICATION_ERROR',
                  statusCode: 401,
                  userPresentableMessage: 'You need to authenticate to access this operation.',
                },
              },
            ],
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      because:
        'Linear\'s personal keys go in Authorization without a scheme; with "Bearer" it is taken as an OAuth token',
    },
  },
  {
    id: 'habit-notion-missing-version',
    name: 'Notion: no Notion-Version header',
    source: 'https://developers.notion.com/reference/versioning ; providers.json notion.errorShape',
    provider: 'notion',
    key: { pattern: 'ntn_{digits:11}{alnum:35}' },
    request: { method: 'GET', path: '/v1/users/me', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        {
          when: [{ header: 'notion-version', absent: true }],
          reply: j(400, {
            object: 'error',
            status: 400,
            code: 'missing_version',
            message:
              'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
            request_id: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
          }),
        },
        bearerOk(),
        always(
          j(401, {
            object: 'error',
            status: 401,
            code: 'unauthorized',
            message: 'API token is invalid.',
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.required-missing',
      because: 'Notion names the header it requires beside the token (Notion-Version)',
    },
  },
  {
    id: 'habit-notion-not-shared',
    name: 'Notion: 404 object_not_found for a database not shared with the integration',
    source:
      'https://developers.notion.com/reference/status-codes ; providers.json notion.errorShape',
    provider: 'notion',
    key: { pattern: 'ntn_{digits:11}{alnum:35}' },
    request: {
      method: 'GET',
      path: '/v1/databases/1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6',
      headers: { Authorization: 'Bearer {{KEY}}', 'Notion-Version': '2022-06-28' },
    },
    server: {
      rules: [
        noAuth(
          j(401, {
            object: 'error',
            status: 401,
            code: 'unauthorized',
            message: 'API token is invalid.',
          }),
        ),
        always(
          j(404, {
            object: 'error',
            status: 404,
            code: 'object_not_found',
            message:
              'Could not find database with ID: 1a2b3c4d-5e6f-47a8-b9c0-d1e2f3a4b5c6. Make sure the relevant pages and databases are shared with your integration.',
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.not-found-masked',
      alternatives: ['credential.insufficient-scope'],
      because:
        'the token is valid (the no-token answer is 401) but the page is not shared with the integration: a hidden 404',
    },
  },
  {
    id: 'habit-airtable-legacy-key',
    name: 'Airtable: a legacy API key (key…, retired Feb 2024) instead of a personal access token',
    source:
      'https://support.airtable.com/docs/airtable-api-key-deprecation-notice ; providers.json airtable',
    provider: 'airtable',
    key: { pattern: 'key{alnum:14}' },
    request: {
      method: 'GET',
      path: '/v0/meta/whoami',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        always(
          j(401, {
            error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.wrong-type',
      alternatives: ['credential.invalid'],
      because:
        "the key's shape is Airtable's retired legacy API key; a personal access token (pat…) is needed",
    },
  },
  {
    id: 'habit-airtable-no-base-access',
    name: 'Airtable: 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND (token without this base)',
    source: 'https://airtable.com/developers/web/api/errors',
    provider: 'airtable',
    key: { pattern: 'pat{alnum:14}.{hex:64}' },
    request: {
      method: 'GET',
      path: '/v0/appAbCdEf12345678/Tasks?maxRecords=3',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(
          j(401, {
            error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' },
          }),
        ),
        always(
          j(403, {
            error: {
              type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
              message:
                'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.',
            },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.insufficient-scope',
      alternatives: ['status.forbidden', 'status.not-found-masked'],
      because:
        'the token is accepted (the no-token answer differs) but lacks access to this base or scope',
    },
  },
  {
    id: 'habit-pagerduty-bearer',
    name: 'PagerDuty: an API key sent as Bearer (it wants "Token token=…")',
    source: 'https://developer.pagerduty.com/docs/authentication ; providers.json pagerduty',
    provider: 'pagerduty',
    key: { pattern: 'u+{b64url:18}' },
    request: {
      method: 'GET',
      path: '/users?limit=1',
      headers: { Authorization: 'Bearer {{KEY}}', Accept: 'application/json' },
    },
    server: {
      rules: [
        {
          when: [{ header: 'authorization', equals: 'Token token={{KEY}}' }],
          reply: ok({ users: [] }),
        },
        always(j(401, { error: { message: 'Unauthorized', code: 2006 } })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      because:
        'PagerDuty\'s REST API takes "Token token=<key>"; the same answer comes without any credential',
    },
  },
  {
    id: 'habit-cloudflare-global-key-as-bearer',
    name: 'Cloudflare API: the Global API Key sent as Bearer (6003/6111)',
    source:
      'providers.json cloudflare.errorShape; https://developers.cloudflare.com/fundamentals/api/get-started/keys/',
    provider: 'cloudflare',
    key: { pattern: '{hex:37}' },
    request: {
      method: 'GET',
      path: '/client/v4/zones',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(
          j(
            400,
            {
              success: false,
              errors: [
                {
                  code: 9106,
                  message: 'Missing X-Auth-Key, X-Auth-Email or Authorization headers',
                },
              ],
              messages: [],
              result: null,
            },
            CF_EDGE,
          ),
        ),
        always(
          j(
            400,
            {
              success: false,
              errors: [
                {
                  code: 6003,
                  message: 'Invalid request headers',
                  error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }],
                },
              ],
              messages: [],
              result: null,
            },
            CF_EDGE,
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.wrong-type',
      alternatives: ['header.wrong-name', 'header.wrong-scheme'],
      because:
        'a 37-hex Global API Key goes in X-Auth-Key with X-Auth-Email; Bearer wants an API token',
    },
  },
  {
    id: 'habit-supabase-no-apikey-header',
    name: 'Supabase REST: the anon key only as Bearer, no apikey header ("No API key found in request")',
    source: 'https://supabase.com/docs/guides/api/api-keys ; providers.json supabase',
    provider: 'supabase',
    key: {
      jwt: {
        claims: { iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'anon' },
        times: { iat: -86400, exp: 315360000 },
      },
    },
    request: {
      method: 'GET',
      path: '/rest/v1/todos?select=*',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        { when: [{ header: 'apikey', equals: '{{KEY}}' }], reply: ok([]) },
        always(
          j(401, {
            message: 'No API key found in request',
            hint: 'No `apikey` request header or url param was found.',
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-name',
      alternatives: ['header.required-missing'],
      because:
        'Supabase wants the project key in the apikey header; the hint says none was found there',
    },
  },
  {
    id: 'habit-openrouter-x-api-key',
    name: 'OpenRouter: the key sent as x-api-key (an Anthropic SDK habit) → "No auth credentials found"',
    source:
      'providers.json openrouter.errorShape; https://openrouter.ai/docs/api-reference/authentication',
    provider: 'openrouter',
    key: { pattern: 'sk-or-v1-{hex:64}' },
    request: { method: 'GET', path: '/api/v1/key', headers: { 'x-api-key': '{{KEY}}' } },
    server: {
      rules: [
        bearerOk(),
        always(j(401, { error: { message: 'No auth credentials found', code: 401 } }, CF_EDGE)),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-name',
      because: 'OpenRouter reads Authorization: Bearer; it says it found no credentials',
    },
  },
  {
    id: 'habit-deepseek-raw-key',
    name: 'DeepSeek: a raw key in Authorization ("auth header format should be Bearer sk-...")',
    source: 'providers.json deepseek.errorShape',
    provider: 'deepseek',
    key: { pattern: 'sk-{hex:32}' },
    request: { method: 'GET', path: '/models', headers: { Authorization: '{{KEY}}' } },
    server: {
      rules: [
        bearerOk(),
        always(
          j(401, {
            error: {
              message: 'Authentication Fails (auth header format should be Bearer sk-...)',
              type: 'authentication_error',
              param: null,
              code: 'invalid_request_error',
            },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      because: 'DeepSeek says the header must be "Bearer sk-..."; the key is raw',
    },
  },
  {
    id: 'habit-discord-bot-without-prefix',
    name: 'Discord: a bot token without the "Bot " prefix',
    source: 'https://discord.com/developers/docs/reference#authentication ; providers.json discord',
    provider: 'discord',
    key: { pattern: 'MT{b64url:24}.{b64url:6}.{b64url:38}' },
    request: { method: 'GET', path: '/api/v10/users/@me', headers: { Authorization: '{{KEY}}' } },
    server: {
      rules: [
        {
          when: [{ header: 'authorization', equals: 'Bot {{KEY}}' }],
          reply: ok({ id: '1', bot: true }),
        },
        always(j(401, { message: '401: Unauthorized', code: 0 }, CF_EDGE)),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      because: 'bot tokens go as "Bot <token>"; Discord refuses the bare token as it refuses none',
    },
  },
  {
    id: 'habit-sentry-token-scheme',
    name: 'Sentry: "Token <t>" (DRF habit) → "Authentication credentials were not provided."',
    source: 'https://docs.sentry.io/api/auth/',
    provider: 'sentry',
    key: { pattern: 'sntryu_{hex:64}' },
    request: {
      method: 'GET',
      path: '/api/0/organizations/',
      headers: { Authorization: 'Token {{KEY}}' },
    },
    server: {
      rules: [
        bearerOk(),
        always(j(401, { detail: 'Authentication credentials were not provided.' })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      because: 'Sentry takes Bearer; with an unknown scheme it reads no credential at all',
    },
  },
  {
    id: 'habit-sendgrid-raw-key',
    name: 'SendGrid: the SG. key without "Bearer " → "authorization required"',
    source:
      'https://www.twilio.com/docs/sendgrid/for-developers/sending-email/authentication ; providers.json sendgrid',
    provider: 'sendgrid',
    key: { pattern: 'SG.{b64url:22}.{b64url:43}' },
    request: { method: 'GET', path: '/v3/scopes', headers: { Authorization: '{{KEY}}' } },
    server: {
      rules: [
        bearerOk(),
        {
          when: [{ header: 'authorization', contains: 'Bearer ' }],
          reply: j(401, {
            errors: [
              {
                message: 'The provided authorization grant is invalid, expired, or revoked',
                field: null,
                help: null,
              },
            ],
          }),
        },
        always(j(401, { errors: [{ field: null, message: 'authorization required' }] })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      because:
        'SendGrid wants "Bearer SG.…"; "authorization required" is what it says when it found no Bearer credential',
    },
  },
  {
    id: 'habit-sendgrid-restricted-key',
    name: 'SendGrid: a Mail-Send-only key on the Marketing contacts API → 403 "access forbidden"',
    source:
      'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys#api-key-permissions',
    provider: 'sendgrid',
    key: { pattern: 'SG.{b64url:22}.{b64url:43}' },
    request: {
      method: 'GET',
      path: '/v3/marketing/contacts',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(j(401, { errors: [{ field: null, message: 'authorization required' }] })),
        always(j(403, { errors: [{ field: null, message: 'access forbidden' }] })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.insufficient-scope',
      alternatives: ['status.forbidden'],
      because:
        'the key is known (no-key answer differs) but its permissions do not include this API',
    },
  },
  {
    id: 'habit-resend-sending-only-key',
    name: 'Resend: a sending-only key on GET /domains → 401 restricted_api_key',
    source: 'providers.json resend.errorShape; https://resend.com/docs/api-reference/errors',
    provider: 'resend',
    key: { pattern: 're_{alnum:8}_{alnum:24}' },
    request: { method: 'GET', path: '/domains', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth(
          j(401, {
            statusCode: 401,
            name: 'missing_api_key',
            message: 'Missing API key in the authorization header.',
          }),
        ),
        always(
          j(401, {
            statusCode: 401,
            name: 'restricted_api_key',
            message: 'This API key is restricted to only send emails.',
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.insufficient-scope',
      alternatives: ['status.forbidden'],
      because:
        'the key is valid but restricted to sending; Resend names the restriction (a 401 that means scope)',
    },
  },
  {
    id: 'habit-hf-fine-grained-no-permission',
    name: 'Hugging Face: a fine-grained token without the Inference Providers permission → 403',
    source: 'https://huggingface.co/docs/hub/security-tokens ; providers.json huggingface',
    provider: 'huggingface',
    key: { pattern: 'hf_{alnum:34}' },
    request: {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { Authorization: 'Bearer {{KEY}}', 'Content-Type': 'application/json' },
      body: '{"model":"meta-llama/Llama-3.1-8B-Instruct","messages":[{"role":"user","content":"ping"}]}',
    },
    server: {
      rules: [
        noAuth(j(401, { error: 'Invalid username or password.' })),
        always(
          j(403, {
            error:
              'This authentication method does not have sufficient permissions to call Inference Providers on behalf of user dev-acme',
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.insufficient-scope',
      because: 'Hugging Face says the token lacks the permission (fine-grained token scopes)',
    },
  },
  {
    id: 'habit-gitlab-insufficient-scope',
    name: 'GitLab: a read_api token on a write → 403 insufficient_scope',
    source:
      'https://docs.gitlab.com/user/profile/personal_access_tokens/#personal-access-token-scopes',
    provider: 'gitlab',
    key: { pattern: 'glpat-{b64url:20}' },
    request: {
      method: 'GET',
      path: '/api/v4/projects/42/variables',
      headers: { 'PRIVATE-TOKEN': '{{KEY}}' },
    },
    server: {
      rules: [
        {
          when: [
            { header: 'private-token', absent: true },
            { header: 'authorization', absent: true },
          ],
          reply: j(401, { message: '401 Unauthorized' }),
        },
        always(
          j(
            403,
            {
              error: 'insufficient_scope',
              error_description:
                'The request requires higher privileges than provided by the access token.',
              scope: 'api',
            },
            {
              'www-authenticate':
                'Bearer realm="Protected by OAuth 2.0", error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token.", scope="api"',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.insufficient-scope',
      because: 'the challenge says insufficient_scope and names the scope wanted (api)',
    },
  },
  {
    id: 'habit-gitlab-expired-oauth',
    name: 'GitLab: an expired OAuth access token → "Token is expired"',
    source: 'providers.json gitlab.errorShape; https://docs.gitlab.com/api/oauth2/',
    provider: 'gitlab',
    key: { pattern: '{hex:64}' },
    request: { method: 'GET', path: '/api/v4/user', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        {
          when: [{ header: 'authorization', absent: true }],
          reply: j(401, { message: '401 Unauthorized' }),
        },
        always(
          j(
            401,
            {
              error: 'invalid_token',
              error_description:
                'Token is expired. You can either do re-authorization or token refresh.',
            },
            {
              'www-authenticate':
                'Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="Token is expired. You can either do re-authorization or token refresh."',
            },
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'credential.expired',
      because: 'the server says the (opaque) token expired: refresh it, do not create a new app',
    },
  },

  // ------------------------------------------------------------------ the key string itself, on other providers
  {
    id: 'key-placeholder-mistral',
    name: 'Mistral: "Bearer your-api-key-here" from a README',
    source: 'real-401-cases.md wv-05, gw-01 (placeholders)',
    provider: 'mistral',
    key: { pattern: 'your-api-key-here' },
    request: { method: 'GET', path: '/v1/models', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth(j(401, { message: 'No API key found in request' })),
        always(j(401, { message: 'Unauthorized', request_id: '7d1e2f3a4b5c6d7e' })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.placeholder',
      because: 'the value is a documentation placeholder',
    },
  },
  {
    id: 'key-unexpanded-cohere',
    name: 'Cohere: "Bearer ${COHERE_API_KEY}" (a .env reference never substituted)',
    source: 'findings.md key.unexpanded',
    provider: 'cohere',
    key: { pattern: '${COHERE_API_KEY}' },
    request: { method: 'GET', path: '/v1/models', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth(j(401, { message: 'no api key supplied' })),
        always(j(401, { message: 'invalid api token' })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.unexpanded',
      because: 'the value is a variable reference, not a key',
    },
  },
  {
    id: 'key-undefined-huggingface',
    name: 'Hugging Face: "Bearer undefined" (env var not loaded)',
    source: 'real-401-cases.md en-01, en-02',
    provider: 'huggingface',
    key: { pattern: 'undefined' },
    request: {
      method: 'GET',
      path: '/api/whoami-v2',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        noAuth(j(401, { error: 'Invalid username or password.' })),
        always(j(401, { error: 'Invalid credentials in Authorization header' })),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.missing',
      because: 'the header carries the literal "undefined"',
    },
  },
  {
    id: 'key-scheme-twice-perplexity',
    name: 'Perplexity: "Bearer Bearer pplx-…" (the stored value already had the scheme)',
    source: 'real-401-cases.md hd-03',
    provider: 'perplexity',
    key: { pattern: 'Bearer pplx-{alnum:48}' },
    request: { method: 'GET', path: '/models', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        always({
          status: 401,
          headers: { ...HTML, server: 'openresty/1.25.3.1' },
          body: '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>openresty/1.25.3.1</center>\r\n</body>\r\n</html>\r\n',
        }),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.scheme-included',
      because: 'the value already starts with "Bearer ", so the scheme is sent twice',
    },
  },
  {
    id: 'key-quoted-groq',
    name: 'Groq: the key kept its single quotes (compose list syntax)',
    source: 'real-401-cases.md qt-02, qt-03',
    provider: 'groq',
    key: { pattern: 'gsk_{alnum:52}', wrap: { before: "'", after: "'" } },
    request: {
      method: 'GET',
      path: '/openai/v1/models',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        { when: [{ header: 'authorization', equals: 'Bearer {{KEY_CLEAN}}' }], reply: ok() },
        always(
          j(
            401,
            {
              error: {
                message: 'Invalid API Key',
                type: 'invalid_request_error',
                code: 'invalid_api_key',
              },
            },
            CF_EDGE,
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.quoted',
      because: 'the value is wrapped in single quotes',
    },
  },
  {
    id: 'key-wrong-provider-groq-to-together',
    name: 'Together: a Groq key (gsk_) sent to api.together.xyz',
    source: 'real-401-cases.md bu-01..05; providers.json together.errorShape',
    provider: 'together',
    key: { pattern: 'gsk_{alnum:52}' },
    request: { method: 'GET', path: '/v1/models', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth(
          j(
            401,
            {
              error: {
                message: 'No API key provided',
                type: 'invalid_request_error',
                param: null,
                code: 'missing_api_key',
              },
            },
            CF_EDGE,
          ),
        ),
        always(
          j(
            401,
            {
              error: {
                message:
                  'Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.',
                type: 'invalid_request_error',
                param: null,
                code: 'invalid_api_key',
              },
            },
            CF_EDGE,
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'key.wrong-provider',
      because: "the key has Groq's shape (gsk_) and went to Together",
    },
  },
  {
    id: 'key-basic-newline-mailgun',
    name: 'Mailgun: Basic built with `echo api:key | base64` (decoded pair ends in a newline)',
    source: 'real-401-cases.md ws-13',
    provider: 'mailgun',
    key: { pattern: '{hex:32}-{hex:8}-{hex:8}', basic: { user: 'api', after: '\n' } },
    request: { method: 'GET', path: '/v3/domains', headers: { Authorization: 'Basic {{BASIC}}' } },
    server: { rules: [always({ status: 401, headers: TEXT, body: 'Forbidden' })] },
    expect: {
      status: 'rejected',
      cause: 'key.basic-malformed',
      alternatives: ['key.newline'],
      because: 'the decoded Basic pair ends in LF',
    },
  },
  {
    id: 'key-basic-wrapped-groq',
    name: 'Groq: curl -u ":$GROQ_API_KEY" (Basic) where Bearer is expected',
    source: 'issue 14 §3',
    provider: 'groq',
    key: { pattern: 'gsk_{alnum:52}', basic: { user: '' } },
    request: {
      method: 'GET',
      path: '/openai/v1/models',
      headers: { Authorization: 'Basic {{BASIC}}' },
    },
    server: {
      rules: [
        bearerOk(),
        always(
          j(
            401,
            {
              error: {
                message: 'Invalid API Key',
                type: 'invalid_request_error',
                code: 'invalid_api_key',
              },
            },
            CF_EDGE,
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'header.wrong-scheme',
      because: 'Groq wants Bearer; the key went as the password of a Basic pair',
    },
  },

  // ------------------------------------------------------------------ not the key at all: quota, rate
  {
    id: 'status-cohere-trial-rate-limit',
    name: 'Cohere: 429 for a Trial key at its 10 calls/minute',
    source: 'https://docs.cohere.com/docs/rate-limits',
    provider: 'cohere',
    key: { pattern: '{alnum:40}' },
    request: { method: 'GET', path: '/v1/models', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        noAuth(j(401, { message: 'no api key supplied' })),
        always(
          j(429, {
            message:
              "You are using a Trial key, which is limited to 10 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'. Contact us on 'https://discord.gg/XW44jPfYJu' or email us at support@cohere.com with any questions",
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.rate-limited',
      because: '429 with a per-minute limit: back off; the key works',
    },
  },
  {
    id: 'status-openrouter-402-credits',
    name: 'OpenRouter: 402 "Insufficient credits"',
    source: 'https://openrouter.ai/docs/api-reference/errors',
    provider: 'openrouter',
    key: { pattern: 'sk-or-v1-{hex:64}' },
    request: {
      method: 'POST',
      path: '/api/v1/chat/completions',
      headers: { Authorization: 'Bearer {{KEY}}', 'Content-Type': 'application/json' },
      body: '{"model":"openai/gpt-4o","messages":[{"role":"user","content":"ping"}]}',
    },
    server: {
      rules: [
        noAuth(j(401, { error: { message: 'No auth credentials found', code: 401 } })),
        always(
          j(
            402,
            {
              error: {
                message:
                  'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
                code: 402,
              },
            },
            CF_EDGE,
          ),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.quota-exceeded',
      because: 'billing: no credits left; the key is fine',
    },
  },
  {
    id: 'status-deepseek-402-balance',
    name: 'DeepSeek: 402 "Insufficient Balance"',
    source: 'https://api-docs.deepseek.com/quick_start/error_codes',
    provider: 'deepseek',
    key: { pattern: 'sk-{hex:32}' },
    request: {
      method: 'POST',
      path: '/chat/completions',
      headers: { Authorization: 'Bearer {{KEY}}', 'Content-Type': 'application/json' },
      body: '{"model":"deepseek-chat","messages":[{"role":"user","content":"ping"}]}',
    },
    server: {
      rules: [
        noAuth(
          j(401, {
            error: {
              message: 'Authentication Fails, Your api key: ****null is invalid',
              type: 'authentication_error',
              param: null,
              code: 'invalid_request_error',
            },
          }),
        ),
        always(
          j(402, {
            error: {
              message: 'Insufficient Balance',
              type: 'unknown_error',
              param: null,
              code: 'invalid_request_error',
            },
          }),
        ),
      ],
    },
    expect: {
      status: 'rejected',
      cause: 'status.quota-exceeded',
      because: 'billing: the balance is empty',
    },
  },
];
