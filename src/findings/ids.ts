/**
 * Every finding id, grouped by family. Ids are public API (shared/spec/findings.md):
 * add freely, never rename or remove.
 */
export const FINDING_IDS = [
  // key: the credential string itself (offline)
  'key.missing',
  'key.whitespace',
  'key.newline',
  'key.invisible',
  'key.non-ascii',
  'key.quoted',
  'key.placeholder',
  'key.unexpanded',
  'key.masked',
  'key.scheme-included',
  'key.truncated',
  'key.malformed',
  'key.wrong-provider',
  'key.wrong-type',
  'key.wrong-environment',
  'key.expired',
  'key.not-yet-valid',
  'key.expiring-soon',
  'key.basic-malformed',
  // header: how the credential is sent
  'header.missing',
  'header.wrong-scheme',
  'header.wrong-name',
  'header.duplicate',
  'header.required-missing',
  'header.underscore-name',
  // status: what the answer really means
  'status.forbidden',
  'status.rate-limited',
  'status.quota-exceeded',
  'status.not-found-masked',
  'status.proxy-auth',
  'status.waf-blocked',
  'status.login-redirect',
  'status.error-in-body',
  'status.no-route',
  'status.server-error',
  // credential: the provider rejected a well-formed credential
  'credential.invalid',
  'credential.expired',
  'credential.wrong-account',
  'credential.wrong-region',
  'credential.insufficient-scope',
  'credential.sso-required',
  'credential.restricted',
  // layer: who answered
  'layer.gateway',
  'layer.upstream',
  // net: the path between client and API
  'net.redirect-drops-auth',
  'net.insecure-scheme',
  'net.proxy-configured',
  'net.proxy-strips-auth',
  'net.clock-skew',
  'net.tls-error',
  'net.unreachable',
  // env: where the variable's value comes from
  'env.unset',
  'env.similar-name',
  'env.framework-prefix',
  'env.not-loaded',
  'env.stale',
  'env.shadowed',
  'env.duplicate',
  'env.crlf',
  'env.quotes-kept',
  'env.file-precedence',
  'env.docker-baked',
  'env.compose-mismatch',
  'env.k8s-newline',
  'env.netrc',
  'env.base-url-override',
  // token: OAuth 2 / OpenID Connect access tokens (issue 16)
  'token.id-token',
  'token.wrong-issuer',
  'token.wrong-audience',
  'token.unknown-key',
  'token.bad-signature',
  'token.not-jwt',
  // token: the token endpoint (issue 16, why401 token)
  'token.client-auth-method',
  'token.client-secret-id',
  'token.invalid-client',
  'token.invalid-grant',
  'token.scope-denied',
] as const;

export type FindingId = (typeof FINDING_IDS)[number];

export type FindingFamily = FindingId extends `${infer F}.${string}` ? F : never;

const known: ReadonlySet<string> = new Set(FINDING_IDS);

export function isFindingId(value: string): value is FindingId {
  return known.has(value);
}
