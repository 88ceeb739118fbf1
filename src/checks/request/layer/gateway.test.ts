import { describe, expect, it } from 'vitest';
import { layerFindings } from '../../../findings/catalog/layer.js';
import type { FindingData } from '../../../findings/types.js';
import type { RequestEvidence } from '../../../evidence/request.js';
import { gateway } from './gateway.js';
import { checkTable, evidenceOf, VERCEL_LOGIN, type Scenario } from '../test-helpers.js';

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

const BASIC_FROM_NGINX = {
  status: 401,
  headers: {
    server: 'nginx',
    'content-type': 'text/plain',
    'www-authenticate': 'Basic realm="Restricted"',
  },
  body: 'Unauthorized',
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
    {
      name: 'nginx in front challenging for Basic while the key went in x-api-key: said where it went',
      spot: XAPI,
      reply: BASIC_FROM_NGINX,
      evidence: [/challenges for Basic \(realm "Restricted"\) while the key went as x-api-key: …/],
    },
    {
      name: 'nginx in front challenging for Basic while the key went as a query parameter',
      spot: { in: 'query', name: 'key' },
      reply: BASIC_FROM_NGINX,
      evidence: [/while the key went as \?key=…/],
    },
  ],
  ok: [
    {
      name: 'nginx challenging for Basic where the key went as Basic: it asks for what was sent',
      spot: { in: 'header', name: 'Authorization', scheme: 'Basic' },
      reply: BASIC_FROM_NGINX,
    },
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

// ------------------------------------------------------------------ issue 14: the fix names the gateway

const STOCK_403 =
  '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const nginxDeny = {
  status: 403,
  headers: { server: 'nginx', 'content-type': 'text/html' },
  body: STOCK_403,
};

const nginxBasic = {
  status: 401,
  headers: {
    server: 'nginx',
    'content-type': 'text/html',
    'www-authenticate': 'Basic realm="Staging"',
  },
  body: STOCK_401,
};

/** The finding's data, and its fix as the catalog words it. */
function judged(s: Scenario, ev = evidenceOf(s)): { data: FindingData; fix: string } {
  const f = gateway.run(ev).find((x) => x.id === 'layer.gateway');
  expect(f, 'no layer.gateway').toBeDefined();
  const data = f?.data ?? {};
  const spec = layerFindings['layer.gateway'];
  return { data, fix: typeof spec.fix === 'string' ? spec.fix : spec.fix(data) };
}

const WRONG = /the credential that nginx issues/i;

describe('layer.gateway: the kind of refusal and the fix that follows (issue 14)', () => {
  it('nginx `deny all`: a stock 403, no challenge, the same without the key → an access rule', () => {
    const { data, fix } = judged({
      url: 'http://127.0.0.1:8080/v1/items',
      reply: nginxDeny,
      probes: { 'without-credential': nginxDeny },
    });
    expect(data).toMatchObject({ layer: 'nginx', refusal: 'access-rule', at: '127.0.0.1:8080' });
    expect(fix).toMatch(/access rule/);
    expect(fix).toMatch(/allow-list of client addresses/);
    expect(fix).toMatch(/^The layer in front \(nginx at 127\.0\.0\.1:8080\) refuses/);
    expect(fix).not.toMatch(WRONG);
  });

  it('nginx Basic realm "Staging" while a Bearer key went: the realm names the login wanted', () => {
    const { data, fix } = judged({
      reply: nginxBasic,
      probes: { 'without-credential': nginxBasic },
    });
    expect(data).toMatchObject({
      layer: 'nginx',
      refusal: 'challenge',
      scheme: 'Basic',
      realm: 'Staging',
      keyIn: 'authorization',
    });
    expect(fix).toMatch(/its own Basic login, realm "Staging"/);
    expect(fix).toMatch(/curl -u user:pass/);
    expect(fix).toMatch(/another header than Authorization/);
    expect(fix).not.toMatch(WRONG);
  });

  it('a Basic realm with the key in x-api-key: the login is added, the key stays where it is', () => {
    const { data, fix } = judged({
      spot: XAPI,
      reply: nginxBasic,
      probes: { 'without-credential': nginxBasic },
    });
    expect(data).toMatchObject({ refusal: 'challenge', realm: 'Staging', keyIn: 'x-api-key' });
    expect(fix).not.toMatch(/another header than Authorization/);
  });

  it("nginx auth_request's stock 401 with a Bearer challenge: the gateway's own token", () => {
    const reply = {
      ...nginx401,
      headers: { ...nginx401.headers, 'www-authenticate': 'Bearer realm="gateway"' },
    };
    const { data, fix } = judged({ spot: XAPI, reply, probes: { 'without-credential': reply } });
    expect(data).toMatchObject({ refusal: 'challenge', scheme: 'Bearer', realm: 'gateway' });
    expect(fix).toMatch(/its own Bearer credential, realm "gateway"/);
  });

  it('a bare stock 401 (a map on a header): the layer checks something of its own', () => {
    const { data, fix } = judged({ reply: nginx401, probes: { 'without-credential': nginx401 } });
    expect(data).toMatchObject({ layer: 'nginx', refusal: 'stock' });
    expect(fix).toMatch(/its own stock page/);
    expect(fix).not.toMatch(WRONG);
  });

  it("Vercel's protection page: a sign-in page, not a key to issue", () => {
    const { data, fix } = judged({
      reply: VERCEL_LOGIN,
      probes: { 'without-credential': VERCEL_LOGIN },
    });
    expect(data).toMatchObject({ layer: 'Vercel', refusal: 'sign-in' });
    expect(fix).toMatch(/sign-in page/);
  });

  it('Azure API Management without its subscription key: names the header', () => {
    const { data, fix } = judged({
      reply: {
        status: 401,
        headers: { 'apim-request-id': 'r-1' },
        body: {
          statusCode: 401,
          message:
            'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
        },
      },
    });
    expect(data).toMatchObject({ layer: 'Azure API Management', refusal: 'subscription-key' });
    expect(fix).toMatch(/Ocp-Apim-Subscription-Key/);
  });

  it('Kong key-auth: its own key (the credential it issues)', () => {
    const { data, fix } = judged({
      reply: {
        status: 401,
        headers: { 'x-kong-request-id': 'k' },
        body: { message: 'No API key found in request' },
      },
    });
    expect(data).toMatchObject({ layer: 'Kong', refusal: 'own-key' });
    expect(fix).toMatch(/the credential that Kong issues/);
  });

  it("squid's own 403 (http_access deny): the proxy by its own address and Via, the API's apart", () => {
    const reply = {
      status: 403,
      headers: {
        server: 'squid/6.13',
        'x-squid-error': 'ERR_ACCESS_DENIED 0',
        via: '1.1 corp-proxy (squid/6.13)',
        'content-type': 'text/html',
      },
      body: '<html><head><title>ERROR: The requested URL could not be retrieved</title></head><body><h1>ERROR</h1><h2>The requested URL could not be retrieved</h2><p>Access control configuration prevents your request from being allowed at this time.</p></body></html>',
    };
    const ev = throughProxy({
      url: 'http://api.example.test/v1/items',
      reply,
      probes: { 'without-credential': reply },
    });
    const { data, fix } = judged({ reply }, ev);
    expect(data).toMatchObject({
      layer: 'squid',
      refusal: 'access-rule',
      at: '10.0.0.5:3128',
      api: 'api.example.test',
    });
    expect(fix).toMatch(/^The proxy squid at 10\.0\.0\.5:3128 \(Via: 1\.1 corp-proxy/);
    expect(fix).toMatch(
      /between you and the API at api\.example\.test, refuses by its own access rule/,
    );
    expect(fix).not.toMatch(/squid at api\.example\.test/);
  });

  it('an answer squid relayed (its Via only): the host behind it answered, not squid', () => {
    const reply = {
      ...nginxBasic,
      headers: { ...nginxBasic.headers, via: '1.1 corp-proxy (squid/6.13)' },
    };
    const ev = throughProxy({
      url: 'http://staging.example.test/v1/items',
      reply,
      probes: { 'without-credential': reply },
    });
    const { data, fix } = judged({ reply }, ev);
    expect(data).toMatchObject({ layer: 'nginx', realm: 'Staging', at: 'staging.example.test' });
    expect(data['api']).toBeUndefined();
    expect(fix).not.toMatch(/squid/);
  });
});

/** The scenario sent through a forward proxy at 10.0.0.5:3128. */
function throughProxy(s: Scenario): RequestEvidence {
  const base = evidenceOf(s);
  return {
    ...base,
    proxy: { url: new URL('http://10.0.0.5:3128'), from: 'HTTP_PROXY' },
    final: { ...base.final, viaProxy: true },
  };
}

const KONG_NO_KEY = {
  status: 401,
  headers: { 'x-kong-request-id': 'k1', 'cf-ray': 'r-1' },
  body: { message: 'No API key found in request' },
};

const MISTRAL_UNAUTHORIZED = {
  status: 401,
  headers: { 'x-kong-request-id': 'k2', 'cf-ray': 'r-2' },
  body: { message: 'Unauthorized', request_id: '2f8a7c1e9b3d4a5f' },
};

describe("the provider's own documented answer through the gateway it runs (issue 14)", () => {
  it('Mistral\'s "Unauthorized" with Kong\'s headers, another answer without the key: the API read it, no layer.gateway', () => {
    const ev = evidenceOf({
      provider: 'mistral',
      providerBy: 'flag',
      url: 'http://127.0.0.1:8080/v1/models',
      reply: MISTRAL_UNAUTHORIZED,
      probes: { 'without-credential': KONG_NO_KEY },
    });
    expect(gateway.run(ev)).toEqual([]);
  });

  it('the same Kong answer with and without the key: a layer in front of its own (layer.gateway)', () => {
    const ev = evidenceOf({
      provider: 'mistral',
      providerBy: 'flag',
      url: 'http://127.0.0.1:8080/v1/models',
      reply: MISTRAL_UNAUTHORIZED,
      probes: { 'without-credential': MISTRAL_UNAUTHORIZED },
    });
    expect(gateway.run(ev).map((f) => f.id)).toEqual(['layer.gateway']);
  });

  it('an undocumented answer with Kong headers that changes with the key: still a gateway', () => {
    const ev = evidenceOf({
      provider: 'mistral',
      providerBy: 'flag',
      url: 'http://127.0.0.1:8080/v1/models',
      reply: { ...MISTRAL_UNAUTHORIZED, body: { message: 'Invalid authentication credentials' } },
      probes: { 'without-credential': KONG_NO_KEY },
    });
    expect(gateway.run(ev).map((f) => f.id)).toEqual(['layer.gateway']);
  });
});
