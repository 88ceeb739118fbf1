import { checkTable } from '../request/test-helpers.js';
import { EXPECTS_JWT, tokenNotJwt } from './not-jwt.js';
import { describe, expect, it } from 'vitest';

const OPAQUE = `${'aB3x'.repeat(8)}${Date.now().toString(36)}`;
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWE = `${b64({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })}.ZW5jcnlwdGVkLWtleQ.aXYtaXYtaXY.Y2lwaGVydGV4dC1oZXJl.dGFnLXRhZy10YWc`;

describe('EXPECTS_JWT: what a JWT parser says of a non-JWT', () => {
  it.each([
    'IDX14100: JWT is not well formed, there are no dots (.).',
    'IDX12741: JWT must have three segments (JWS) or five segments (JWE).',
    'jwt malformed',
    'Invalid Compact JWS',
    'An error occurred while attempting to decode the Jwt: Malformed token',
    'Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections',
    'token contains an invalid number of segments',
  ])('%s', (text) => expect(EXPECTS_JWT.test(text)).toBe(true));
  it.each(['Invalid API key', 'unauthorized', 'token expired'])('not: %s', (text) =>
    expect(EXPECTS_JWT.test(text)).toBe(false),
  );
});

checkTable(tokenNotJwt, 'token.not-jwt', {
  finds: [
    {
      name: 'opaque, jose',
      key: OPAQUE,
      reply: {
        status: 401,
        headers: {
          'www-authenticate':
            'Bearer error="invalid_token", error_description="Invalid Compact JWS"',
        },
      },
      data: { form: 'opaque' },
    },
    {
      name: 'JWE, express-jwt',
      key: JWE,
      reply: { status: 401, body: { message: 'jwt malformed' } },
      data: { form: 'jwe' },
      evidence: ['JWE'],
    },
  ],
  ok: [
    {
      name: 'opaque, but the API does not speak of JWTs',
      key: OPAQUE,
      reply: { status: 401, body: { error: 'invalid token' } },
    },
    {
      name: 'a broken JWT (key.truncated’s)',
      key: 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0',
      reply: { status: 401, body: 'jwt malformed' },
    },
    {
      name: 'not Bearer',
      key: OPAQUE,
      spot: { in: 'header', name: 'x-api-key', scheme: null },
      reply: { status: 401, body: 'jwt malformed' },
    },
    { name: 'accepted', key: OPAQUE, reply: { status: 200, body: '{}' } },
  ],
});
