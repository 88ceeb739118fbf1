import { describe, expect, it } from 'vitest';
import { checkTable } from '../request/test-helpers.js';
import { AUDIENCE_WORDS, ISSUER_WORDS } from '../request/token.js';
import { readSaid, tokenSaid } from './said.js';
import { signJwt, testKey } from './test-helpers.js';

const key = testKey('RS256', 'k1');
const TOKEN = signJwt({ iss: 'https://id.example.test/', aud: 'api://other', sub: 'svc' }, key);

/** What real validators answer, by library (their published wordings). */
const SAYS: readonly (readonly [string, string | undefined])[] = [
  // ASP.NET Core JwtBearer (Microsoft.IdentityModel)
  [
    'Bearer error="invalid_token", error_description="The audience \'api://other\' is invalid"',
    'token.wrong-audience',
  ],
  [
    "IDX10214: Audience validation failed. Audiences: 'api://other'. Did not match: validationParameters.ValidAudience: 'api://mine'",
    'token.wrong-audience',
  ],
  [
    "IDX10205: Issuer validation failed. Issuer: 'https://sts.windows.net/t/'. Did not match: validationParameters.ValidIssuer",
    'token.wrong-issuer',
  ],
  [
    'Bearer error="invalid_token", error_description="The issuer \'https://localhost:8443/realms/x\' is invalid"',
    'token.wrong-issuer',
  ],
  ["IDX10501: Signature validation failed. Unable to match key: kid: 'abc'.", 'token.unknown-key'],
  [
    'IDX10503: Signature validation failed. Token does not have a kid. Keys tried: ...',
    'token.bad-signature',
  ],
  [
    'Bearer error="invalid_token", error_description="The signature is invalid"',
    'token.bad-signature',
  ],
  [
    'Bearer error="invalid_token", error_description="The signature key was not found"',
    'token.unknown-key',
  ],
  // jose
  ['unexpected "aud" claim value', 'token.wrong-audience'],
  ['unexpected "iss" claim value', 'token.wrong-issuer'],
  ['no applicable key found in the JSON Web Key Set', 'token.unknown-key'],
  ['signature verification failed', 'token.bad-signature'],
  // jsonwebtoken / express-jwt / jwks-rsa
  ['jwt audience invalid. expected: https://api.example.test', 'token.wrong-audience'],
  ['jwt issuer invalid. expected: https://id.example.test/', 'token.wrong-issuer'],
  ['invalid signature', 'token.bad-signature'],
  ["Unable to find a signing key that matches 'k9'", 'token.unknown-key'],
  // Spring Security (Nimbus)
  [
    'An error occurred while attempting to decode the Jwt: The aud claim is not valid',
    'token.wrong-audience',
  ],
  [
    'An error occurred while attempting to decode the Jwt: The iss claim is not valid',
    'token.wrong-issuer',
  ],
  [
    'An error occurred while attempting to decode the Jwt: Signed JWT rejected: Another algorithm expected, or no matching key(s) found',
    'token.unknown-key',
  ],
  [
    'An error occurred while attempting to decode the Jwt: Signed JWT rejected: Invalid signature',
    'token.bad-signature',
  ],
  // Keycloak adapters / quarkus-oidc
  ["Invalid token issuer. Expected 'http://keycloak:8080/realms/demo'", 'token.wrong-issuer'],
  ['Token verification failed: Invalid token signature', 'token.bad-signature'],
  // Envoy jwt_authn
  ['Jwt issuer is not configured', 'token.wrong-issuer'],
  ['Audiences in Jwt are not allowed', 'token.wrong-audience'],
  ["Jwks doesn't have key to match kid or alg from Jwt", 'token.unknown-key'],
  ['Jwt verification fails', 'token.bad-signature'],
  // not about the token's issuer, audience, key or signature
  ['Jwt is expired', undefined],
  ['Invalid API key provided', undefined],
  ['insufficient_scope', undefined],
];

/** Every id the validators' words name: the key and signature here, issuer and audience in request/token. */
function saidIds(text: string): string[] {
  return [
    ...readSaid(text).keys(),
    ...(ISSUER_WORDS.test(text) ? ['token.wrong-issuer'] : []),
    ...(AUDIENCE_WORDS.test(text) ? ['token.wrong-audience'] : []),
  ];
}

describe('validators’ words, generalised: one reading per text', () => {
  it.each(SAYS)('%s → %s', (text, id) => {
    const said = saidIds(text);
    expect(said[0]).toBe(id);
    expect(said.length).toBeLessThanOrEqual(1);
  });
});

const reply = (description: string) => ({
  status: 401,
  headers: {
    'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`,
  },
  body: '',
});

checkTable(tokenSaid, 'token.bad-signature', {
  finds: [
    {
      name: 'HS256 and "invalid signature": said, and that it cannot be checked here',
      key: signJwt({ iss: 'https://id.example.test/', aud: 'api' }, 'HS256'),
      reply: { status: 401, body: { message: 'invalid signature' } },
      evidence: ['invalid signature', 'cannot be checked'],
      data: { alg: 'HS256' },
    },
  ],
  ok: [
    {
      name: 'an unknown kid is not also a bad signature',
      key: TOKEN,
      reply: reply('IDX10511: Signature validation failed. Unable to match key kid'),
    },
  ],
});
