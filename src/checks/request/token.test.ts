import { randomBytes } from 'node:crypto';
import { tokenWrongAudience, tokenWrongIssuer } from './token.js';
import { checkTable, KEY } from './test-helpers.js';

const b64u = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: object) =>
  `${b64u({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64u(claims)}.${randomBytes(32).toString('base64url')}`;

const localRealm = 'http://localhost:8080/realms/dev';
const token = jwt({ iss: localRealm, sub: 'u-1', aud: 'billing-api', azp: 'web' });
const text = (status: number, body: string, challenge?: string) => ({
  status,
  headers: {
    'content-type': 'text/plain',
    ...(challenge ? { 'www-authenticate': challenge } : {}),
  },
  body,
});
const envoyChallenge = 'Bearer realm="http://orders.internal/orders", error="invalid_token"';

checkTable(tokenWrongIssuer, 'token.wrong-issuer', {
  finds: [
    {
      name: 'Envoy/Istio jwt_authn: "Jwt issuer is not configured"',
      key: token,
      reply: text(401, 'Jwt issuer is not configured', envoyChallenge),
      confidence: 'attributed',
      evidence: [/Jwt issuer is not configured/, `the token's iss is ${localRealm}`],
      data: { iss: localRealm },
    },
    {
      name: 'Spring Security: "The iss claim is not valid" in the challenge',
      key: token,
      reply: text(
        401,
        '',
        'Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: The iss claim is not valid", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"',
      ),
    },
    {
      name: 'express-jwt: "jwt issuer invalid. expected: …"',
      key: token,
      reply: {
        status: 401,
        body: { message: 'jwt issuer invalid. expected: https://auth.acme.dev/' },
      },
      data: { expected: 'https://auth.acme.dev/' },
    },
    {
      name: 'ASP.NET: error_description="The issuer \'x\' is invalid"',
      key: token,
      reply: text(
        401,
        '',
        `Bearer error="invalid_token", error_description="The issuer '${localRealm}' is invalid"`,
      ),
    },
    {
      name: 'ASP.NET IDX10205 in a body',
      key: token,
      reply: {
        status: 401,
        body: { error: 'IDX10205: Issuer validation failed. Issuer: (null). Did not match.' },
      },
    },
    {
      name: 'Keycloak adapter: "Invalid token issuer. Expected \'http://keycloak:8080/realms/dev\'"',
      key: token,
      reply: {
        status: 401,
        body: { error: "Invalid token issuer. Expected 'http://keycloak:8080/realms/dev'" },
      },
      data: { expected: 'http://keycloak:8080/realms/dev', iss: localRealm },
    },
    {
      name: 'jose: unexpected "iss" claim value',
      key: token,
      reply: { status: 401, body: { error: 'unexpected "iss" claim value' } },
    },
    {
      name: 'an opaque token: the words still count, the claims cannot',
      reply: { status: 401, body: { message: 'jwt issuer invalid' } },
      evidence: [/not a readable JWT/],
    },
  ],
  ok: [
    {
      name: 'the audience, not the issuer',
      key: token,
      reply: text(403, 'Audiences in Jwt are not allowed', envoyChallenge),
    },
    { name: 'Envoy "Jwt is expired"', key: token, reply: text(401, 'Jwt is expired') },
    {
      name: 'an issue tracker word',
      key: token,
      reply: { status: 403, body: { error: 'issue #12 is not yours' } },
    },
    {
      name: 'a 200 speaking of the issuer',
      key: token,
      reply: { status: 200, body: { issuer: 'http://localhost:8080/realms/dev' } },
    },
    { name: 'no words', key: KEY, reply: { status: 401, body: { error: 'Unauthorized' } } },
  ],
});

checkTable(tokenWrongAudience, 'token.wrong-audience', {
  finds: [
    {
      name: 'Envoy jwt_authn: "Audiences in Jwt are not allowed"',
      key: token,
      reply: text(403, 'Audiences in Jwt are not allowed', envoyChallenge),
      confidence: 'attributed',
      evidence: [/Audiences in Jwt are not allowed/, "the token's aud is billing-api"],
      data: { aud: 'billing-api' },
    },
    {
      name: 'express-jwt / Auth0: "jwt audience invalid. expected: https://api.acme.dev"',
      key: token,
      reply: text(
        401,
        '',
        'Bearer realm="api", error="invalid_token", error_description="jwt audience invalid. expected: https://api.acme.dev"',
      ),
      // The expected value once, in the server's words.
      evidence: [/expected: https:\/\/api\.acme\.dev$/, /^the token's aud is billing-api$/],
      data: { expected: 'https://api.acme.dev' },
    },
    {
      name: 'the same words in the body and the challenge (express-jwt with a challenge): said once',
      key: token,
      reply: {
        status: 401,
        headers: {
          'www-authenticate':
            'Bearer realm="api", error="invalid_token", error_description="jwt audience invalid. expected: https://api.acme.dev"',
        },
        body: {
          error: 'invalid_token',
          error_description: 'jwt audience invalid. expected: https://api.acme.dev',
        },
      },
      evidence: [
        /^401: the verifier speaks of the token's audience: invalid_token jwt audience invalid\. expected: https:\/\/api\.acme\.dev$/,
        /^the token's aud is billing-api$/,
      ],
    },
    {
      name: 'the expected value cut from the quote: the comparison says it',
      key: token,
      reply: {
        status: 401,
        body: {
          message: `jwt audience invalid. ${'The verifier explains at length. '.repeat(5)}expected: https://api.acme.dev`,
        },
      },
      evidence: [/^the token's aud is billing-api; the server expects https:\/\/api\.acme\.dev$/],
    },
    {
      name: 'ASP.NET: error_description="The audience \'api://x\' is invalid"',
      key: token,
      reply: text(
        401,
        '',
        `Bearer error="invalid_token", error_description="The audience 'api://billing.example' is invalid"`,
      ),
    },
    {
      name: 'ASP.NET IDX10214',
      key: token,
      reply: {
        status: 401,
        body: {
          error:
            "IDX10214: Audience validation failed. Audiences: 'billing-api'. Did not match: validationParameters.ValidAudience: 'api://orders'",
        },
      },
    },
    {
      name: 'Spring: "The aud claim is not valid"',
      key: token,
      reply: text(
        401,
        '',
        'Bearer error="invalid_token", error_description="The aud claim is not valid"',
      ),
    },
    {
      name: 'Keycloak: "Expected audience not available in the token"',
      key: token,
      reply: { status: 401, body: { error: 'Expected audience not available in the token' } },
    },
    {
      name: 'PyJWT: "Invalid audience"',
      key: token,
      reply: { status: 403, body: { detail: 'Invalid audience' } },
    },
  ],
  ok: [
    {
      name: 'the issuer, not the audience',
      key: token,
      reply: text(401, 'Jwt issuer is not configured', envoyChallenge),
    },
    {
      name: 'Envoy "Jwt verification fails"',
      key: token,
      reply: text(401, 'Jwt verification fails'),
    },
    {
      name: 'an audience of listeners (not a token claim)',
      key: token,
      reply: { status: 403, body: { error: 'This podcast is private to its audience members' } },
    },
    { name: 'no words', key: KEY, reply: { status: 401, body: { error: 'Unauthorized' } } },
  ],
});
