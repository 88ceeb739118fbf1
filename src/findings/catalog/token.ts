import type { FindingData, FindingSpec } from '../types.js';
import type { FamilyCatalog } from './family.js';

/** A data value as text; absent, empty or non-string values left to the caller's fallback. */
function text(value: FindingData[string]): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  return s === '' ? undefined : s;
}

const wrongIssuer: FindingSpec = {
  severity: 'error',
  title: "The token's issuer (iss) is not the issuer the API trusts",
  fix: (d) =>
    d['discovered'] !== undefined && d['iss'] !== undefined
      ? `Make the issuer one string everywhere: the token says iss "${d['iss']}" but the issuer's metadata says "${d['discovered']}". Configure the API with the exact issuer string the tokens carry (scheme, host name, port, path, trailing slash), or make the authorization server publish one name (Keycloak: KC_HOSTNAME; behind a proxy: forwarded headers).`
      : d['trusted'] !== undefined && d['iss'] !== undefined
        ? `The API trusts ${d['trusted']}, the token comes from "${d['iss']}": get the token from the authorization server the API names, or add this issuer to the API's trusted issuers.`
        : text(d['expected']) !== undefined
          ? `Make the token's issuer (${text(d['iss']) ?? 'its iss claim'}) and the issuer the API expects (${text(d['expected'])}) the same string: the same host name from both sides (not localhost on one and a container name on the other), the same realm or tenant, the same trailing slash and endpoint version.`
          : `Compare the token's iss claim${d['iss'] !== undefined ? ` ("${d['iss']}")` : ''} with the issuer configured in the API (Authority / issuer-uri / ValidIssuer), character for character, and make them the same.`,
  explain: {
    meaning:
      "A JWT validator compares the token's `iss` claim with the issuer it was configured with, as exact strings. When they differ, the token is refused even though it is otherwise valid and signed by the right server.",
    causes:
      'The same server reached under two names (the app gets tokens from http://localhost:8080, the API in its container knows http://keycloak:8080); a trailing slash on one side only; Azure AD v1 tokens (sts.windows.net) validated as v2 (login.microsoftonline.com/…/v2.0) or the reverse; another realm or tenant; an issuer whose own metadata names another issuer (a proxy rewriting host names).',
    confirm:
      'Decode the token (`why401 key`) and read `iss`; fetch `<iss>/.well-known/openid-configuration` and compare its `issuer` with `iss` exactly. An API that publishes RFC 9728 metadata lists the issuers it trusts in `authorization_servers`. `why401 check` does both without sending the token anywhere but the API.',
    fix: 'Pick one issuer URL and use it everywhere: in the authorization server (Keycloak KC_HOSTNAME / frontend URL), in the client that asks for tokens, and in the API (ValidIssuer, issuer-uri, jwtVerify issuer). For Azure, set accessTokenAcceptedVersion in the app manifest to match what the API expects.',
  },
};

const wrongAudience: FindingSpec = {
  severity: 'error',
  title: "The token's audience (aud) does not name this API",
  fix: (d) =>
    d['resource'] !== undefined
      ? `Ask the authorization server for a token for ${d['resource']} (the resource or audience parameter of the token request, or the API's scope), not for ${d['aud'] ?? 'what the token names'}.`
      : text(d['expected']) !== undefined
        ? `Request a token for this API (the server expects ${text(d['expected'])}; the token's aud is ${text(d['aud']) ?? 'another audience'}): set the audience / resource / scope of the token request to this API's identifier, or configure the API to accept the audience the issuer mints.`
        : `Request the token for this API: pass its identifier as audience / resource / scope when getting the token${d['aud'] !== undefined ? ` (the token is for ${d['aud']})` : ''}, or configure the API's expected audience to the value its tokens carry.`,
  explain: {
    meaning:
      "An access token says which API it is for in its `aud` claim. The API checks that its own identifier is among them and refuses tokens minted for another API, for the client itself (an ID token's aud is the client id) or for the issuer's userinfo endpoint.",
    causes:
      "No audience/resource in the token request (Auth0 and others then mint a token for their own API); the app's client id configured as the API's audience; `api://<guid>` versus the application id URI; a resource URL without the path the API publishes (RFC 9728, MCP servers); an ID token sent instead of the access token.",
    confirm:
      'Decode the token and read `aud`; compare it with the audience the API validates (its error message often says both) or with the `resource` of its protected resource metadata (`WWW-Authenticate: Bearer resource_metadata=…`).',
    fix: 'Request the token with the API as its audience (`audience=` for Auth0, `resource=` per RFC 8707, `scope=api://…/.default` for Entra ID), or fix the API to expect the identifier its tokens actually carry.',
  },
};

const unknownKey: FindingSpec = {
  severity: 'error',
  title: 'The token was signed with a key its issuer no longer publishes (kid not in the JWKS)',
  fix: (d) =>
    `Get a new token: the issuer's keys (${d['jwksUri'] ?? 'its jwks_uri'}) do not include kid ${d['kid'] ?? '(none)'}. If a fresh token fails the same way, the token comes from another issuer, tenant or environment than the API fetches keys from: point both at the same one.`,
  explain: {
    meaning:
      "A JWT names its signing key in the header (`kid`); the API looks that key up in the issuer's published key set (JWKS). When the key is not there the signature cannot be checked and the token is refused.",
    causes:
      'The issuer rotated its signing keys and the token (or a cached one) predates the rotation; the token was issued by another environment, tenant or realm that uses other keys; a test token signed with a local key; an API caching an old key set (or a new one) longer than the issuer expects.',
    confirm:
      "Decode the token's header for `kid`, fetch the issuer's `jwks_uri` (from its discovery document) and look for that kid. `why401 check` does this and lists the kids published.",
    fix: 'Request a new token. If it still fails, make the client and the API use the same issuer (and environment); in the API, let the JWKS cache refresh on an unknown kid.',
  },
};

const badSignature: FindingSpec = {
  severity: 'error',
  title: "The token's signature does not verify with its issuer's published key",
  fix: (d) =>
    `The token was not signed by the key ${d['kid'] !== undefined ? `${d['kid']} ` : ''}that ${d['iss'] ?? 'its issuer'} publishes: get a token from that issuer itself (not another server reusing the kid, not an edited or hand-made token), and check that the API and the client agree on the algorithm${d['alg'] !== undefined ? ` (the token says ${d['alg']})` : ''}.`,
  explain: {
    meaning:
      "The key named by the token's `kid` is published by the issuer, but the signature does not match it: the token was signed by another key or altered after signing.",
    causes:
      'Two issuers (environments, realms, a test stub) using the same kid with different keys; a token edited by hand (jwt.io) or re-encoded; an HS256 token signed with a shared secret presented to an API expecting RS256; a copy that lost or changed characters.',
    confirm:
      "Verify the signature with the issuer's key of that kid (why401 check does it with the key from the issuer's jwks_uri; jwt.io with the public key).",
    fix: 'Use a token straight from the issuer the API trusts. If the kid is reused by another environment, give each environment its own keys.',
  },
};

const notJwt: FindingSpec = {
  severity: 'error',
  title: 'The API expects a JWT, but the token is opaque or encrypted',
  fix: (d) =>
    d['form'] === 'jwe'
      ? 'The token is encrypted (JWE, 5 parts): the API cannot read it. Ask for a signed access token for this API (request the API as audience/resource; Auth0 encrypts only when configured to), or configure the API to decrypt it.'
      : "The token is not a JWT: the issuer minted an opaque token (often because no audience or resource was requested, so it is for the issuer's own userinfo endpoint). Request the token with this API as audience / resource, or have the API introspect opaque tokens (RFC 7662).",
  explain: {
    meaning:
      'The API validates JWTs locally (it says so: "JWT is not well formed", "jwt malformed", "Invalid compact JWS"), but the token sent is an opaque string or a JWE whose claims it cannot read.',
    causes:
      'Auth0 (and others) issue an opaque access token when the token request names no audience; authorization servers configured for reference tokens (IdentityServer, Okta); an encrypted token (JWE) where a signed one was expected; a refresh token or an authorization code sent as the access token.',
    confirm:
      'Count the dots: a JWT has two (three parts, starting eyJ); a JWE has four; an opaque token is neither. `why401 key` shows the form.',
    fix: 'Request the access token with the API as its audience/resource so the issuer mints a JWT for it; or make the API introspect reference tokens.',
  },
};

// The token endpoint (why401 token).

/** The fix a known server code carries (the AADSTS table), else undefined. */
function knownFix(d: FindingData): string | undefined {
  return typeof d['knownFix'] === 'string' ? d['knownFix'] : undefined;
}

const clientAuthMethod: FindingSpec = {
  severity: 'error',
  title:
    "The token endpoint wants the client's credentials in another place (client_secret_basic vs client_secret_post)",
  fix: (d) =>
    d['wanted'] === 'post'
      ? `Send client_id and client_secret in the form body (client_secret_post) instead of an Authorization: Basic header: in most libraries a setting such as token_endpoint_auth_method / client_authentication_method / ClientCredentialStyle = InRequestBody; or register the client for client_secret_basic.`
      : d['wanted'] === 'basic'
        ? 'Send the client id and secret as an Authorization: Basic header (client_secret_basic: each form-urlencoded, then joined by ":" and base64-encoded) instead of client_id/client_secret in the body: token_endpoint_auth_method / client_authentication_method / ClientCredentialStyle = AuthorizationHeader; or register the client for client_secret_post.'
        : "Send the client's credentials the way the client is registered (token_endpoint_auth_method: client_secret_basic = Authorization: Basic header, client_secret_post = form body), or change its registration to the method the app uses.",
  explain: {
    meaning:
      'OAuth 2 clients authenticate to the token endpoint either with an Authorization: Basic header (client_secret_basic, the default of RFC 6749 and OpenID Connect) or with client_id and client_secret in the form body (client_secret_post). Servers that register one method per client refuse the other with invalid_client, although the id and secret are right.',
    causes:
      "The client is registered for client_secret_post and the library sends Basic (the default of Spring Security, oauth2 gems, IdentityModel's AuthorizationHeader style), or the reverse; Keycloak, Authelia, Spring Authorization Server and oidc-provider enforce the registered method; a library upgrade changed its default.",
    confirm:
      "Read the issuer's discovery document: token_endpoint_auth_methods_supported lists the methods the server knows; the client's registration says which one it must use. `why401 token` sends the request as the app does, then once with the other method: when that one is accepted, the method is the cause.",
    fix: "Configure the library to send the credentials where the client's registration says (token_endpoint_auth_method), or change the registration. Keep the secret the same: it is not the problem.",
  },
};

const clientSecretId: FindingSpec = {
  severity: 'error',
  title: "The client secret is the secret's ID (a GUID), not its value",
  fix: (d) =>
    `${d['confirmed'] === true ? 'The server refused the secret, and it' : 'It'} has the shape of a GUID: Azure shows two columns for each client secret, "Value" and "Secret ID". Copy the Value (about 40 characters, often with a "~"), shown only once, just after the secret is created: if it is gone, create a new client secret under App registrations → Certificates & secrets and use its Value.`,
  explain: {
    meaning:
      'Microsoft Entra ID (Azure AD) lists each client secret with a "Value" and a "Secret ID". The Secret ID is a GUID that identifies the secret; it does not authenticate anything. Sent as client_secret, it is refused with AADSTS7000215 "Invalid client secret provided".',
    causes:
      'The Secret ID column copied instead of the Value (the Value is only shown once, right after creation, and is hidden afterwards); the application (client) ID or the tenant ID pasted into the secret setting; an infrastructure template that outputs the secret id.',
    confirm:
      'A secret value of Azure is about 40 characters and not a GUID (8-4-4-4-12 hex digits). Compare the value with the Secret ID shown in App registrations → Certificates & secrets; AADSTS7000215 in the answer confirms that Azure refused it.',
    fix: 'Create a new client secret, copy its Value right away, store it where the app reads it (secret store, .env, CI variables) and delete the old secret if nobody uses it.',
  },
};

const invalidClient: FindingSpec = {
  severity: 'error',
  title: 'The token endpoint refused the client: unknown client id, wrong or expired secret',
  fix: (d) =>
    knownFix(d) ??
    ((d['error'] === 'unauthorized_client' && d['status'] !== 401) ||
    d['error'] === 'unsupported_grant_type'
      ? `The client is known but may not use this grant (${String(d['grant'] ?? 'the grant sent')}): allow the grant type for this client in the authorization server (client_credentials needs a confidential client with a service account / "client credentials" enabled), or use the grant it is registered for.`
      : `Check the client id and secret the app sends against the client registered at the issuer${d['description'] !== undefined ? ` (the server says: ${String(d['description'])})` : ''}: the secret may be wrong, rotated or expired, or the client may belong to another realm, tenant or environment. Create a new secret if in doubt, and update every place that stores it.`),
  explain: {
    meaning:
      "RFC 6749 §5.2 invalid_client: client authentication failed (unknown client, no client authentication included, or an unsupported authentication method); the server may answer 401 with a WWW-Authenticate challenge. unauthorized_client: the authenticated client may not use this grant type. The request's grant was never looked at.",
    causes:
      'A secret rotated or expired (Azure secrets expire after 6 to 24 months: AADSTS7000222), a client of another realm, tenant or environment (staging vs production), a typo in the client id, a secret with a trailing newline or quotes, the client sent in the wrong place (see token.client-auth-method), or a public client that has no secret at all.',
    confirm:
      "Read the answer's error_description (and Azure's AADSTS code); compare the client id with the registration in the right realm or tenant; try the other client authentication method (`why401 token` does it once).",
    fix: 'Use the client id and secret of the registration in the issuer you call; create a new secret when the old one expired or is unknown; allow the grant type for the client when the answer is unauthorized_client.',
  },
};

const invalidGrant: FindingSpec = {
  severity: 'error',
  title:
    'The token endpoint refused the grant: expired or revoked refresh token, used code, redirect URI or PKCE mismatch',
  fix: (d) =>
    knownFix(d) ??
    (d['grant'] === 'refresh_token'
      ? `The refresh token is no longer valid${d['description'] !== undefined ? ` (the server says: ${String(d['description'])})` : ''}: it expired, was revoked (a sign-out, a password change, an admin) or was already used once where refresh tokens rotate. Sign the user in again to get a new one, and store the new refresh token each time the server returns one.`
      : d['grant'] === 'password'
        ? `The user's credentials were refused${d['description'] !== undefined ? ` (the server says: ${String(d['description'])})` : ''}: wrong user name or password, a locked or disabled account, or multi-factor sign-in required (the password grant cannot do MFA).`
        : `The grant was refused${d['description'] !== undefined ? ` (the server says: ${String(d['description'])})` : ''}: an authorization code is single-use and short-lived, its redirect_uri must be exactly the one of the authorization request, and the PKCE code_verifier must match the code_challenge sent then.`),
  explain: {
    meaning:
      'RFC 6749 §5.2 invalid_grant: the client authenticated, but the grant it presented (authorization code, refresh token, resource owner credentials) is invalid, expired, revoked, issued to another client, or does not match the redirect URI of the authorization request.',
    causes:
      'A refresh token that expired (idle or absolute lifetime), was revoked, or was used once already where refresh tokens rotate (two instances racing to refresh); an authorization code used twice (a retry, a page reload) or too late; a redirect_uri that differs by a slash or the scheme; a PKCE verifier that is not the one of this authorization request; a clock far off.',
    confirm:
      'Read error_description; for a refresh token, check when it was issued and whether another process refreshed with it already; for a code, compare the redirect_uri of both requests character for character.',
    fix: 'Get a new grant: sign in again for a new code or refresh token; store rotated refresh tokens atomically and refresh from one place; send the exact redirect_uri and the code_verifier of the same authorization request.',
  },
};

const scopeDenied: FindingSpec = {
  severity: 'error',
  title: 'The token request asked for a scope, audience or resource the client may not have',
  fix: (d) =>
    knownFix(d) ??
    `Ask only for what the client is allowed${d['requested'] !== undefined ? ` (requested: ${String(d['requested'])})` : ''}: grant the scope or API permission to the client in the authorization server (and admin consent where needed), or fix its spelling. Azure's client_credentials grant takes one scope of the form <app id URI>/.default; a resource indicator must be an absolute URI the server knows.`,
  explain: {
    meaning:
      'RFC 6749 §5.2 invalid_scope: the requested scope is invalid, unknown, malformed, or exceeds what the client was granted. RFC 8707 invalid_target: the resource (or audience) asked for is unknown or not allowed for the client.',
    causes:
      "A scope not granted to the client, a typo, delegated scopes (User.Read) in a client_credentials request where Azure wants <resource>/.default, several resources in one Azure request, an audience the server does not know (Auth0: the API's identifier exactly), a resource URI without the path or with another trailing slash.",
    confirm:
      "Read error_description; compare each scope, audience and resource with the client's allowed scopes and the API's identifier in the authorization server.",
    fix: 'Request the scopes and resources the client is allowed, spelled as the server registers them; give the client the permission (and consent) when it needs it.',
  },
};

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
  'token.wrong-issuer': wrongIssuer,
  'token.wrong-audience': wrongAudience,
  'token.unknown-key': unknownKey,
  'token.bad-signature': badSignature,
  'token.not-jwt': notJwt,
  'token.client-auth-method': clientAuthMethod,
  'token.client-secret-id': clientSecretId,
  'token.invalid-client': invalidClient,
  'token.invalid-grant': invalidGrant,
  'token.scope-denied': scopeDenied,
};
