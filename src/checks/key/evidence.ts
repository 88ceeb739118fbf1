import type { Secret } from '../../secret/secret.js';
import type { KeyShape, Provider } from '../../providers/types.js';
import type { BrokenJwt, DecodedJwt } from '../../parse/jwt.js';

export interface ShapeMatch {
  readonly provider: Provider;
  readonly shape: KeyShape;
}

/** Everything the key checks may look at. Built once by `collectKeyEvidence`; checks are pure. */
export interface KeyEvidence {
  readonly secret: Secret;
  /** The value with a scheme (`Bearer `) removed, trimmed, unquoted: what the user meant. */
  readonly core: string;
  /** Shapes the meant value fits, non-generic first. */
  readonly matches: readonly ShapeMatch[];
  /** The provider the key is expected to be for, and why (`--provider` or the URL's host). */
  readonly expected: { readonly provider: Provider; readonly by: 'flag' | 'host' } | null;
  readonly jwt: DecodedJwt | BrokenJwt | null;
  /** ms since the epoch: the server's clock when a `Date` header was seen, else ours. */
  readonly now: number;
  readonly clock: 'server' | 'local';
  /** The scheme it travels under when it came from a header (`Bearer`, `Basic`). */
  readonly scheme?: string;
  /** The request path, when the key is checked for a request. */
  readonly path?: string;
}
