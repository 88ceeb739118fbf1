/** What the env collectors find: raw strings, read once; the engine wraps values in Secrets. */

export type SourceKind =
  'process' | 'dotenv' | 'compose' | 'dockerfile' | 'k8s' | 'shell' | 'netrc';

/** One place that sets a variable, with the value its loader gives. */
export interface Definition {
  readonly kind: SourceKind;
  readonly name: string;
  /** What the loader gives; null when only known at build or run time (ARG, `$(…)`). */
  readonly value: string | null;
  /** Shown path: relative to the folder, `~/…` under HOME; null for the process environment. */
  readonly file: string | null;
  readonly line: number | null;
  /** Who reads it: `dotenv`, `bash`, `compose environment (service api)`, `Dockerfile ENV`, … */
  readonly tool: string;
  /** Definitions of one group compete for one consumer: the highest priority (last on ties) wins. */
  readonly group: string;
  readonly priority: number;
  /** False for what never reaches a running process by itself (ARG, shell files, unloaded files). */
  readonly canWin: boolean;
  /** How the value was obtained or why it is unknown; never the value. */
  readonly note?: string;
  /** Written with quotes the loader removes (a loader with other rules would keep them). */
  readonly quotedInFile?: boolean;
  /** Dotenv files: rank in the load order, 0 first; absent when the tool does not load the file. */
  readonly rank?: number;
  /** Dockerfile: ENV or ARG, and whether it is in the final image (its stage or one it is built FROM). */
  readonly instruction?: 'ENV' | 'ARG';
  readonly finalStage?: boolean;
  /** Compose: `environment` or `env_file`, and the compose line that brings it in. */
  readonly via?: 'environment' | 'env_file';
  readonly composeRef?: string;
}

/** Facts about a file that defines variables. */
export interface FileFacts {
  readonly file: string;
  readonly kind: SourceKind;
  readonly crlf: boolean;
}

/** A `~/.netrc` entry: `machine` null for `default`. */
export interface NetrcEntry {
  readonly machine: string | null;
  readonly password: string | null;
  readonly hasLogin: boolean;
  readonly file: string;
  readonly line: number;
}
