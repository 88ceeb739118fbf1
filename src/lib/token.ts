import {
  diagnoseTokenRequest as diagnoseToken,
  type ClientAuth,
  type TokenGrant,
} from '../engine/token-request.js';
import { Secret } from '../secret/secret.js';
import type { Diagnosis } from '../diagnosis.js';

/** A token request the way your app sends it (`why401 token`). */
export interface TokenRequest {
  /** The token endpoint; or `issuer`, whose discovery document names it. */
  readonly tokenUrl?: string | undefined;
  /** The issuer: `<issuer>/.well-known/openid-configuration` (or RFC 8414) is read, no credential. */
  readonly issuer?: string | undefined;
  readonly clientId: string;
  /** The client secret exactly as your app has it (a newline included); omit for a public client. */
  readonly clientSecret?: string | Secret | null | undefined;
  /** `client_credentials` (default), `refresh_token` or `password`. */
  readonly grant?: TokenGrant | undefined;
  readonly refreshToken?: string | Secret | undefined;
  readonly username?: string | undefined;
  readonly password?: string | Secret | undefined;
  readonly scope?: string | undefined;
  readonly audience?: string | undefined;
  /** RFC 8707 resource indicators. */
  readonly resources?: readonly string[] | undefined;
  /** `basic` (client_secret_basic, default) or `post` (client_secret_post). */
  readonly auth?: ClientAuth | undefined;
  /** An API to call with the token received (GET, `Authorization: Bearer`): the pair is diagnosed. */
  readonly then?: string | undefined;
}

export interface TokenRequestOptions {
  /**
   * At most 2 probes to the token endpoint's origin when the client is refused: the other client
   * authentication method, the secret cleaned (refresh_token and password grants send a
   * stand-in grant). On by default: this call exists to diagnose.
   */
  readonly probe?: boolean | undefined;
  /** Every request together, in ms (default 10000). */
  readonly timeoutMs?: number | undefined;
  /** A proxy URL, `null` for none, undefined to read HTTP(S)_PROXY / NO_PROXY from `env`. */
  readonly proxy?: string | null | undefined;
  readonly insecure?: boolean | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly onProgress?: ((line: string) => void) | undefined;
}

const secretOf = (v: string | Secret | undefined, source: string): Secret | undefined =>
  typeof v === 'string' ? new Secret(v, source) : v;

/**
 * Sends the token request, reads the answer (RFC 6749 errors, Azure's AADSTS codes) and names the
 * cause: the engine of `why401 token`. Never throws for a refused or failed request (that is the
 * verdict); throws a `Why401Error` (`WHY401_E_USAGE`) for missing or malformed input. The access
 * token received is never in the result (redacted like every credential).
 *
 * @example
 * const d = await diagnoseTokenRequest({
 *   issuer: 'https://idp.example.com/realms/demo',
 *   clientId: 'svc',
 *   clientSecret: process.env.CLIENT_SECRET,
 * });
 * if (d.verdict.status !== 'accepted') console.error(d.verdict.summary, d.findings[0]?.fix);
 */
export async function diagnoseTokenRequest(
  request: TokenRequest,
  options: TokenRequestOptions = {},
): Promise<Diagnosis> {
  const d = await diagnoseToken(
    {
      tokenUrl: request.tokenUrl,
      issuer: request.issuer,
      clientId: request.clientId,
      clientSecret: secretOf(request.clientSecret ?? undefined, 'option:clientSecret') ?? null,
      grant: request.grant,
      refreshToken: secretOf(request.refreshToken, 'option:refreshToken'),
      username: request.username,
      password: secretOf(request.password, 'option:password'),
      scope: request.scope,
      audience: request.audience,
      resources: request.resources,
      auth: request.auth,
      then: request.then,
    },
    {
      probe: options.probe !== false,
      timeoutMs: options.timeoutMs,
      proxy: options.proxy,
      insecure: options.insecure,
      env: options.env,
      onProgress: options.onProgress,
    },
  );
  return d;
}
