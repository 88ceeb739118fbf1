import type { DecodedJwt } from '../../parse/jwt.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

/** RFC 9068 access tokens say what they are in the header's `typ`. */
const ACCESS_TOKEN_TYP = /^(application\/)?at\+jwt$/i;

/** A claim value as one string: `aud` may be a one-element array. */
function single(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
  return undefined;
}

/**
 * The marks of an OpenID ID token in a JWT's claims (OpenID Connect Core 2, 3.1.3.6): `nonce` and
 * `at_hash` are for the client to check; Cognito says `token_use: id`, Keycloak `typ: ID`; and an
 * audience that is the authorised party itself (`aud` = `azp`, the client id) is a token for the
 * client, not for an API. Empty when the token says it is an access token.
 */
export function idTokenMarks(jwt: DecodedJwt): string[] {
  const { header, claims } = jwt;
  const typ = header['typ'];
  if (typeof typ === 'string' && ACCESS_TOKEN_TYP.test(typ)) return [];
  if (claims['token_use'] === 'access') return [];
  const bodyTyp = claims['typ'];
  if (typeof bodyTyp === 'string' && /^bearer$/i.test(bodyTyp)) return [];
  const marks: string[] = [];
  if (claims['token_use'] === 'id') marks.push('token_use is "id"');
  if (typeof bodyTyp === 'string' && /^id$/i.test(bodyTyp)) marks.push('its typ claim is "ID"');
  if (claims['nonce'] !== undefined) marks.push('a nonce claim');
  if (claims['at_hash'] !== undefined) marks.push('an at_hash claim');
  const aud = single(claims['aud']);
  const azp = claims['azp'];
  if (aud !== undefined && typeof azp === 'string' && aud === azp)
    marks.push('aud equals azp (the client id)');
  return marks;
}

/** An OpenID ID token sent where an access token belongs: decided from its own claims. */
export const keyIdToken = defineCheck<KeyEvidence>('key-id-token', ({ jwt }) => {
  if (!jwt?.ok || jwt.encrypted) return [];
  const marks = idTokenMarks(jwt);
  if (marks.length === 0) return [];
  const aud = single(jwt.claims['aud']);
  const typ = jwt.header['typ'];
  return [
    finding(
      'token.id-token',
      'definitive',
      [
        `the JWT is an OpenID ID token: ${marks.join(', ')}`,
        `header typ ${typeof typ === 'string' ? `"${typ}"` : 'absent'}, not at+jwt (RFC 9068 access token)`,
        ...(aud !== undefined ? [`its audience is ${aud}: the client, not an API`] : []),
      ],
      { aud: aud ?? null, marks },
    ),
  ];
});
