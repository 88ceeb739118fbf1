import type { FindingData, FindingSpec } from '../types.js';
import type { FamilyCatalog } from './family.js';

// Each entry is self-contained (another branch adds token.id-token and friends to this family):
// the object is typed per entry and spread into the family below.

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
  'token.client-auth-method': clientAuthMethod,
  'token.client-secret-id': clientSecretId,
  'token.invalid-client': invalidClient,
  'token.invalid-grant': invalidGrant,
  'token.scope-denied': scopeDenied,
};
