import { specOf } from '../findings/catalog/index.js';
import { findingDocsUrl } from '../findings/docs.js';
import { isFindingId, FINDING_IDS, type FindingId } from '../findings/ids.js';
import type { Severity } from '../findings/types.js';
import { inputError } from '../errors.js';

/** The long form of a finding: what `why401 explain <id>` prints. */
export interface Explanation {
  readonly id: FindingId;
  readonly severity: Severity;
  /** One line. */
  readonly title: string;
  /** What it means. */
  readonly meaning: string;
  /** How it happens. */
  readonly causes: string;
  /** How to confirm it. */
  readonly confirm: string;
  /** How to fix it. */
  readonly fix: string;
  /** Ids of real reported cases. */
  readonly cases: readonly string[];
  /** The page docs/findings/<id>.md. */
  readonly docs: string;
}

/**
 * The long form of a finding id. Throws a `Why401Error` (`WHY401_E_INPUT`) for an unknown id.
 *
 * @example
 * const e = explain('key.newline');
 * console.log(e.title, '\n', e.fix, '\n', e.docs);
 */
export function explain(id: FindingId | string): Explanation {
  if (!isFindingId(id)) {
    const near = FINDING_IDS.filter((known) => known.includes(String(id).toLowerCase()));
    throw inputError(
      `no finding id "${String(id).slice(0, 60)}"${near.length ? `; did you mean ${near.slice(0, 5).join(', ')}?` : ''}`,
    );
  }
  const spec = specOf(id);
  return {
    id,
    severity: spec.severity,
    title: spec.title,
    meaning: spec.explain.meaning,
    causes: spec.explain.causes,
    confirm: spec.explain.confirm,
    fix: spec.explain.fix,
    cases: spec.explain.cases ?? [],
    docs: findingDocsUrl(id),
  };
}
