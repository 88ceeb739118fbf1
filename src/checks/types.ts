import type { Confidence, FindingData, RawFinding } from '../findings/types.js';
import type { FindingId } from '../findings/ids.js';

/** A pure function from evidence to findings; one per file, registered in an explicit list. */
export interface Check<E> {
  readonly name: string;
  run(evidence: E): readonly RawFinding[];
}

export function defineCheck<E>(
  name: string,
  run: (evidence: E) => readonly RawFinding[],
): Check<E> {
  return { name, run };
}

/** Evidence lines kept per finding: a 64 KiB key of hidden characters must not print 64 Ki lines. */
export const MAX_EVIDENCE = 12;

export function finding(
  id: FindingId,
  confidence: Confidence,
  evidence: string | readonly string[],
  data?: FindingData,
): RawFinding {
  const lines = typeof evidence === 'string' ? [evidence] : evidence;
  return {
    id,
    confidence,
    evidence:
      lines.length > MAX_EVIDENCE
        ? [
            ...lines.slice(0, MAX_EVIDENCE - 2),
            `… ${lines.length - MAX_EVIDENCE + 1} more`,
            ...lines.slice(-1),
          ]
        : lines,
    ...(data ? { data } : {}),
  };
}

/** Runs checks in order; a check that throws is skipped, never aborting the run. */
export function runChecks<E>(checks: readonly Check<E>[], evidence: E): RawFinding[] {
  const out: RawFinding[] = [];
  for (const check of checks) {
    try {
      out.push(...check.run(evidence));
    } catch {
      // A broken check must not hide the others' findings; its silence is the cost.
    }
  }
  return out;
}
