import type { FindingId } from './ids.js';

/** One spelling everywhere: text, JSON, flags. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * How sure we are, strongest first. A probe that confirmed the cause beats a verdict read off
 * the key alone, which beats attributing the answer to a layer, which beats a heuristic.
 */
export type Confidence = 'confirmed' | 'definitive' | 'attributed' | 'heuristic';

/** Structured, already-redacted facts a check observed. Never a raw credential. */
export type FindingData = Readonly<
  Record<string, string | number | boolean | null | readonly string[] | undefined>
>;

/** The wording of one finding id: lives in exactly one place, the catalog. */
export interface FindingSpec {
  readonly severity: Severity;
  /** One line, plain text. */
  readonly title: string;
  /** What to do, concretely. May use the finding's data. */
  readonly fix: string | ((data: FindingData) => string);
  /** The long form printed by `why401 explain <id>`. */
  readonly explain: {
    readonly meaning: string;
    readonly causes: string;
    readonly confirm: string;
    readonly fix: string;
    /** Case ids of shared/research/real-401-cases.md, e.g. ['ws-01', 'ws-09']. */
    readonly cases?: readonly string[];
  };
}

/** A finding as checks produce it: data, no wording. */
export interface RawFinding {
  readonly id: FindingId;
  /** What was observed, one short redacted statement each. */
  readonly evidence: readonly string[];
  readonly confidence: Confidence;
  readonly severity?: Severity;
  readonly data?: FindingData;
}

/** A finding rendered with its catalog wording: what reporters print. */
export interface Finding {
  readonly id: FindingId;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly title: string;
  readonly evidence: readonly string[];
  readonly fix: string;
  readonly data: FindingData;
}
