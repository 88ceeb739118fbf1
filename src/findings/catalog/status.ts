import type { FindingData } from '../types.js';
import type { FamilyCatalog } from './family.js';

/** A fact as text: lists joined with commas; undefined when absent or empty. */
function text(value: FindingData[string]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : undefined;
  return String(value);
}

export const statusFindings: FamilyCatalog<'status'> = {
  'status.forbidden': {
    severity: 'error',
    title: 'Forbidden (403): the caller was recognised but is not allowed to do this',
    fix: (d) =>
      `Grant the credential the permission this call needs (${text(d['scopesNeeded']) ?? 'the scope, role or plan named in the response body'}) or use one that has it; regenerating the same key will not help.`,
    explain: {
      meaning:
        'A 403 means the server knows who is calling (or does not need to) and refuses this action for this caller. Sending the same credential again, or a fresh copy of it, gets the same answer: the permission is missing, not the key.',
      causes:
        'The token lacks a scope or role, the account plan does not include the endpoint, an organisation policy (IP allow list, SSO, admin approval) blocks it, or a resource-level permission is missing. Some layers answer 403 for other reasons too: a mesh or gateway authorization policy (a 403 with no WWW-Authenticate), a WAF, or providers that use 403 for a bad key (Datadog, AWS, Cloudflare); the other findings name those.',
      confirm:
        'Read the body: it usually names the missing permission (Stripe names the rak_* permission, GitHub sends X-Accepted-GitHub-Permissions). Call the identity endpoint of the provider with the same key (GitHub GET /user, AWS GetCallerIdentity, Slack auth.test): if it succeeds, the key is valid and only the permission is missing. `why401 check` runs that comparison.',
      fix: 'Add the missing scope, role or permission to the credential (or upgrade the plan), or use a credential of an account that has access. Do not retry the unchanged request.',
    },
  },
  'status.rate-limited': {
    severity: 'error',
    title: 'Rate limited: too many requests for now (a 429, or a 403 that says so), not a bad key',
    fix: (d) =>
      d['anonymousLimit'] === 'compared' || d['anonymousLimit'] === 'low'
        ? `The limit (${text(d['limit']) ?? 'low'}) ${d['anonymousLimit'] === 'compared' ? 'is' : 'looks like'} the one of anonymous callers: the credential ${d['anonymousLimit'] === 'compared' ? 'was' : 'may have been'} ignored. Send it where and how the API documents (header and scheme), then retry after the reset.`
        : `Keep the key; wait before retrying (Retry-After: ${text(d['retryAfter']) ?? 'not sent, so back off exponentially from about 1 s'}) and lower the request rate or concurrency.`,
    explain: {
      meaning:
        'The provider counted the request against a rate limit (requests or tokens per minute, per key, organisation or IP) and refused it for now. Being counted means the caller was identified: the credential is not the problem.',
      causes:
        'Bursts of requests, several workers or jobs sharing one key, retry loops without backoff, or a low tier limit. An unexpectedly low limit can mean the credential was not sent at all: GitHub allows only 60 anonymous requests an hour per IP (X-RateLimit-Limit: 60) and answers 403 or 429 when they run out.',
      confirm:
        'Look for Retry-After, X-RateLimit-Remaining: 0 or x-ratelimit-reset-* headers and a body that says "rate limit", not "quota" (quota and billing are status.quota-exceeded); GitHub answers 403 with X-RateLimit-Remaining: 0. A single request after waiting succeeds. `why401 check` compares X-RateLimit-Limit with and without the credential: the same limit means the call was counted as anonymous.',
      fix: 'Back off honouring Retry-After (exponential backoff with jitter when it is absent), cap concurrency, cache results, or ask the provider for a higher limit. Retrying is right here, but only after the wait; rotating the key changes nothing.',
    },
  },
  'status.quota-exceeded': {
    severity: 'error',
    title: 'Quota or billing exhausted: the account behind the key has no usable credit',
    fix: (d) =>
      `The provider reported ${text(d['bodyCode']) ?? 'a quota or billing error'}: add credit, a payment method or a higher spending limit for the account or project that owns this key; the key itself is valid.`,
    explain: {
      meaning:
        'A 429 or 402 whose body names quota or billing (OpenAI "insufficient_quota", "You exceeded your current quota"; 402 Payment Required) rather than a rate. Waiting does not help: the account has to be funded. Many apps relabel it as "API key is not valid".',
      causes:
        'No prepaid API credit on the account (a ChatGPT subscription does not fund the API), free-trial credit expired, a monthly or project budget reached, or the key belongs to another organisation or project than the one that was funded, for example an old key still held by a long-running process.',
      confirm:
        'The body code is insufficient_quota (or the billing equivalent of the provider) and the status is 429 or 402. Check the usage and billing page of the organisation that owns the key; OpenAI sends the organisation of the key in the openai-organization response header.',
      fix: 'Add credit or a payment method, or raise the budget, for that organisation or project; or use a key from a funded project. Do not rotate the key and do not retry in a loop: nothing changes until billing does.',
      cases: ['qb-01', 'qb-02'],
    },
  },
  'status.not-found-masked': {
    severity: 'error',
    title:
      'This 404 may mean "not allowed": the provider hides resources the credential cannot see',
    fix: (d) =>
      `Give the token access to the resource (${text(d['scopesNeeded']) ?? 'for a GitHub classic token the repo scope; for a fine-grained token, this repository and permission'}) and check the owner and name are spelled right.`,
    explain: {
      meaning:
        'GitHub (and others) answer 404 Not Found instead of 401 or 403 for a private resource the caller may not see, so that its existence is not revealed. The resource may well exist; the token is valid or simply missing.',
      causes:
        'A classic token without the repo scope (private repositories) or public_repo (starring, writing to public repositories), a fine-grained token not granted this repository or owner, a token of another account, or no token sent at all: an anonymous request gets the same 404.',
      confirm:
        'Repeat the request without the credential: an identical 404 means "hidden", not "absent". GET /user with the token succeeds if the token is valid; compare X-OAuth-Scopes (held) with X-Accepted-OAuth-Scopes (needed), or read X-Accepted-GitHub-Permissions. `why401 check` does both.',
      fix: 'Create or edit the token so it has the needed scope or repository access (an organisation may also have to approve fine-grained tokens), then retry. If the scopes are right, check the owner and repository names.',
      cases: ['sp-01', 'sp-02', 'sp-03', 'sp-04', 'sp-05'],
    },
  },
  'status.proxy-auth': {
    severity: 'error',
    title:
      'A proxy demands its own credentials (407, or a 401 of its own); the request never reached the API',
    fix: 'Give the proxy its credentials: put them in the proxy URL (http://user:password@host:port, with special characters percent-encoded, @ as %40) or set Proxy-Authorization; the API key is not involved.',
    explain: {
      meaning:
        'A 407 Proxy Authentication Required comes from a forward proxy between you and the API (a corporate proxy, usually set through HTTP_PROXY or HTTPS_PROXY), with a Proxy-Authenticate header naming its scheme. Some proxies answer wrong proxy credentials with a 401 and a WWW-Authenticate of their own instead (tinyproxy): its Server header names the proxy, not the API, and the same call made directly gets past it. The API never saw the request, so the API key was neither accepted nor rejected.',
      causes:
        'The proxy URL carries no user and password, or a character in the password (such as @, : or #) is not percent-encoded and breaks the URL; the proxy wants NTLM or Kerberos, which the client cannot do; or the proxy password changed. The API key belongs in Authorization and the proxy credential in Proxy-Authorization: one cannot stand in for the other.',
      confirm:
        'The status is 407 and a Proxy-Authenticate header is present (or a 401 whose Server is the proxy). Check which proxy variables apply (see net.proxy-configured); the same call with the host in NO_PROXY, or from a network without the proxy, gets past it.',
      fix: 'Percent-encode the proxy credentials in the proxy URL or pass them through the proxy option of the client (curl --proxy-user); for NTLM use curl --proxy-ntlm or a local relay such as cntlm. Exclude the API host with NO_PROXY only if your network allows direct connections.',
      cases: ['pa-01'],
    },
  },
  'status.waf-blocked': {
    severity: 'error',
    title:
      'A WAF or bot filter blocked the request before any credential check; do not rotate the key',
    fix: 'Send a descriptive User-Agent (your app name and version, and a contact URL) instead of the library default; if it still fails, ask the provider to allow your client or IP and quote the CF-RAY id. Keep the key.',
    explain: {
      meaning:
        'A web application firewall or bot filter in front of the API (most often Cloudflare) refused the request before the API looked at the credential. The answer says nothing about the key.',
      causes:
        'Cloudflare\'s browser integrity check answers 403 with the plain-text body "error code: 1010" to default library User-Agents (Python-urllib, python-requests, Go-http-client, node, undici, axios) or to requests with none; bot rules and IP reputation (cloud or VPN egress) do the same. Vendor docs that read 403 as "no credit" lead people to rotate keys and top up for nothing.',
      confirm:
        'Server: cloudflare with a CF-RAY header, a text/plain or HTML body ("error code: 1010", "Request Blocked"), and no WWW-Authenticate. A public endpoint that needs no key fails the same way, and changing only the User-Agent makes the call pass; `why401 check` compares the two.',
      fix: 'Set an honest, descriptive User-Agent in the client. If the block is IP-based, try from another network and contact the provider with the CF-RAY id.',
      cases: ['wf-01', 'wf-02', 'wf-03'],
    },
  },
  'status.login-redirect': {
    severity: 'error',
    title:
      'A login page instead of a 401 (a redirect to one, or the page itself): an SSO or Access layer wants a login or a service token',
    fix: (d) =>
      `The request was sent to ${text(d['loginHost']) ?? 'a login page'}: authenticate to that layer (for Cloudflare Access, send CF-Access-Client-Id and CF-Access-Client-Secret of a valid service token that the policy accepts), or call a host that is not behind it.`,
    explain: {
      meaning:
        'An identity-aware proxy in front of the API (Cloudflare Access, oauth2-proxy, an SSO gateway) answered 302 or 303 with a Location on its login host instead of a 401, or served its HTML sign-in form (a password field) right away with a 200. Clients that follow redirects end up with an HTML login page and fail later, typically on JSON parsing ("Unexpected token <").',
      causes:
        'The Cloudflare Access service token is expired, revoked or was replaced; the Access policy changed and no longer has a Service Auth rule accepting service tokens; the client cannot send the CF-Access-Client-Id and CF-Access-Client-Secret headers; or a session cookie expired. Health checks on bypassed paths stay green meanwhile.',
      confirm:
        'Send the request with redirects off (curl without -L, fetch with redirect: "manual") and read Location: a host such as <team>.cloudflareaccess.com, an Okta or Microsoft login host, or /oauth2/start proves it. `why401 check` does this without following the redirect.',
      fix: 'Create or renew a service token, make sure the Access application has a Service Auth policy that includes it, and send both CF-Access-Client-* headers on every request. Do not retry in a loop: each retry lands on the login page again.',
      cases: ['gw-11', 'gw-12'],
    },
  },
  'status.error-in-body': {
    severity: 'error',
    title: 'The status looks successful (or generic) but the body is an authentication error',
    fix: (d) =>
      `Act on the error in the body (${text(d['bodyCode']) ?? 'for example invalid_auth or REQUEST_DENIED'}), not on the status, and make the client check the body's ok/status field.`,
    explain: {
      meaning:
        'Some APIs report auth failures inside a 200 (or a plain 400): Slack answers HTTP 200 with {"ok": false, "error": "invalid_auth"} (or not_authed, token_revoked), Google Maps web services return status REQUEST_DENIED with an error_message, Gemini and Firebase answer 400 API_KEY_INVALID, and the old Azure Translator v2 answers 200 "Invalid Azure Subscription key". Clients that only look at the status treat it as success or as a malformed request.',
      causes:
        'A placeholder token never replaced (the literal TOKEN from a README), a Slack xoxc- browser token sent without its d session cookie, a key restricted to other referrers or APIs, an API not enabled for the project, or a missing region header such as Ocp-Apim-Subscription-Region.',
      confirm:
        'Inspect the raw body, not the status. For Slack, POST auth.test with the same token returns ok:false; for Google, the error_message names the reason (restriction, billing, API not enabled).',
      fix: 'Fix what the body names (replace the token, add the header, adjust the key restriction) and make the client check the success field of the body (ok, status) so the next failure is not silent.',
      cases: ['wv-05', 'sc-08'],
    },
  },
  'status.no-route': {
    severity: 'error',
    title:
      'No such route: the URL or method matched nothing on the server (a 404, or a gateway\'s "Missing Authentication Token"); not a key problem',
    fix: (d) =>
      d['kind'] === 'not-found'
        ? `Check the URL against the API's reference: the base URL and version prefix (/v1), the path${d['path'] ? ` (${text(d['path'])})` : ''}, ids in it, the trailing slash and the method. A new key will not make a missing route appear.`
        : `Check the URL path, stage and method against what ${text(d['layer']) ?? 'the gateway'} has deployed: add the stage name, fix the trailing slash, percent-encode # and ? inside path parameters. No key will fix this.`,
    explain: {
      meaning:
        'The server found nothing to route the request to. Usually that is a plain 404 (Express "Cannot GET /v1/resource", {"error": "Route not found"}); AWS API Gateway (REST APIs) words it as an auth error: 403 {"message": "Missing Authentication Token"} with x-amzn-ErrorType: MissingAuthenticationTokenException when no resource and method match. Either way the key was not the problem. (A 404 from a provider known to hide resources from callers without access, such as GitHub, is status.not-found-masked instead.)',
      causes:
        'A wrong base URL or version prefix, a typo in the path, a missing or wrong stage in the URL (/prod), a trailing slash, a path or method (GET vs POST) that was never deployed, or a # inside a path parameter that the client treated as a fragment, cutting the URL short.',
      confirm:
        'The answer is the same with and without the credential (`why401 check` compares the two), and the same for an obviously made-up path. Compare the URL with the API reference, or with the resources of the stage (console, or aws apigateway get-resources).',
      fix: 'Call the documented path with the right prefix, stage and method, percent-encode reserved characters in path parameters, and redeploy the stage after adding routes. Rotating or adding keys changes nothing.',
      cases: ['gw-06', 'gw-07'],
    },
  },
  'status.server-error': {
    severity: 'warning',
    title:
      'The server failed (5xx): whether the credential is valid cannot be told from this answer',
    fix: (d) =>
      `Retry later with exponential backoff (Retry-After: ${text(d['retryAfter']) ?? 'not sent'}) and check the provider's status page; do not rotate the key because of a ${text(d['status']) ?? '5xx'}.`,
    explain: {
      meaning:
        'A 500, 502, 503 or 504 (or a vendor code such as 529 "overloaded") means the server, or a gateway in front of it, failed while handling the request. The credential may not even have been checked, so this answer says neither that it is good nor that it is bad.',
      causes:
        'A provider outage or overload, an upstream timeout behind a gateway or load balancer (502, 504), a deploy in progress, or a bug. Rarely a malformed credential crashes a gateway instead of earning a 401; the key findings check the string offline.',
      confirm:
        'Check the status page of the provider and retry a little later; a cheap validation call (such as listing models) failing the same way points at the server. Keep the request id header for a support ticket.',
      fix: 'Retry with exponential backoff and jitter, a capped number of attempts, and idempotency keys for POSTs where the provider supports them. If only your requests fail, persistently, check the other findings and contact support with the request id.',
    },
  },
};
