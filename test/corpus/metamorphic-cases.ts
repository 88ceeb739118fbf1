/**
 * Metamorphic groups (issue 14, "How to prove it"): one situation, several surface variants that
 * must all give the same cause: another provider, other wording of the error (synonyms), other
 * header-name casing, JSON vs plain-text body, 401 vs 403 where the situation is the same.
 */
import type { CorpusCase, ExpectedId, Reply, Rule } from './types.js';

const JSON_CT = { 'content-type': 'application/json' };
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const HTML = { 'content-type': 'text/html; charset=utf-8' };

const j = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { ...JSON_CT, ...headers },
  body: JSON.stringify(body),
});
const t = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { ...TEXT, ...headers },
  body,
});
const always = (reply: Reply): Rule => ({ when: [], reply });
const bearerOk: Rule = {
  when: [{ header: 'authorization', equals: 'Bearer {{KEY}}' }],
  reply: j(200, { ok: true }),
};

export interface MetamorphicGroup {
  readonly situation: string;
  readonly cause: ExpectedId;
  readonly variants: readonly CorpusCase[];
}

function variant(
  group: string,
  name: string,
  cause: ExpectedId,
  because: string,
  c: Omit<CorpusCase, 'id' | 'name' | 'expect' | 'source'> & {
    source?: string;
    alternatives?: readonly ExpectedId[];
  },
): CorpusCase {
  const { alternatives, source, ...rest } = c;
  return {
    id: `meta-${group}-${name}`,
    name: `${group}: ${name}`,
    source: source ?? 'issue 14, metamorphic variants',
    ...rest,
    expect: { status: 'rejected', cause, ...(alternatives ? { alternatives } : {}), because },
  };
}

// ------------------------------------------------------------------ 1. a proxy blanks Authorization
const STRIP = 'net.proxy-strips-auth';
const stripBecause = 'nginx in front removes Authorization; the API says no credential arrived';
const strip = (name: string, missing: Reply, provider?: string): CorpusCase =>
  variant('strip', name, STRIP, stripBecause, {
    front: 'nginx-strip',
    ...(provider ? { provider } : {}),
    key: { pattern: 'k_{alnum:40}' },
    request: { method: 'GET', path: '/v1/items', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: { rules: [bearerOk, always(missing)] },
    alternatives: ['layer.gateway'],
  });

// ------------------------------------------------------------------ 2. scheme not in canonical case
const SCHEME = 'header.wrong-scheme';
const schemeBecause =
  'the server compares the scheme exactly; the same token as "Bearer" is accepted';
const scheme = (
  name: string,
  header: string,
  value: string,
  refusal: Reply,
  provider?: string,
): CorpusCase =>
  variant('scheme-case', name, SCHEME, schemeBecause, {
    ...(provider ? { provider } : {}),
    key: { pattern: 'pat_{alnum:40}' },
    request: { method: 'GET', path: '/api/v1/me', headers: { [header]: value } },
    server: { rules: [bearerOk, always(refusal)] },
  });

// ------------------------------------------------------------------ 3. Bearer where an API-key header is read
const NAME = 'header.wrong-name';
const nameBecause = 'the API reads its own key header; the Bearer header is not looked at';
const wrongName = (
  name: string,
  keyHeader: string,
  header: string,
  missing: Reply,
  provider?: string,
): CorpusCase =>
  variant('wrong-name', name, NAME, nameBecause, {
    ...(provider ? { provider } : {}),
    key: { pattern: 'key_{alnum:40}' },
    request: { method: 'GET', path: '/v1/account', headers: { [header]: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        { when: [{ header: keyHeader, equals: '{{KEY}}' }], reply: j(200, { ok: true }) },
        always(missing),
      ],
    },
  });

// ------------------------------------------------------------------ 4. the provider says the key is invalid
const INVALID = 'credential.invalid';
const invalidBecause =
  'the key arrived as documented and the server says it is invalid; without it the answer differs';
const invalid = (
  name: string,
  header: string,
  refusal: Reply,
  missing: Reply,
  provider?: string,
): CorpusCase =>
  variant('invalid', name, INVALID, invalidBecause, {
    ...(provider ? { provider } : {}),
    key: { pattern: '{alnum:40}' },
    request: { method: 'GET', path: '/v1/models', headers: { [header]: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        { when: [{ header: 'authorization', absent: true }], reply: missing },
        always(refusal),
      ],
    },
  });

// ------------------------------------------------------------------ 5. a hosting/SSO protection page answers
const LAYER = 'layer.gateway';
const layerBecause =
  'a sign-in page of the layer in front answers alike for every placement: the API never saw the call';
const protection = (name: string, reply: Reply): CorpusCase =>
  variant('protection', name, LAYER, layerBecause, {
    key: { pattern: 'sk_{alnum:40}' },
    request: { method: 'GET', path: '/api/items', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: { rules: [always(reply)] },
    alternatives: ['status.login-redirect'],
  });
const signInPage = (title: string, text: string): string =>
  `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p><form method="post" action="/login"><input name="password" type="password"><button>Continue</button></form></body></html>`;

// ------------------------------------------------------------------ 6. a redirect to another host
const REDIRECT = 'net.redirect-drops-auth';
const redirectBecause = 'the URL redirects to another host; the credential is dropped on that hop';
const redirect = (name: string, status: number, missing: Reply): CorpusCase =>
  variant('redirect', name, REDIRECT, redirectBecause, {
    key: { pattern: 'live_{alnum:40}' },
    request: { method: 'GET', path: '/v2/items', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [always({ status, headers: { location: '{{ALT_ORIGIN}}/v2/items/' }, body: '' })],
    },
    alt: { rules: [bearerOk, always(missing)] },
  });

// ------------------------------------------------------------------ 7. valid key, scope missing
const SCOPE = 'credential.insufficient-scope';
const scopeBecause =
  'the key is known (no-key answer differs) and the server names a permission it lacks';
const scope = (name: string, refusal: Reply, provider?: string): CorpusCase =>
  variant('scope', name, SCOPE, scopeBecause, {
    ...(provider ? { provider } : {}),
    key: { pattern: 'ak_{alnum:40}' },
    request: {
      method: 'GET',
      path: '/v1/projects/42/secrets',
      headers: { Authorization: 'Bearer {{KEY}}' },
    },
    server: {
      rules: [
        {
          when: [{ header: 'authorization', absent: true }],
          reply: j(401, { message: 'Authentication required' }),
        },
        always(refusal),
      ],
    },
    alternatives: ['status.forbidden'],
  });

// ------------------------------------------------------------------ 8. billing, not the key
const QUOTA = 'status.quota-exceeded';
const quotaBecause = 'the account has no credit left; the key is fine';
const quota = (name: string, refusal: Reply, provider?: string): CorpusCase =>
  variant('quota', name, QUOTA, quotaBecause, {
    ...(provider ? { provider } : {}),
    key: { pattern: 'sk-{alnum:48}' },
    request: { method: 'GET', path: '/v1/models', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        {
          when: [{ header: 'authorization', absent: true }],
          reply: j(401, { error: { message: 'Missing bearer token' } }),
        },
        always(refusal),
      ],
    },
  });

// ------------------------------------------------------------------ 9. quotes kept around the key
const QUOTED = 'key.quoted';
const quotedBecause = 'the value carries the quotes of the file it came from';
const quoted = (
  name: string,
  before: string,
  after: string,
  provider: string,
  pattern: string,
): CorpusCase =>
  variant('quoted', name, QUOTED, quotedBecause, {
    provider,
    key: { pattern, wrap: { before, after } },
    request: { method: 'GET', path: '/v1/models', headers: { Authorization: 'Bearer {{KEY}}' } },
    server: {
      rules: [
        {
          when: [{ header: 'authorization', equals: 'Bearer {{KEY_CLEAN}}' }],
          reply: j(200, { data: [] }),
        },
        always(j(401, { error: { message: 'Invalid API Key', code: 'invalid_api_key' } })),
      ],
    },
  });

export const GROUPS: readonly MetamorphicGroup[] = [
  {
    situation: 'a reverse proxy blanks Authorization',
    cause: STRIP,
    variants: [
      strip(
        'openai-wording',
        j(401, {
          error: {
            message: "You didn't provide an API key.",
            type: 'invalid_request_error',
            code: null,
          },
        }),
      ),
      strip('missing-api-key', j(401, { error: 'Missing API key' })),
      strip('no-credentials-provided', j(401, { detail: 'No credentials provided' })),
      strip('authorization-required', j(401, { message: 'Authorization header is required' })),
      strip('plain-text', t(401, 'Unauthorized: no token provided')),
      strip('403-not-provided', j(403, { message: 'API key not provided' })),
      strip(
        'groq-provider',
        j(401, {
          error: {
            message: 'Missing API key',
            type: 'invalid_request_error',
            code: 'missing_api_key',
          },
        }),
        'groq',
      ),
    ],
  },
  {
    situation: 'the scheme is not in its canonical case',
    cause: SCHEME,
    variants: [
      scheme('lower', 'authorization', 'bearer {{KEY}}', j(401, { error: 'unauthorized' })),
      scheme('upper-name', 'AUTHORIZATION', 'bearer {{KEY}}', j(401, { error: 'unauthorized' })),
      scheme('upper-scheme', 'Authorization', 'BEARER {{KEY}}', j(401, { error: 'unauthorized' })),
      scheme('plain-text', 'authorization', 'bearer {{KEY}}', t(401, 'Unauthorized')),
      scheme(
        '403',
        'authorization',
        'bearer {{KEY}}',
        j(403, { error: 'forbidden', message: 'invalid token' }),
      ),
      scheme(
        'mistral',
        'authorization',
        'bearer {{KEY}}',
        j(401, { message: 'Unauthorized', request_id: 'abc123' }),
        'mistral',
      ),
    ],
  },
  {
    situation: 'Bearer sent to an API that reads its own key header',
    cause: NAME,
    variants: [
      wrongName(
        'anthropic',
        'x-api-key',
        'Authorization',
        j(401, {
          type: 'error',
          error: { type: 'authentication_error', message: 'x-api-key header is required' },
        }),
        'anthropic',
      ),
      wrongName(
        'generic-x-api-key',
        'x-api-key',
        'Authorization',
        j(401, { message: 'x-api-key header is required' }),
      ),
      wrongName(
        'upper-header',
        'x-api-key',
        'AUTHORIZATION',
        j(401, { message: 'x-api-key header is required' }),
      ),
      wrongName(
        'postmark',
        'x-postmark-server-token',
        'Authorization',
        j(401, {
          ErrorCode: 10,
          Message:
            'No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.',
        }),
        'postmark',
      ),
      wrongName(
        'elevenlabs',
        'xi-api-key',
        'Authorization',
        j(401, {
          detail: {
            status: 'needs_authorization',
            message: 'Neither authorization header nor xi-api-key received, please provide one.',
          },
        }),
        'elevenlabs',
      ),
      wrongName('plain-text', 'x-api-key', 'Authorization', t(401, 'Missing x-api-key header')),
      wrongName(
        '403',
        'x-api-key',
        'Authorization',
        j(403, { message: 'Missing API key header x-api-key' }),
      ),
    ],
  },
  {
    situation: 'the provider says the key sent is invalid',
    cause: INVALID,
    variants: [
      invalid(
        'cohere',
        'Authorization',
        j(401, { message: 'invalid api token' }),
        j(401, { message: 'no api key supplied' }),
        'cohere',
      ),
      invalid(
        'invalid-api-key',
        'Authorization',
        j(401, { error: 'Invalid API key' }),
        j(401, { error: 'API key required' }),
      ),
      invalid(
        'not-valid',
        'Authorization',
        j(401, { error: { message: 'The API key you provided is not valid.' } }),
        j(401, { error: { message: 'Please provide an API key.' } }),
      ),
      invalid(
        'revoked',
        'Authorization',
        j(401, { error: 'token_revoked', message: 'This token has been revoked.' }),
        j(401, { error: 'not_authenticated' }),
      ),
      invalid('plain-text', 'Authorization', t(401, 'Invalid API key'), t(401, 'API key required')),
      invalid(
        '403',
        'Authorization',
        j(403, { error: 'Invalid API key' }),
        j(401, { error: 'API key required' }),
      ),
      invalid(
        'upper-header',
        'AUTHORIZATION',
        j(401, { message: 'invalid api token' }),
        j(401, { message: 'no api key supplied' }),
        'cohere',
      ),
    ],
  },
  {
    situation: 'a hosting or SSO protection page answers instead of the app',
    cause: LAYER,
    variants: [
      protection('vercel-401', {
        status: 401,
        headers: { ...HTML, server: 'Vercel', 'x-vercel-id': 'fra1::abc-1718000000000-0f1e2d3c' },
        body: signInPage('Authentication Required', 'Vercel Authentication'),
      }),
      protection('vercel-403', {
        status: 403,
        headers: { ...HTML, server: 'Vercel', 'x-vercel-id': 'fra1::abc-1718000000001-0f1e2d3d' },
        body: signInPage('Authentication Required', 'Vercel Authentication'),
      }),
      protection('netlify-password', {
        status: 401,
        headers: { ...HTML, server: 'Netlify', 'x-nf-request-id': '01J0ABCDEF' },
        body: signInPage('Password protected site', 'Enter the password to continue'),
      }),
      protection('sso-proxy-sign-in', {
        status: 403,
        headers: HTML,
        body: signInPage('Sign In', 'Sign in with your company account'),
      }),
      protection('sso-proxy-log-in-401', {
        status: 401,
        headers: HTML,
        body: signInPage('Log in to continue', 'Single sign-on required'),
      }),
    ],
  },
  {
    situation: 'a redirect to another host drops the credential',
    cause: REDIRECT,
    variants: [
      redirect('301', 301, j(401, { message: 'Authorization header missing' })),
      redirect('302', 302, j(401, { message: 'Authorization header missing' })),
      redirect('307', 307, j(401, { detail: 'Not authenticated' })),
      redirect('308', 308, t(401, 'Unauthorized')),
      redirect('308-403', 308, j(403, { detail: 'Not authenticated' })),
    ],
  },
  {
    situation: 'the key is valid but lacks a permission the server names',
    cause: SCOPE,
    variants: [
      scope(
        'insufficient-scope',
        j(
          403,
          {
            error: 'insufficient_scope',
            error_description:
              'The request requires higher privileges than provided by the access token.',
          },
          { 'www-authenticate': 'Bearer error="insufficient_scope", scope="secrets:read"' },
        ),
      ),
      scope(
        'missing-permission',
        j(403, { message: 'Your token does not have the required permission: secrets:read' }),
      ),
      scope(
        'missing-scopes',
        j(403, {
          error: { code: 'missing_scopes', message: 'Missing required scopes: secrets.read' },
        }),
      ),
      scope('plain-text', t(403, 'Insufficient permissions for this operation')),
      scope(
        '401-restricted',
        j(401, {
          name: 'restricted_api_key',
          message: 'This API key is restricted to only send emails.',
        }),
      ),
    ],
  },
  {
    situation: 'billing, not the key',
    cause: QUOTA,
    variants: [
      quota(
        'openrouter-402',
        j(402, {
          error: {
            message: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
            code: 402,
          },
        }),
        'openrouter',
      ),
      quota(
        'insufficient-quota-429',
        j(429, {
          error: {
            message: 'You exceeded your current quota, please check your plan and billing details.',
            type: 'insufficient_quota',
            code: 'insufficient_quota',
          },
        }),
      ),
      quota(
        'credit-balance-400',
        j(400, {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message:
              'Your credit balance is too low to access the API. Please go to Plans & Billing to upgrade or purchase credits.',
          },
        }),
      ),
      quota(
        'balance-402',
        j(402, { error: { message: 'Insufficient Balance', type: 'unknown_error' } }),
      ),
      quota('plain-text-402', t(402, 'Payment required: your account has no remaining credits')),
    ],
  },
  {
    situation: 'quotes kept around the key',
    cause: QUOTED,
    variants: [
      quoted('groq-single', "'", "'", 'groq', 'gsk_{alnum:52}'),
      quoted('groq-double', '"', '"', 'groq', 'gsk_{alnum:52}'),
      quoted('mistral-double', '"', '"', 'mistral', '{alnum:32}'),
      quoted('together-backticks', '`', '`', 'together', 'tgp_v1_{b64url:43}'),
      quoted('cohere-typographic', '\u201c', '\u201d', 'cohere', '{alnum:40}'),
    ],
  },
];

export const METAMORPHIC: readonly CorpusCase[] = GROUPS.flatMap((g) => g.variants);
