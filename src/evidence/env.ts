import type { DotenvLoader } from './dotenv-loader.js';
import type { FileFacts, SourceKind } from './env-definitions.js';
import type { Framework } from './framework.js';
import type { Secret } from '../secret/secret.js';

/** One place that gives the variable a value, and whether that value is the one its consumer sees. */
export interface EnvSource {
  readonly kind: SourceKind;
  /** Shown path; null for the process environment. */
  readonly file: string | null;
  readonly line: number | null;
  readonly value: Secret;
  /** The value its consumer (the app, a compose service, an image, a pod, an HTTP client) gets. */
  readonly wins: boolean;
  readonly tool?: string;
  /** Definitions of one group compete for one consumer. */
  readonly group: string;
  readonly note?: string;
  readonly rank?: number;
  readonly quotedInFile?: boolean;
  readonly instruction?: 'ENV' | 'ARG';
  readonly finalStage?: boolean;
  readonly via?: 'environment' | 'env_file';
  readonly composeRef?: string;
}

/** A place that sets the variable to a value only known at build or run time (ARG, `$(…)`). */
export interface EnvDeclaration {
  readonly kind: SourceKind;
  readonly file: string | null;
  readonly line: number | null;
  readonly tool: string;
  readonly group: string;
  readonly note?: string;
  readonly instruction?: 'ENV' | 'ARG';
}

/** A set variable whose name is close to the wanted one. */
export interface SimilarName {
  readonly name: string;
  /** Why it is close: `a known alias`, `a close spelling`, … */
  readonly reason: string;
  /** `the process environment` or `file:line`. */
  readonly where: string;
  readonly fingerprint: string;
}

/** A base-URL variable that sends the provider's SDK elsewhere. */
export interface BaseUrlSetting {
  readonly name: string;
  /** The host it points to; null when it is not a URL. */
  readonly host: string | null;
  readonly where: string;
  /** Who reads it (`the OpenAI SDKs`). */
  readonly readers: string;
  /** The provider's own host. */
  readonly expected: string;
}

/** Everything the env checks may look at, built once by the engine; checks are pure. */
export interface EnvEvidence {
  readonly name: string;
  readonly loader: DotenvLoader;
  readonly framework: Framework | null;
  readonly sources: readonly EnvSource[];
  readonly declarations: readonly EnvDeclaration[];
  /** Facts about the files that define the variable. */
  readonly files: readonly FileFacts[];
  readonly similar: readonly SimilarName[];
  readonly baseUrls: readonly BaseUrlSetting[];
  /** The host a netrc entry was looked up for. */
  readonly host: string | null;
}
