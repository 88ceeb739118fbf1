import { gateway } from './layer.js';
import { checkTable, VERCEL_LOGIN } from './test-helpers.js';

const XAPI = { in: 'header', name: 'x-api-key', scheme: null } as const;
const NETLIFY_401 = {
  status: 401,
  headers: { server: 'Netlify', 'x-nf-request-id': '01HX', 'content-type': 'text/html' },
  body: '<!doctype html><html><head><title>Password protected site</title></head><body><form method="post" action="/.netlify/functions/auth"><input type="password" name="password"><button>Submit</button></form></body></html>',
};

const STOCK_401 =
  '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const nginx401 = {
  status: 401,
  headers: { server: 'nginx', 'content-type': 'text/html' },
  body: STOCK_401,
};

checkTable(gateway, 'layer.gateway', {
  finds: [
    {
      name: "nginx's stock 401 (auth_request, a map on a header), the same without the key",
      reply: nginx401,
      probes: { 'without-credential': nginx401 },
      confidence: 'attributed',
      evidence: [/nginx's own stock page/, /the very same answer without the key/],
      data: { layer: 'nginx' },
    },
    {
      name: 'gw-06: API Gateway, x-amz-apigw-id',
      reply: {
        status: 403,
        headers: { 'x-amz-apigw-id': 'abc=', 'x-amzn-requestid': 'r' },
        body: { message: 'Forbidden' },
      },
      evidence: [/AWS API Gateway answered \(header x-amz-apigw-id\)/],
    },
    {
      name: 'gw-01: Kong',
      reply: {
        status: 401,
        headers: { 'x-kong-request-id': 'k' },
        body: { message: 'No API key found in request' },
      },
    },
    {
      name: "issue 14: Vercel's protection page, the same without the key and in every other place",
      reply: VERCEL_LOGIN,
      probes: { 'without-credential': VERCEL_LOGIN },
      alternatives: [{ spot: XAPI, reply: VERCEL_LOGIN }],
      confidence: 'attributed',
      evidence: [/from Vercel \(header x-vercel-id\)/, /the very same page without the key/],
      data: { layer: 'Vercel' },
    },
    {
      name: "issue 14: Vercel's protection page, offline (no probe): the platform's own sign-in form tells",
      reply: VERCEL_LOGIN,
      data: { layer: 'Vercel' },
    },
    {
      name: 'issue 14: Netlify password protection (x-nf-request-id), every placement alike',
      reply: NETLIFY_401,
      alternatives: [
        { spot: XAPI, reply: NETLIFY_401 },
        { spot: { in: 'header', name: 'apikey', scheme: null }, reply: NETLIFY_401 },
      ],
      data: { layer: 'Netlify' },
    },
  ],
  ok: [
    {
      name: "issue 14: OpenAI's \"You didn't provide an API key\" relayed by nginx from another host: the API's words, not a gateway's",
      provider: 'openai',
      providerBy: 'key',
      url: 'https://llm.corp.test/v1/models',
      reply: {
        status: 401,
        headers: { server: 'nginx' },
        body: {
          error: {
            message:
              "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          },
        },
      },
      probes: {
        'without-credential': {
          status: 401,
          headers: { server: 'nginx' },
          body: {
            error: {
              message:
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            },
          },
        },
      },
    },
    {
      name: 'issue 14: a JSON 401 from an API hosted on Vercel that reads the key (another answer without it)',
      reply: {
        status: 401,
        headers: { 'x-vercel-id': 'fra1::x' },
        body: { error: 'Invalid API key' },
      },
      probes: {
        'without-credential': {
          status: 401,
          headers: { 'x-vercel-id': 'fra1::y' },
          body: { error: 'API key required' },
        },
      },
    },
    {
      name: 'a stock 401 that differs without the key: something read the key',
      reply: nginx401,
      probes: { 'without-credential': { ...nginx401, body: 'no' } },
    },
    {
      name: 'a stock 401 at the provider host itself: its own edge, not a layer in front',
      provider: 'openai',
      url: 'https://api.openai.com/v1/models',
      reply: nginx401,
      probes: { 'without-credential': nginx401 },
    },
    {
      name: "Azure OpenAI's own APIM id and its subscription-key wording: the API, not a layer",
      provider: 'azure-openai',
      spot: { in: 'header', name: 'api-key', scheme: null },
      reply: {
        status: 401,
        headers: { 'apim-request-id': 'a-1' },
        body: {
          error: {
            code: '401',
            message:
              'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
          },
        },
      },
    },
    {
      name: 'Azure OpenAI speaking of its subscription key, no APIM header: still the API',
      provider: 'azure-openai',
      spot: { in: 'header', name: 'api-key', scheme: null },
      reply: {
        status: 401,
        body: { error: { code: '401', message: 'Access denied due to invalid subscription key.' } },
      },
    },
    {
      name: 'x-amzn-ErrorType and x-amzn-RequestId alone: every AWS service sends them',
      reply: {
        status: 403,
        headers: { 'x-amzn-errortype': 'InvalidSignatureException', 'x-amzn-requestid': 'r-1' },
        body: {
          message: 'Signature expired: 20260115T115500Z is now earlier than 20260115T120500Z',
        },
      },
    },
    {
      name: 'AWS STS-style 403 InvalidClientTokenId',
      reply: {
        status: 403,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'r-1' },
        body: '<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>',
      },
    },
    {
      name: 'Discord-style 403 "Missing Permissions" on a loopback URL: Bearer elsewhere gives 401, yet no credential was missing',
      provider: 'discord',
      providerBy: 'flag',
      url: 'http://127.0.0.1:8080/api/v10/users/@me',
      spot: { in: 'header', name: 'Authorization', scheme: 'Bot' },
      reply: { status: 403, body: { message: 'Missing Permissions', code: 50013 } },
      probes: { 'without-credential': { status: 401, body: { message: '401: Unauthorized' } } },
      alternatives: [
        {
          spot: { in: 'header', name: 'Authorization', scheme: 'Bearer' },
          reply: { status: 401, body: { message: '401: Unauthorized', code: 0 } },
        },
      ],
    },
    {
      name: 'Google-style 403 "Please use API Key or other form of API consumer identity": the API',
      spot: { in: 'header', name: 'Authorization', scheme: 'Bearer' },
      reply: {
        status: 403,
        body: {
          error: {
            code: 403,
            message:
              "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
            status: 'PERMISSION_DENIED',
          },
        },
      },
    },
  ],
});
