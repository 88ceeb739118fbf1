/**
 * What the issuer and the API publish about a bearer token, fetched without the token
 * (`src/collect/discovery.ts`): the issuer's metadata (OIDC discovery or RFC 8414) and its keys,
 * and the API's RFC 9728 protected resource metadata. The token checks read it beside the
 * request evidence; every field is public metadata, never a credential.
 */

/** A published key, as the JWKS gives it (members a public key needs, nothing else kept). */
export type PublishedKey = Readonly<Record<string, string>>;

export interface IssuerMetadata {
  /** The token's `iss`, exactly. */
  readonly iss: string;
  /** Where the metadata was found (undefined: nowhere). */
  readonly url?: string | undefined;
  /** The discovered `issuer`, exactly as published. */
  readonly issuer?: string | undefined;
  readonly jwksUri?: string | undefined;
  readonly tokenEndpoint?: string | undefined;
  /** `token_endpoint_auth_methods_supported`, as published (capped). */
  readonly tokenEndpointAuthMethods?: readonly string[] | undefined;
  /** The published keys (undefined: not fetched or not readable). At most MAX_KEYS. */
  readonly keys?: readonly PublishedKey[] | undefined;
  /** How many keys the JWKS held when more than were kept (the rest were cut). */
  readonly keysTotal?: number | undefined;
}

export interface ResourceMetadata {
  /** The `resource_metadata` URL the API named in `WWW-Authenticate`. */
  readonly url: string;
  /** RFC 9728 `resource`, when the document was read. */
  readonly resource?: string | undefined;
  readonly authorizationServers?: readonly string[] | undefined;
}

export interface TokenEvidence {
  readonly issuer?: IssuerMetadata | undefined;
  readonly resource?: ResourceMetadata | undefined;
  /** What was not fetched or read, and why (another origin, too large, no answer). */
  readonly notes: readonly string[];
}

/** Keys kept from one JWKS: a hostile issuer's 10,000 keys cost nothing past this. */
export const MAX_KEYS = 100;
