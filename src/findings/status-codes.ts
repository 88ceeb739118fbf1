/** What a status code means for a refused API call: `why401 explain 401`. */
export const STATUS_EXPLAINED: Readonly<
  Record<string, { title: string; text: string; related: readonly string[] }>
> = {
  '200': {
    title: '200 OK, yet refused',
    text: 'Some APIs answer an auth failure with 200 and an error in the body (Slack ok:false with invalid_auth, Google REQUEST_DENIED). Read the body, not just the status.',
    related: ['status.error-in-body'],
  },
  '3xx': {
    title: 'A redirect',
    text: 'A 301/302/303/307/308 to a login page means an SSO or access proxy (Cloudflare Access, an identity-aware proxy) stands in front of the API. A redirect to another origin makes clients drop the Authorization header on the next hop, so the final server sees no credential.',
    related: ['status.login-redirect', 'net.redirect-drops-auth'],
  },
  '400': {
    title: '400 Bad Request',
    text: 'Usually the request, not the key. But several providers answer a bad key with 400 (Google API_KEY_INVALID, xAI, Cloudflare codes 6003/6111), and a malformed Authorization header (no space after the scheme) earns a 400 invalid_request from RFC 6750 servers.',
    related: ['credential.invalid', 'header.wrong-scheme', 'status.error-in-body'],
  },
  '401': {
    title: '401 Unauthorized: "I don\'t know who you are"',
    text: 'The server did not accept a credential: none arrived, it arrived in the wrong header or scheme, it was mangled on the way (whitespace, quotes, a proxy that strips it, a redirect that drops it), or it is wrong, revoked or expired. The WWW-Authenticate header names the scheme expected and, per RFC 6750, error="invalid_token" when a token arrived but was refused (no error code at all when none arrived). Do not retry a 401 unchanged: it will not heal.',
    related: [
      'header.missing',
      'header.wrong-scheme',
      'key.whitespace',
      'credential.invalid',
      'credential.expired',
      'net.proxy-strips-auth',
      'net.redirect-drops-auth',
      'layer.gateway',
    ],
  },
  '402': {
    title: '402 Payment Required',
    text: 'The key is known; the account has no credit or its plan lapsed. Fix billing, not the key.',
    related: ['status.quota-exceeded'],
  },
  '403': {
    title: '403 Forbidden: "I know who you are, and no"',
    text: 'The credential was recognised but this action is not allowed: a missing scope or role, an org policy, an IP/referrer restriction, a region block. A 403 with no WWW-Authenticate from Cloudflare or another WAF is a bot block that never looked at the key. Some providers (Datadog, AWS, Resend) also answer an invalid key with 403: read the body.',
    related: [
      'status.forbidden',
      'credential.insufficient-scope',
      'credential.restricted',
      'status.waf-blocked',
      'credential.sso-required',
    ],
  },
  '404': {
    title: '404 Not Found',
    text: 'Either no such route (a wrong base URL or path) or a resource hidden from callers who may not see it: GitHub answers 404, not 403, for private repositories a token cannot reach. Compare with a request without the credential.',
    related: ['status.not-found-masked', 'status.no-route'],
  },
  '407': {
    title: '407 Proxy Authentication Required',
    text: 'A forward proxy between you and the API wants its own credentials in Proxy-Authorization (usually from the user:pass part of HTTP_PROXY/HTTPS_PROXY). The API key is not involved and was probably never seen by the API.',
    related: ['status.proxy-auth', 'net.proxy-configured'],
  },
  '429': {
    title: '429 Too Many Requests',
    text: 'The key works: you are rate limited, or out of quota (insufficient_quota). Back off and honour Retry-After; for quota, fix billing. Rotating the key does not help.',
    related: ['status.rate-limited', 'status.quota-exceeded'],
  },
  '5xx': {
    title: 'A server error',
    text: "The server or a gateway failed (500, 502, 503, 504): whether your credential is good cannot be told from this answer. Retry with backoff and check the provider's status page; do not rotate the key over it.",
    related: ['status.server-error'],
  },
};

/** `301` → `3xx`, `503` → `5xx`, `401` → `401`. */
export function statusKey(code: string): string | undefined {
  if (STATUS_EXPLAINED[code]) return code;
  if (/^3\d\d$/.test(code)) return '3xx';
  if (/^5\d\d$/.test(code)) return '5xx';
  if (/^2\d\d$/.test(code)) return '200';
  return undefined;
}
