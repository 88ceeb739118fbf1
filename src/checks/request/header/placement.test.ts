import { headerPlacement } from './placement.js';
import { checkTable, sampleKey, VERCEL_LOGIN, type Case } from '../test-helpers.js';

const RAW = { in: 'header', name: 'Authorization', scheme: null } as const;

const XAPI = { in: 'header', name: 'x-api-key', scheme: null } as const;

const LOWER_BEARER = { in: 'header', name: 'Authorization', scheme: 'bearer' } as const;

const CF_PAGE = {
  status: 403,
  headers: { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-FRA', 'content-type': 'text/html' },
  body: '<!doctype html><html><head><title>Authentication Required</title></head><body><h1>Authentication required</h1><p>Sign in with your identity provider to reach this application.</p></body></html>',
};

const DRF_403 = { status: 403, body: { detail: 'Authentication credentials were not provided.' } };

const headerCases: { finds: Case[]; ok: Case[] } = {
  finds: [
    {
      name: 'Postmark: the server token in the account-token header (documented for other endpoints), refused; in the server-token header, accepted',
      provider: 'postmark',
      providerBy: 'flag',
      spot: { in: 'header', name: 'X-Postmark-Account-Token', scheme: null },
      reply: {
        status: 401,
        body: { ErrorCode: 10, Message: 'Request does not contain a valid Server token.' },
      },
      probes: { 'expected-placement': { status: 200, body: { ID: 1 } } },
      confidence: 'confirmed',
      evidence: [/X-Postmark-Server-Token: …: accepted \(200\)/],
      data: { expectedHeader: 'X-Postmark-Server-Token', sentHeader: 'X-Postmark-Account-Token' },
    },
    {
      name: '401 "Missing X-Auth-Token header" to a Bearer token: names the header',
      reply: { status: 401, body: { message: 'Missing X-Auth-Token header' } },
      confidence: 'attributed',
      evidence: [/names the header X-Auth-Token/],
      data: { expectedHeader: 'X-Auth-Token', sentHeader: 'Authorization' },
    },
    {
      name: 'a body that names the api-key header in quotes',
      reply: {
        status: 401,
        body: { error: "Access denied: send your key in the header 'api-key'" },
      },
      data: { expectedHeader: 'api-key' },
    },
    {
      name: 'DRF 403 "credentials were not provided" (no proxy in front): not read where it was put',
      reply: DRF_403,
      confidence: 'attributed',
      evidence: [/says no credential arrived/, /does not read the key there/],
      data: { expectedHeader: null, sentHeader: 'Authorization' },
    },
    {
      name: 'the same, with the common placements tried and refused alike',
      reply: DRF_403,
      alternatives: [{ spot: XAPI, reply: DRF_403 }],
      evidence: [/tried elsewhere: x-api-key: … → 403/],
    },
    {
      name: 'an OpenAI-shaped key (provider known from the key only) on a server that wants X-Auth-Token',
      key: sampleKey('openai', 0),
      provider: 'openai',
      providerBy: 'key',
      reply: { status: 401, body: { message: 'Missing X-Auth-Token header' } },
      data: { expectedHeader: 'X-Auth-Token' },
    },
    {
      name: "hd-01: ElevenLabs' host, Bearer sent where it reads xi-api-key; the documented placement accepted",
      provider: 'elevenlabs',
      url: 'https://api.elevenlabs.io/v1/user',
      reply: {
        status: 401,
        body: { detail: { status: 'needs_authorization', message: 'Missing xi-api-key header' } },
      },
      probes: { 'expected-placement': { status: 200, body: { user_id: 'u' } } },
      confidence: 'confirmed',
      data: { expectedHeader: 'xi-api-key' },
    },
    {
      name: 'hd-02: the key in x-api-key where the server reads Authorization (an alternative shows it)',
      spot: XAPI,
      reply: { status: 401, body: { detail: 'Not authenticated' } },
      alternatives: [
        {
          spot: { in: 'header', name: 'Authorization', scheme: 'Bearer' },
          reply: { status: 401, body: { detail: 'Invalid token' } },
        },
      ],
      confidence: 'definitive',
    },
    {
      name: 'issue 14: a bare 401 "Unauthorized", the very same without any credential: not read there (a guess)',
      reply: { status: 401, body: { error: 'Unauthorized' } },
      probes: { 'without-credential': { status: 401, body: { error: 'Unauthorized' } } },
      confidence: 'heuristic',
      evidence: [/without any credential the very same answer/],
    },
    {
      name: 'issue 14: "no credential" in every placement tried: only a guess (heuristic)',
      reply: { status: 401, body: { detail: 'Not authenticated' } },
      alternatives: [
        { spot: XAPI, reply: { status: 401, body: { detail: 'Not authenticated' } } },
        {
          spot: { in: 'header', name: 'apikey', scheme: null },
          reply: { status: 401, body: { detail: 'Not authenticated' } },
        },
      ],
      confidence: 'heuristic',
      evidence: [/the very same answer everywhere/],
    },
  ],
  ok: [
    {
      name: 'issue 14: 403 "Missing required scopes" with the key, 401 without it: the key was read where it went',
      reply: {
        status: 403,
        body: {
          error: { code: 'missing_scopes', message: 'Missing required scopes: secrets.read' },
        },
      },
      probes: {
        'without-credential': { status: 401, body: { message: 'Authentication required' } },
      },
    },
    {
      name: 'issue 14: Netlify\'s site password (Basic realm "Netlify", x-nf-request-id) refuses every placement alike: who answers, not where',
      spot: { in: 'header', name: 'x-api-key', scheme: null },
      reply: {
        status: 401,
        headers: {
          'content-type': 'text/plain',
          server: 'Netlify',
          'x-nf-request-id': '01J0',
          'www-authenticate': 'Basic realm="Netlify"',
        },
        body: 'Unauthorized',
      },
      probes: {
        'without-credential': {
          status: 401,
          headers: {
            'content-type': 'text/plain',
            server: 'Netlify',
            'x-nf-request-id': '01J0',
            'www-authenticate': 'Basic realm="Netlify"',
          },
          body: 'Unauthorized',
        },
      },
    },
    {
      name: 'API Gateway "Missing Authentication Token" is an unmatched route, not a lost key',
      reply: { status: 403, body: { message: 'Missing Authentication Token' } },
    },
    {
      name: 'the answer names the header the key was sent in',
      spot: XAPI,
      reply: { status: 401, body: { error: 'invalid x-api-key header' } },
    },
    {
      name: 'an Anthropic-style body naming anthropic-version (not a credential header)',
      provider: 'anthropic',
      url: 'https://api.anthropic.com/v1/messages',
      spot: XAPI,
      reply: { status: 400, body: { error: { message: 'anthropic-version: header is required' } } },
    },
    {
      name: 'a bare Bearer challenge to a Bearer token: the server asks for what it got',
      reply: { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: '' },
    },
    {
      name: '"not provided" behind a proxy that announces itself (net.proxy-strips-auth tells)',
      reply: { ...DRF_403, headers: { via: '1.1 edge-proxy' } },
    },
    {
      name: 'a 401 that blames the key',
      reply: { status: 401, body: { error: 'Invalid API key' } },
    },
    {
      name: 'accepted',
      reply: { status: 200, body: { data: [] } },
    },
    {
      name: "issue 14: every placement refused alike by Vercel's protection page: who answers is the platform",
      reply: VERCEL_LOGIN,
      probes: { 'without-credential': VERCEL_LOGIN },
      alternatives: [
        { spot: XAPI, reply: VERCEL_LOGIN },
        { spot: { in: 'header', name: 'apikey', scheme: null }, reply: VERCEL_LOGIN },
      ],
    },
    {
      name: 'issue 14: an HTML "Authentication Required" page behind Cloudflare, every placement alike',
      reply: CF_PAGE,
      alternatives: [{ spot: XAPI, reply: CF_PAGE }],
    },
    {
      name: 'issue 14: "Invalid API key", the same without the key: the words blame the key (credential.invalid, a candidate)',
      reply: { status: 401, body: { error: 'Invalid API key' } },
      probes: { 'without-credential': { status: 401, body: { error: 'Invalid API key' } } },
    },
  ],
};

checkTable(headerPlacement, 'header.wrong-name', headerCases);

checkTable(headerPlacement, 'header.wrong-scheme', {
  finds: [
    {
      name: 'Atlassian: an API token (ATATT) as Bearer, which Atlassian keeps for OAuth tokens and admin keys',
      provider: 'atlassian',
      providerBy: 'flag',
      key: sampleKey('atlassian'),
      spot: { in: 'header', name: 'Authorization', scheme: 'Bearer' },
      reply: {
        status: 401,
        headers: { 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' },
        body: { message: 'Client must be authenticated to access this resource.' },
      },
      confidence: 'definitive',
      evidence: [/expects Authorization: Basic/],
    },
    {
      name: 'Linear: a personal key (lin_api_) as Bearer, which Linear keeps for OAuth tokens',
      provider: 'linear',
      key: sampleKey('linear'),
      spot: { in: 'header', name: 'Authorization', scheme: 'Bearer' },
      reply: {
        status: 400,
        body: {
          errors: [
            {
              message: 'Authentication required, not authenticated',
              extensions: { code: 'AUTHENTICATION_ERROR' },
            },
          ],
        },
      },
      evidence: [/expects Authorization/],
    },
    {
      name: 'WWW-Authenticate: Basic realm="api" to a Bearer token (no proxy or gateway signals)',
      reply: {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="api"' },
        body: 'Unauthorized',
      },
      confidence: 'attributed',
      evidence: [/challenges for Basic \(realm "api"\)/],
      data: { expectedScheme: 'Basic', sentScheme: 'Bearer' },
    },
    {
      name: 'hd-04: the raw key in Authorization, a bare Bearer challenge',
      spot: RAW,
      reply: {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="api"' },
        body: { detail: 'Not authenticated' },
      },
      data: { expectedScheme: 'Bearer' },
    },
    {
      name: 'DRF TokenAuthentication: WWW-Authenticate: Token to a Bearer token',
      reply: {
        status: 401,
        headers: { 'www-authenticate': 'Token' },
        body: { detail: 'Authentication credentials were not provided.' },
      },
      data: { expectedScheme: 'Token' },
    },
    {
      name: 'issue 14: `authorization: bearer` refused, `Bearer` accepted: the server compares the case',
      spot: LOWER_BEARER,
      reply: { status: 401, body: { error: 'Unauthorized' } },
      probes: { 'scheme-case': { status: 200, body: { data: [] } } },
      confidence: 'confirmed',
      evidence: [/accepted \(200\): the server compares the scheme case-sensitively/],
      data: { expectedScheme: 'Bearer', sentScheme: 'bearer' },
    },
    {
      name: 'issue 14: `BEARER`: "no token", and with `Bearer` "invalid token": the server reads Bearer only',
      spot: { in: 'header', name: 'Authorization', scheme: 'BEARER' },
      reply: { status: 401, body: { error: 'No token provided' } },
      probes: { 'scheme-case': { status: 401, body: { error: 'Invalid token' } } },
      confidence: 'definitive',
      data: { expectedScheme: 'Bearer' },
    },
    {
      name: 'issue 14: `token` (GitHub style) refused offline, no words: a candidate',
      spot: { in: 'header', name: 'Authorization', scheme: 'token' },
      reply: { status: 401, body: { message: 'Unauthorized' } },
      confidence: 'heuristic',
      data: { expectedScheme: 'Token' },
    },
  ],
  ok: [
    {
      name: 'issue 14: Traefik BasicAuth (Basic realm="traefik") to a Bearer key, the same without it: the layer\'s login, not "use Basic"',
      reply: {
        status: 401,
        headers: { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="traefik"' },
        body: '401 Unauthorized\n',
      },
      probes: {
        'without-credential': {
          status: 401,
          headers: { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="traefik"' },
          body: '401 Unauthorized\n',
        },
      },
    },
    {
      name: 'issue 14: `bearer` refused, and refused alike with `Bearer`: the case is not it',
      spot: LOWER_BEARER,
      reply: { status: 401, body: { error: 'Unauthorized' } },
      probes: { 'scheme-case': { status: 401, body: { error: 'Unauthorized' } } },
    },
    {
      name: 'issue 14: `bearer` and the words blame the key: the server read it',
      spot: LOWER_BEARER,
      reply: { status: 401, body: { error: 'Invalid API key' } },
    },
    {
      name: 'issue 14: `bearer` accepted',
      spot: LOWER_BEARER,
      reply: { status: 200, body: { data: [] } },
    },
    {
      name: 'a Basic challenge from nginx in front (layer.gateway tells)',
      reply: {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="x"', server: 'nginx' },
        body: 'Unauthorized',
      },
    },
    {
      name: 'a Basic challenge on an HTML page (a login of the layer in front)',
      reply: {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="x"', 'content-type': 'text/html' },
        body: '<html><body>401</body></html>',
      },
    },
    {
      name: 'a Basic challenge to Basic credentials',
      spot: { in: 'header', name: 'Authorization', scheme: 'Basic' },
      reply: { status: 401, headers: { 'www-authenticate': 'Basic realm="api"' }, body: '' },
    },
    {
      name: 'a Bearer challenge with error="invalid_token" read what it got',
      spot: RAW,
      reply: {
        status: 401,
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        body: '',
      },
    },
    {
      name: "a provider that takes Bearer, sent so: another challenge is a layer's business",
      provider: 'openai',
      url: 'https://api.openai.com/v1/models',
      reply: { status: 401, headers: { 'www-authenticate': 'Basic realm="proxy"' }, body: '' },
    },
  ],
});
