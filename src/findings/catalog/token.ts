import type { FindingData } from '../types.js';
import type { FamilyCatalog } from './family.js';

/** A data value as text; absent, empty or non-string values left to the caller's fallback. */
function text(value: FindingData[string]): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  return s === '' ? undefined : s;
}

export const tokenFindings: FamilyCatalog<'token'> = {
  'token.id-token': {
    severity: 'error',
    title: 'An OpenID ID token was sent where an access token belongs',
    fix: (d) =>
      `Send the access token of the same sign-in (the \`access_token\` field of the token response, not \`id_token\`)${text(d['aud']) ? `; this token's aud is the client id ${text(d['aud'])}, not the API` : ''}. If the issuer returns an opaque access token, ask it for one for this API (the \`audience\` or \`resource\` parameter of the authorisation request).`,
    explain: {
      meaning:
        'An ID token tells the client application who signed in: its audience (`aud`) is the client id, and it carries `nonce` and `at_hash` for the client to check. It is not meant for APIs; an API that validates access tokens refuses it, usually because the audience is not the API or the token type is not an access token (`typ: at+jwt`, RFC 9068).',
      causes:
        'The app stores the whole token response and picks `id_token` because it is a JWT while `access_token` looks opaque; a library property such as `session.idToken` used for the API call; a SPA sample that calls its own backend with the ID token; Cognito `token_use: id` sent to an API Gateway authorizer that expects access tokens.',
      confirm:
        '`why401 key` decodes the token offline: `nonce`, `at_hash`, `token_use: id`, Keycloak `typ: ID`, or `aud` equal to `azp` (the client) mark an ID token. The API often answers `invalid_token` with an audience complaint ("jwt audience invalid", "The audience … is invalid").',
      fix: "Send the access token from the same token response. If the access token is opaque or meant for the issuer's userinfo endpoint, request one for this API (Auth0 `audience`, Azure `scope=api://…/.default`, RFC 8707 `resource`).",
    },
  },
  'token.wrong-audience': {
    severity: 'error',
    title: "The access token's audience does not name this API",
    fix: (d) =>
      `Request a token for this API${text(d['expected']) ? ` (the server expects ${text(d['expected'])})` : ''}: the token's aud is ${text(d['aud']) ?? 'another audience'}. Set the \`audience\`/\`resource\`/scope of the token request to this API's identifier, or configure the API to accept the audience the issuer mints.`,
    explain: {
      meaning:
        'The token is valid but was minted for another audience: another API, the client itself, the resource without its path, `api://<id>` against the app id URI. The API checks `aud` against its own identifier and refuses the token.',
      causes:
        'No `audience` (Auth0) or `resource` (RFC 8707) asked for in the token request, so the issuer used a default; one token reused for several APIs; the API configured with another identifier than the one registered at the issuer (a trailing slash, http vs https, the app id vs the app id URI); an MCP client that did not use the `resource` of the protected-resource metadata.',
      confirm:
        'Decode the token (`why401 key`) and compare `aud` with what the server says it expects: Envoy\'s "Audiences in Jwt are not allowed", ASP.NET\'s `The audience \'x\' is invalid` (IDX10214), express-jwt\'s "jwt audience invalid. expected: …", Spring\'s "The aud claim is not valid".',
      fix: "Ask the issuer for a token whose audience is this API's identifier, or add the audience the tokens carry to the API's accepted audiences when that is the intent.",
    },
  },
  'token.wrong-issuer': {
    severity: 'error',
    title: "The token's issuer is not one this API trusts",
    fix: (d) =>
      `Make the token's issuer (${text(d['iss']) ?? 'its iss claim'}) and the API's configured issuer the same string${text(d['expected']) ? ` (the server expects ${text(d['expected'])})` : ''}: the same host name for the server from both sides (not localhost on one and a container name on the other), the same realm or tenant, the same trailing slash and endpoint version.`,
    explain: {
      meaning:
        "The API compares the token's `iss` claim with the issuer it was configured to trust, as an exact string, and they differ. The signature may be fine; the token simply comes from an issuer the API does not know.",
      causes:
        'The app reaches the identity server as `localhost:8080` and the API as `keycloak:8080` (Docker), so tokens name another host; another Keycloak realm or Azure tenant; a trailing slash in one configuration; Azure v1 (`sts.windows.net`) vs v2 (`login.microsoftonline.com/…/v2.0`) tokens; a staging issuer against a production API.',
      confirm:
        'Decode the token (`why401 key`) and compare `iss` with what the server says or is configured with: Envoy\'s "Jwt issuer is not configured", Spring\'s "The iss claim is not valid", ASP.NET\'s IDX10205 "Issuer validation failed", express-jwt\'s "jwt issuer invalid".',
      fix: "Configure the issuer's public URL (Keycloak `KC_HOSTNAME`, the frontend URL) so tokens carry the name the API trusts, or add that exact issuer string to the API's accepted issuers; use the same realm or tenant and endpoint version on both sides.",
    },
  },
};
