import { findingDocsUrl } from './docs.js';
import type { Finding } from './types.js';

/**
 * The JSON form of a finding (spec/cli.md): id, severity, title, evidence (its statements joined
 * by `; `, one string), fix, then the confidence and the finding's page. What `key --json`,
 * `env --json` and capture's lines print; a diagnosis's findings add their statements one by one
 * and the data (`DiagnosisFinding`, src/diagnosis.ts).
 */
export function findingJson(f: Finding) {
  return {
    id: f.id,
    severity: f.severity,
    title: f.title,
    evidence: f.evidence.join('; '),
    fix: f.fix,
    confidence: f.confidence,
    docs: findingDocsUrl(f.id),
  };
}
