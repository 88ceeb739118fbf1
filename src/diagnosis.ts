/**
 * The one `Diagnosis` (`why401/diagnosis@1`): what the library's `diagnose`, `diagnoseExchange`,
 * `withWhy401` and axios helper return, and what `why401 check --json` (and `curl`, `demo`)
 * print, serialized. Types only: made in one place, `makeDiagnosis` (src/engine/make-diagnosis.ts).
 */
import type { ExchangeJson } from './engine/exchanges.js';
import type { CredentialSummary } from './engine/lint-key.js';
import type { Verdict } from './engine/verdict.js';
import type { FindingId } from './findings/ids.js';
import type { Confidence, FindingData, Severity } from './findings/types.js';

/** One request that was sent and its answer, redacted (the `exchanges` of `why401/diagnosis@1`). */
export type Exchange = ExchangeJson;

/**
 * A finding of a diagnosis, with its catalog wording. The fields of spec/cli.md first (`evidence`
 * is one string there: the statements joined by `; `), then what the library and `--json` add.
 */
export interface DiagnosisFinding {
  readonly id: FindingId;
  readonly severity: Severity;
  /** One line, plain text. */
  readonly title: string;
  /** What was observed, redacted: the statements of `evidenceLines` joined by `; `. */
  readonly evidence: string;
  /** What to do, concretely. */
  readonly fix: string;
  /** How the finding was established: confirmed by a probe, definitive, attributed, heuristic. */
  readonly confidence: Confidence;
  /** The finding's page (docs/findings/<id>.md). */
  readonly docs: string;
  /** What was observed, one statement each (the human report prints one a line). */
  readonly evidenceLines: readonly string[];
  /** The structured facts the check observed, redacted. */
  readonly data: FindingData;
}

/**
 * Why a call was refused: the `why401/diagnosis@1` object of `why401 check --json`. Every
 * credential in it is redacted and every text scrubbed of the credentials seen: nothing in it
 * holds a raw key, so it is safe to log, print or serialise.
 */
export interface Diagnosis {
  readonly schema: 'why401/diagnosis@1';
  readonly target: {
    /** Redacted. */
    readonly url: string;
    readonly method: string;
    /** The provider id (`openai`, `github`, …), or null when neither host nor key tell. */
    readonly provider: string | null;
  };
  /** The credential as sent, redacted and fingerprinted; null when the request carried none. */
  readonly credential: CredentialSummary | null;
  readonly verdict: Verdict;
  /** Most likely cause first. */
  readonly findings: readonly DiagnosisFinding[];
  /** Every request sent (the call itself, redirects, probes), redacted. */
  readonly exchanges: readonly Exchange[];
}
