import type { Secret } from '../secret/secret.js';
import type { KeyShape, Provider } from '../providers/types.js';
import type { BrokenJwt, DecodedJwt } from '../parse/jwt.js';
import type { ShapeFamily } from '../providers/detect.js';

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
  /** The distinctive prefix the meant value starts with, and how it fits that prefix's shapes. */
  readonly family?: ShapeFamily;
  /**
   * A Basic credential that decodes to `user:password`: each half as its own evidence (linted
   * apart, named), and which half is the key (`core` and `matches` are that half's).
   */
  readonly basic?: BasicPair;
}

export type BasicHalf = 'user' | 'password';

export interface BasicPair {
  /** The half that is the credential: the password, unless it is empty or the user is a key. */
  readonly key: BasicHalf;
  readonly halves: readonly { readonly half: BasicHalf; readonly evidence: KeyEvidence }[];
}
