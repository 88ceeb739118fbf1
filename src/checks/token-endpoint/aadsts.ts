import type { FindingId } from '../../findings/ids.js';

/**
 * The Microsoft Entra ID (Azure AD) sign-in codes a token request meets most, from Microsoft's
 * "Microsoft Entra authentication and authorization error codes" page: what each means and what
 * fixes it. The finding is the family the code belongs to; `fix` replaces the generic one.
 */
export interface AadstsEntry {
  readonly id: Extract<FindingId, `token.${string}`>;
  readonly meaning: string;
  readonly fix: string;
}

export const AADSTS: Readonly<Record<string, AadstsEntry>> = {
  AADSTS7000215: {
    id: 'token.invalid-client',
    meaning: 'invalid client secret provided',
    fix: "Azure refused the client secret: send the secret's Value (not its Secret ID), from a secret of this app registration that has not expired; create a new one under App registrations → Certificates & secrets if the value is lost.",
  },
  AADSTS7000222: {
    id: 'token.invalid-client',
    meaning: 'the client secret has expired',
    fix: 'The client secret expired: create a new one under App registrations → Certificates & secrets, update the app, and plan the next rotation before its end date.',
  },
  AADSTS700016: {
    id: 'token.invalid-client',
    meaning: 'application not found in the directory (tenant)',
    fix: 'No app registration with this client id in this tenant: check the client id, and that the token URL names the tenant where the app is registered (or that a multi-tenant app was consented in it).',
  },
  AADSTS90002: {
    id: 'token.invalid-client',
    meaning: 'tenant not found',
    fix: "The tenant in the token URL does not exist or has no active subscription: use the tenant id (a GUID) or its verified domain, from the app registration's Overview, and the right cloud (login.microsoftonline.com, login.microsoftonline.us, login.chinacloudapi.cn).",
  },
  AADSTS900023: {
    id: 'token.invalid-client',
    meaning: 'the tenant identifier is neither a valid GUID nor a domain name',
    fix: 'The tenant part of the token URL is malformed (a placeholder, a trailing space, an unexpanded variable): put the tenant id or domain there.',
  },
  AADSTS7000218: {
    id: 'token.invalid-client',
    meaning: 'the request body must contain client_assertion or client_secret',
    fix: 'Azure expected a client secret and got none: send client_secret (or a client assertion), or, for a public client (mobile, desktop), set "Allow public client flows" in the app registration.',
  },
  AADSTS700027: {
    id: 'token.invalid-client',
    meaning: 'the client assertion failed signature validation',
    fix: 'The client assertion (certificate credential) is signed with a key Azure does not know: upload the certificate used for signing to the app registration, and send its thumbprint (x5t) in the assertion header.',
  },
  AADSTS700024: {
    id: 'token.invalid-client',
    meaning: 'the client assertion is not within its valid time range',
    fix: 'The client assertion is expired or not yet valid: mint a new one for each request (nbf/exp around now) and check the clock of the machine that signs it.',
  },
  AADSTS7000112: {
    id: 'token.invalid-client',
    meaning: 'the application is disabled',
    fix: 'The app (or its service principal in this tenant) is disabled: enable it in Enterprise applications, or use another registration.',
  },
  AADSTS50011: {
    id: 'token.invalid-grant',
    meaning: 'the redirect URI does not match the ones registered',
    fix: "Add the exact redirect URI the app sends (scheme, host, port, path, trailing slash) to the app registration's Authentication page, under the right platform (Web vs SPA), or send the one registered.",
  },
  AADSTS50173: {
    id: 'token.invalid-grant',
    meaning: 'the grant expired because it was revoked (a password change or reset)',
    fix: 'The refresh token was revoked (the user changed or reset the password, or an admin revoked sessions): sign the user in again to get a new one.',
  },
  AADSTS70008: {
    id: 'token.invalid-grant',
    meaning: 'the authorization code or refresh token has expired or been revoked',
    fix: 'The code or refresh token is no longer valid: redeem codes right away and once, and sign the user in again when the refresh token expired.',
  },
  AADSTS700082: {
    id: 'token.invalid-grant',
    meaning: 'the refresh token has expired due to inactivity',
    fix: 'The refresh token was not used for 90 days (inactivity): sign the user in again, and refresh periodically if the app must keep access.',
  },
  AADSTS54005: {
    id: 'token.invalid-grant',
    meaning: 'the authorization code was already redeemed',
    fix: 'An authorization code can be redeemed once: do not retry the code exchange; start a new sign-in for a new code.',
  },
  AADSTS50126: {
    id: 'token.invalid-grant',
    meaning: 'invalid user name or password',
    fix: 'The user name or password is wrong (or the account is federated and the password grant cannot be used): check the credentials, or use another flow.',
  },
  AADSTS50076: {
    id: 'token.invalid-grant',
    meaning: 'multi-factor authentication is required',
    fix: 'The user must pass MFA, which the password grant cannot do: use an interactive flow (authorization code) or, for automation, client credentials.',
  },
  AADSTS70011: {
    id: 'token.scope-denied',
    meaning: 'the scope is invalid',
    fix: 'The scope is not valid for this request: the client_credentials grant takes one scope of the form <application id URI>/.default (https://graph.microsoft.com/.default); delegated scopes such as User.Read belong to user flows.',
  },
  AADSTS28000: {
    id: 'token.scope-denied',
    meaning: 'the scope names more than one resource',
    fix: 'Ask for scopes of one resource per token request: one request for Graph, another for your API.',
  },
  AADSTS500011: {
    id: 'token.scope-denied',
    meaning: 'the resource principal was not found in the tenant',
    fix: "The API in the scope or resource does not exist in this tenant: check its application id URI, and that the API's app was consented in this tenant (an admin must add it for multi-tenant APIs).",
  },
  AADSTS900144: {
    id: 'token.scope-denied',
    meaning: 'a required parameter is missing from the request body (often scope)',
    fix: "A parameter Azure requires is missing (the description names it): the v2.0 endpoint's client_credentials grant needs scope=<application id URI>/.default (https://graph.microsoft.com/.default); the v1 endpoint takes resource=<application id URI> instead.",
  },
  AADSTS1002012: {
    id: 'token.scope-denied',
    meaning: 'the scope is not valid: client credential flows need a scope ending in /.default',
    fix: 'Ask for <application id URI>/.default (https://graph.microsoft.com/.default, api://<app id>/.default) in a client_credentials request: the permissions come from the app registration, not from the scope list.',
  },
  AADSTS50059: {
    id: 'token.invalid-client',
    meaning: 'no tenant-identifying information found in the request',
    fix: 'Put the tenant (its id or domain) in the token URL instead of /common for a single-tenant app or a client_credentials request: https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token.',
  },
  AADSTS700025: {
    id: 'token.invalid-client',
    meaning: 'the client is public, so neither client_assertion nor client_secret should be sent',
    fix: 'The app registration is a public client ("Allow public client flows"): send no client secret, or turn the setting off and register a secret for a confidential client.',
  },
  AADSTS65001: {
    id: 'token.scope-denied',
    meaning: 'the user or administrator has not consented to use the application',
    fix: 'Grant consent for the permissions the app asks (API permissions → Grant admin consent), or ask only for permissions already consented.',
  },
};
