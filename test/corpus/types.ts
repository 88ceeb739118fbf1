/**
 * The generalisation corpus of issue 14, as data. Each case is one real situation: what an app
 * sends, what the server (and any layer in front of it) answers, as the real servers word it, and
 * the cause a careful human would name. The runner (`run.ts`) stands a loopback server up per case
 * that answers by the case's rules, runs the built CLI (`check URL -H … --json`) and compares.
 *
 * Written blind: the expectations come from the sources, not from what the engine answers.
 */
import type { FindingId } from '../../src/findings/ids.js';

/**
 * A key's shape, as a pattern: literal text with `{alnum:N}`, `{hex:N}` (lower-case), `{HEX:N}`
 * (upper-case hex), `{b64url:N}`, `{digits:N}`, `{upper:N}` (A-Z0-9), `{lower:N}` (a-z0-9) filled
 * with random characters at run time. A plain string without braces is used as is (placeholders).
 */
export type KeyPattern = string;

/** A JWT made at run time (HS256 with a random secret): times are seconds relative to now. */
export interface JwtSpec {
  readonly header?: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly times?: { readonly exp?: number; readonly nbf?: number; readonly iat?: number };
}

export interface KeySpec {
  /** The key's shape (ignored when `jwt` is given). */
  readonly pattern?: KeyPattern;
  readonly jwt?: JwtSpec;
  /**
   * `{{BASIC}}` in a template is base64(`user` + ':' + key + `after`): the pair as the app builds it
   * (`after: '\n'` for `echo user:key | base64`).
   */
  readonly basic?: { readonly user: string; readonly after?: string };
  /** What the key's value carries around it as the app holds it (a trailing newline, quotes…). */
  readonly wrap?: { readonly before?: string; readonly after?: string };
}

/**
 * Templates (header values, bodies, Location): `{{KEY}}` (the key as the app holds it, `wrap`
 * included), `{{KEY_CLEAN}}` (without `wrap`), `{{KEY_URL}}` (percent-encoded), `{{BASIC}}`,
 * `{{KEY_FIRST2}}`, `{{KEY_FIRST4}}`, `{{KEY_LAST2}}`, `{{KEY_LAST4}}`, `{{ORIGIN}}` (this
 * server), `{{ALT_ORIGIN}}` (the case's second server, on 127.0.0.2), `{{HOST}}`.
 */
export type Template = string;

/** One condition on the request a server receives; a rule matches when all of its hold. */
export type Condition =
  | { readonly header: string; readonly equals: Template }
  | { readonly header: string; readonly absent: true }
  | { readonly header: string; readonly present: true }
  | { readonly header: string; readonly contains: Template }
  | { readonly query: string; readonly equals: Template }
  | { readonly query: string; readonly absent: true }
  | { readonly pathPrefix: string }
  | { readonly method: string };

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Template;
}

export interface Rule {
  readonly when: readonly Condition[];
  readonly reply: Reply;
}

export interface ServerSpec {
  /** First matching rule answers; a rule with `when: []` is the default (put it last). */
  readonly rules: readonly Rule[];
}

export interface RequestSpec {
  readonly method: string;
  /** Path and query, templated (`/bot{{KEY}}/getMe`, `/v1/x?key={{KEY_URL}}`). */
  readonly path: Template;
  /** Headers exactly as the app sends them (name casing kept), templated. */
  readonly headers: Readonly<Record<string, Template>>;
  readonly body?: string;
}

export type Verdict = 'rejected' | 'inconclusive';

/**
 * The ids of shared/spec/findings.md: those the code has (src/findings/ids.ts) and the token
 * family the spec names that the code may not have yet (a case expecting one fails until it does).
 */
export type ExpectedId =
  | FindingId
  | 'key.malformed'
  | 'token.id-token'
  | 'token.wrong-audience'
  | 'token.wrong-issuer'
  | 'token.unknown-key'
  | 'token.bad-signature'
  | 'token.not-jwt';

export interface Expectation {
  readonly status: Verdict;
  /**
   * The cause a careful human names. For `inconclusive`, the candidate a human would rank first,
   * or null when any (or none) is acceptable as long as the verdict does not claim a cause.
   */
  readonly cause: ExpectedId | null;
  /** Other causes a careful human would accept as well (truly ambiguous cases only). */
  readonly alternatives?: readonly ExpectedId[];
  /** Why: the reasoning a human follows from the evidence. */
  readonly because: string;
}

export type Front =
  /** Real nginx in front: `proxy_set_header Authorization ""`, underscore headers dropped. */
  'nginx-strip';

export interface CorpusCase {
  /** Stable id: `<family>-<provider or layer>-<situation>`. */
  readonly id: string;
  readonly name: string;
  /** URL or `file#section` where the situation and the server's wording come from. */
  readonly source: string;
  /** `--provider` when a real client would be talking to that provider's host. */
  readonly provider?: string;
  /** Extra CLI arguments (e.g. `--base-url`), besides the URL, headers and `--provider`. */
  readonly args?: readonly string[];
  readonly key: KeySpec;
  readonly request: RequestSpec;
  readonly server: ServerSpec;
  /** A second origin (127.0.0.2) for redirects to another host. */
  readonly alt?: ServerSpec;
  readonly front?: Front;
  readonly expect: Expectation;
}
