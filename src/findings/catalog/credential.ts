import type { FindingData } from '../types.js';
import type { FamilyCatalog } from './family.js';

/** A fact as text: lists joined with commas; undefined when absent or empty. */
function text(value: FindingData[string]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : undefined;
  return String(value);
}

export const credentialFindings: FamilyCatalog<'credential'> = {
  'credential.invalid': {
    severity: 'error',
    title: 'The provider rejected the credential itself: it is wrong, deleted or revoked',
    fix: (d) =>
      d['established'] === false
        ? `Nothing shows the server read this key yet: first make sure it goes where and as the API documents (header name, scheme and its case, no proxy or gateway in front removing it); if it does, create a new key in the ${text(d['provider']) ?? 'provider'} dashboard and replace the old value everywhere it is stored.`
        : `Create a new key in the ${text(d['provider']) ?? 'provider'} dashboard, replace the old value everywhere it is stored (.env, secret store, CI, tool config files) and restart the processes that read it.`,
    explain: {
      meaning:
        'The request was well formed and reached the provider, which does not recognise the credential: OpenAI 401 invalid_api_key, GitHub 401 "Bad credentials", Anthropic authentication_error. The offline checks found nothing wrong with the string, so the value itself is no longer (or never was) valid.',
      causes:
        'The key was revoked, deleted or rotated (by you, a teammate, or the provider after it leaked into a public repository); its project or account was deleted; one character differs from the real key; or a tool keeps sending an old token cached in its own config file, even for public resources. Some providers also say "Bad credentials" for an expired token.',
      confirm:
        'Call the validation endpoint of the provider (GET /v1/models, GET /user) with the same key from a clean shell; `why401 check` does this. Compare the last characters of the key in use with those shown in the dashboard: if they match and the call still fails, the key was revoked.',
      fix: 'Generate a new key, update every place that stores it, and restart long-running processes and containers. Never retry a 401 with the same credential: it will not start working.',
      cases: ['ex-03', 'st-07'],
    },
  },
  'credential.expired': {
    severity: 'error',
    title: 'The provider says the token has expired',
    fix: (d) =>
      `The token expired (${text(d['expiredAt']) ?? 'expiry time not reported'}): get a new one (refresh token, sign in again, or a new personal access token) and refresh long-lived jobs before expiry rather than after a 401.`,
    explain: {
      meaning:
        'The answer itself says the token is past its lifetime: WWW-Authenticate: Bearer error="invalid_token" with an "expired" description, Google UNAUTHENTICATED ACCESS_TOKEN_EXPIRED, AWS ExpiredToken. The token was valid once; it is not malformed.',
      causes:
        'Short-lived OAuth access tokens (Google ya29 about 1 h, GitHub App installation tokens 1 h) used after their lifetime, a refresh that silently failed, personal tokens with an expiry date (GitHub fine-grained, GitLab), or a token cached in a file. A skewed local clock can also make a fresh token look expired to the server (see net.clock-skew).',
      confirm:
        'Read the error description; for a JWT, decode exp offline and compare it with the Date response header (key.expired). GitHub sends github-authentication-token-expiration, and GitLab /personal_access_tokens/self returns expires_at.',
      fix: 'Obtain a fresh token (refresh flow, re-login, or a new token with a longer expiry) and automate refresh ahead of expiry. Retry once with the new token, never with the expired one.',
    },
  },
  'credential.wrong-account': {
    severity: 'error',
    title: 'The credential is valid but belongs to another organisation, project or workspace',
    fix: (d) =>
      `Use a key of ${text(d['organization']) ?? 'the organisation or project that owns this resource'}, or correct or remove the organisation / project header sent with the key.`,
    explain: {
      meaning:
        'The provider recognised the key, but it is tied to another organisation, project, workspace or resource than the one the request names. Providers often word this like an invalid key.',
      causes:
        'An OpenAI-Organization (or OpenAI-Project) header naming an organisation the key is not a member of (401 mismatched_organization); an organisation id hard-coded in the client; after a redeploy, the key of a different Azure OpenAI resource ("Access denied due to invalid subscription key or wrong API endpoint"); the anon key of another Supabase project.',
      confirm:
        'Find which account the key belongs to: the openai-organization or anthropic-organization-id response header, Slack auth.test, the provider dashboard. Compare it with the organisation, project or resource in the request; dropping the organisation header usually makes the call pass.',
      fix: 'Send the key together with the organisation, project or endpoint it belongs to; for Azure, take the key and the endpoint from the same resource. Retrying unchanged will not help.',
      cases: ['sc-02', 'sc-03', 'sc-09'],
    },
  },
  'credential.wrong-region': {
    severity: 'error',
    title: 'The key belongs to another regional host of this provider (for example EU vs US)',
    fix: (d) =>
      `Point the client at ${text(d['workingHost']) ?? 'the host of the region where the key was created'} (region: ${text(d['region']) ?? 'see the provider dashboard'}) through the SDK's region, site or base URL setting.`,
    explain: {
      meaning:
        'Some providers run separate regional installations; a key exists only on the host of its region, and the other hosts answer as if it were invalid. The key is fine: the host is wrong.',
      causes:
        'Mailgun EU domains need api.eu.mailgun.net while SDKs default to the US host (401 "Forbidden"); Datadog keys belong to one site (datadoghq.com, us3, us5, datadoghq.eu, ap1, ddog-gov) and other sites answer 403 "Invalid API key or Application key"; New Relic EU accounts need api.eu.newrelic.com; Azure Cognitive Services keys belong to one regional endpoint.',
      confirm:
        'Send the same key to the validation endpoint of the sibling regional host (Datadog /api/v1/validate on each site): success there proves it. `why401 check` probes only the known hosts of that provider. The dashboard URL also shows the region (app.datadoghq.eu).',
      fix: 'Set the region in the client (DD_SITE for Datadog, the EU base URL for Mailgun and New Relic, the endpoint of the resource itself for Azure) rather than changing the key.',
      cases: ['sc-04', 'sc-05', 'sc-06'],
    },
  },
  'credential.insufficient-scope': {
    severity: 'error',
    title: 'The credential is valid but lacks the scope or permission this call needs',
    fix: (d) =>
      `Add ${text(d['scopesNeeded']) ?? 'the scope or permission named in the response'} to the token (it holds: ${text(d['scopesHeld']) ?? 'none reported'}), or issue a new token that includes it.`,
    explain: {
      meaning:
        'The server accepted who you are but names a scope or permission the credential does not have. Only a token with that scope will pass; the current one keeps failing however often it is retried.',
      causes:
        'A token created with too few scopes; scopes added to an OAuth or Slack app but the existing token not re-issued (old tokens keep their old scopes); a fine-grained or restricted key (GitHub fine-grained PAT, Stripe restricted key) without the permission for this endpoint.',
      confirm:
        'Compare what is held with what is needed: GitHub X-OAuth-Scopes vs X-Accepted-OAuth-Scopes (or X-Accepted-GitHub-Permissions), WWW-Authenticate: Bearer error="insufficient_scope" scope="…", Slack missing_scope with needed and provided, the rak_* permission in a Stripe 403. An identity call with the same token succeeds.',
      fix: 'Edit or recreate the token with the missing scope, or re-authorise the OAuth app (reinstall the Slack app) to get a new token, keeping to the least privilege the call needs. Retry only with the new token.',
    },
  },
  'credential.sso-required': {
    severity: 'error',
    title: 'The token must first be authorised for SAML single sign-on in this organisation',
    fix: (d) =>
      `Open ${text(d['ssoUrl']) ?? 'the token settings (GitHub: Settings, Developer settings, the token, Configure SSO)'} and authorise the token for ${text(d['organization']) ?? 'the organisation'}, then retry.`,
    explain: {
      meaning:
        'A GitHub organisation with SAML SSO enforcement refuses personal access tokens that have not been authorised for it: 403 "Resource protected by organization SAML enforcement" with an X-GitHub-SSO header. The token is valid; it is just not yet allowed into that organisation.',
      causes:
        'A new or regenerated token that was never authorised for the organisation, or an authorisation removed by an organisation owner. On list endpoints X-GitHub-SSO: partial-results silently leaves out the resources of that organisation instead of failing.',
      confirm:
        'X-GitHub-SSO: required; url=… is present on the 403, while GET /user and personal repositories work with the same token.',
      fix: 'Follow the URL in X-GitHub-SSO (or Configure SSO next to the token) while signed in to the identity provider of the organisation, then retry. For automation, use a GitHub App or a token that an organisation owner has authorised.',
      cases: ['ex-02'],
    },
  },
  'credential.restricted': {
    severity: 'error',
    title: 'The key is restricted to other referrers, IP addresses or APIs than this request',
    fix: 'Use a key whose restrictions allow this caller (a separate server key restricted by IP for backend calls), or add this IP, referrer or API to the allowed list of the key in the provider console.',
    explain: {
      meaning:
        'The provider recognised the key, but its restrictions exclude this request: Google API keys can be limited to HTTP referrers, IP addresses, apps and a list of APIs. Google answers 403 PERMISSION_DENIED with a reason such as API_KEY_HTTP_REFERRER_BLOCKED, API_KEY_IP_ADDRESS_BLOCKED or API_KEY_SERVICE_BLOCKED, and Maps web services answer REQUEST_DENIED.',
      causes:
        'A browser key (referrer-restricted) used from a server, where no Referer is sent; a server whose egress IP changed (new NAT, serverless platform); an API missing from the list the key allows; elsewhere, a token limited to an IP range (npm CIDR allow lists).',
      confirm:
        'The error reason or message names the restriction ("API keys with referer restrictions cannot be used with this API"). The provider console shows the key\'s restrictions; the same key works from an allowed origin.',
      fix: 'Create a separate server key restricted by IP and API, and keep the browser key restricted by referrer; or add the missing IP, referrer or API to the key. Do not remove restrictions from a key that ships to browsers.',
      cases: ['rs-01', 'rs-02'],
    },
  },
};
