/**
 * What `why401 token` saw at a token endpoint (RFC 6749 §5.2), as pure data for the checks of
 * this folder. Built by src/engine/token-request.ts; no credential in it, only facts about them.
 */

/** How the client sends its id and secret: an Authorization: Basic header, or the form body. */
export type ClientAuth = 'basic' | 'post';

export type TokenGrant = 'client_credentials' | 'refresh_token' | 'password';

/** The registered names of RFC 8414 / OpenID Connect Discovery. */
export const AUTH_METHOD_NAME: Readonly<Record<ClientAuth, string>> = {
  basic: 'client_secret_basic',
  post: 'client_secret_post',
};

export function otherAuth(auth: ClientAuth): ClientAuth {
  return auth === 'basic' ? 'post' : 'basic';
}

/** A token endpoint's answer, read (see `readTokenAnswer`). */
export interface TokenAnswer {
  readonly status: number;
  /** An access_token came back (2xx). */
  readonly issued: boolean;
  /** RFC 6749 §5.2 `error` (lower-cased, trimmed), when the body has one. */
  readonly error?: string | undefined;
  /** `error_description`: its first line, at most 300 characters. */
  readonly description?: string | undefined;
  readonly uri?: string | undefined;
  /** Azure's code: `AADSTS7000215` (from `error_codes` or the description). */
  readonly aadsts?: string | undefined;
  /** The auth-schemes of `WWW-Authenticate` (lower-case: `basic`, `bearer`). */
  readonly challenges: readonly string[];
}

/**
 * The client got past client authentication: a token, or an error about something checked after
 * it (the grant, the scope). `invalid_request` is both: about the client's credentials (their
 * encoding, none found) it is not past, about anything else it is.
 */
export function authenticated(answer: TokenAnswer | undefined): boolean {
  if (answer === undefined) return false;
  if (answer.issued) return true;
  if (answer.status >= 500 || answer.status === 401) return false;
  if (answer.error === undefined || CLIENT_ERRORS.has(answer.error)) return false;
  if (CLIENT_AADSTS.has(answer.aadsts ?? '')) return false;
  if (answer.error === 'invalid_request')
    return !/client[ _-]?(id|secret|auth)|authori[sz]ation header|authenticat|credential/i.test(
      answer.description ?? '',
    );
  return true;
}

/**
 * `error` values that say the client itself was refused: RFC 6749's, GitHub's (answered with
 * 200), Salesforce's; Auth0 answers `access_denied` with 401 (a 401 is never past the client).
 */
export const CLIENT_ERRORS: ReadonlySet<string> = new Set([
  'invalid_client',
  'incorrect_client_credentials',
  'invalid_client_id',
  'invalid_client_secret',
]);

/** Azure codes that say the client (not the grant) failed, whatever `error` says. */
const CLIENT_AADSTS = new Set([
  'AADSTS7000215',
  'AADSTS7000222',
  'AADSTS700016',
  'AADSTS90002',
  'AADSTS900023',
  'AADSTS7000218',
  'AADSTS700027',
  'AADSTS7000112',
  'AADSTS700024',
]);

export interface TokenEndpointEvidence {
  readonly auth: ClientAuth;
  readonly grant: TokenGrant;
  /** The client secret's shape (after cleaning): a GUID is a secret's id, not its value. */
  readonly secret: 'guid' | 'value' | 'missing';
  /** The secret is the client id itself (pasted twice). */
  readonly secretIsClientId?: boolean | undefined;
  readonly requested: {
    readonly scope?: string | undefined;
    readonly audience?: string | undefined;
    readonly resources: readonly string[];
  };
  /** The answer to the request as the app sends it; undefined when none came. */
  readonly answer: TokenAnswer | undefined;
  /** Discovery's `token_endpoint_auth_methods_supported`, when discovery was read. */
  readonly supportedMethods?: readonly string[] | undefined;
  readonly probes: {
    /** The same request with the other client authentication method. */
    readonly otherAuth?: TokenAnswer | undefined;
    /** The same request with the secret cleaned (whitespace, quotes, newline removed). */
    readonly cleaned?: TokenAnswer | undefined;
  };
}
