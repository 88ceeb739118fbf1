/** What a credential is, as far as its shape tells. */
export type KeyKind =
  | 'secret'
  | 'publishable'
  | 'restricted'
  | 'test'
  | 'live'
  | 'admin'
  | 'project'
  | 'service-account'
  | 'session'
  | 'oauth'
  | 'refresh'
  | 'jwt'
  | 'basic'
  | 'identifier'
  | 'ingest'
  | 'webhook'
  | 'legacy'
  /** An account-wide key that travels with the account's email (Cloudflare's Global API Key). */
  | 'global';

/** One known shape of a provider's credentials. */
export interface KeyShape {
  /** Anchored at both ends when used for detection (the catalog stores it unanchored). */
  readonly pattern: RegExp;
  readonly kinds: readonly KeyKind[];
  /** The public literal prefix (`sk-proj-`, `ghp_`), shown in redacted forms. */
  readonly prefix?: string;
  /** A bare hex/alnum/UUID shape that many providers share: only a hint, never proof. */
  readonly generic?: boolean;
  /** Usable for the target endpoint? `false` for identifiers and publishable keys, etc. */
  readonly usableAsApiKey?: boolean;
  /**
   * The pattern's lengths are those of real keys (documentation, public samples) unless this is
   * set: then nobody here has seen enough real keys to bound them, and a key longer than the
   * pattern allows is not called damaged by its length alone.
   */
  readonly lengthUnverified?: boolean;
  readonly note: string;
}

/** Where and how the credential travels. */
export type Placement = (
  | {
      readonly in: 'header';
      readonly name: string;
      /** `Bearer`, `Token`, `Bot`, `Basic`, `Token token=`; null when the raw key is the value. */
      readonly scheme: string | null;
      readonly note?: string;
    }
  | { readonly in: 'query'; readonly name: string; readonly note?: string }
  | { readonly in: 'path'; readonly template: string; readonly note?: string }
  | {
      readonly in: 'basic';
      /** How the pair is made: the key as user, as password, or a fixed user name. */
      readonly pair: 'key:' | ':key' | 'user:key' | 'api:key';
      /**
       * With `user:key`: the name of the value that is the user (`check --param NAME=…`), e.g.
       * Twilio's `AccountSID`, Atlassian's `email`. `--param user=…` always works too.
       */
      readonly user?: string;
      readonly note?: string;
    }
  | { readonly in: 'signature'; readonly name: string; readonly note?: string }
) & {
  /**
   * An alternative that takes only keys of these kinds (an admin key's header, a JWT's): a key of
   * another kind sent there is in the wrong place. Absent: any key.
   */
  readonly forKinds?: readonly KeyKind[];
};

export interface CompanionHeader {
  readonly name: string;
  readonly value: string;
  readonly required: boolean;
  readonly note?: string;
}

export interface ValidationRequest {
  readonly method: 'GET' | 'POST' | 'HEAD';
  /**
   * May hold `<placeholders>`: the key itself (`<key>`, `<token>`), and values the user supplies
   * (`<resource>`, `<AccountSID>`: `check --param NAME=VALUE`, or --base-url for a host).
   */
  readonly url: string;
  readonly successStatus: number;
  /** The documented body; may hold `<placeholders>` like the URL. */
  readonly body?: string;
  readonly note?: string;
}

export interface ErrorShape {
  readonly status: number;
  readonly when: string;
  readonly body: string;
  readonly wwwAuthenticate?: string;
}

export interface RevealingHeader {
  readonly name: string;
  readonly meaning: string;
}

/** A field of a response body (validation call, error, token) that reveals identity, scope or expiry. */
export interface RevealingBodyField {
  /** Which body: `whoami-v2 body`, `error body`, `legacy key JWT payload`. */
  readonly source: string;
  /** Field paths inside it, e.g. `auth.accessToken.role`. */
  readonly fields: readonly string[];
  readonly meaning: string;
}

export interface Region {
  readonly region: string;
  readonly host: string;
}

export interface Provider {
  readonly id: string;
  readonly name: string;
  /**
   * Host names; `*` stands for one or more labels (`*.openai.azure.com`), or for part of one label
   * (`*-aiplatform.googleapis.com`).
   */
  readonly hosts: readonly string[];
  /** Sibling hosts of the same API in other regions or sites (probed for wrong-region). */
  readonly regions?: readonly Region[];
  readonly auth: Placement;
  readonly alternatives: readonly Placement[];
  readonly headers: readonly CompanionHeader[];
  /** Query parameters that travel next to the credential (Azure `api-version`, Vercel `teamId`). */
  readonly queryParams?: readonly CompanionHeader[];
  readonly keyShapes: readonly KeyShape[];
  readonly validate: ValidationRequest;
  readonly errorShapes: readonly ErrorShape[];
  readonly revealingHeaders: readonly RevealingHeader[];
  /** Body fields (not headers) that reveal identity, scope or expiry. */
  readonly revealingBody?: readonly RevealingBodyField[];
  /** Facts the research could not confirm, kept visible. */
  readonly unverified?: readonly string[];
}
