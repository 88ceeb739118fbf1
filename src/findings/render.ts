import { specOf } from './catalog/index.js';
import type { Confidence, Finding, RawFinding, Severity } from './types.js';

const CONFIDENCE_RANK: Record<Confidence, number> = {
  confirmed: 0,
  definitive: 1,
  attributed: 2,
  heuristic: 3,
};
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Gives a raw finding its catalog wording. */
export function renderFinding(raw: RawFinding): Finding {
  const spec = specOf(raw.id);
  const data = raw.data ?? {};
  return {
    id: raw.id,
    severity: raw.severity ?? spec.severity,
    confidence: raw.confidence,
    title: spec.title,
    evidence: raw.evidence,
    fix: typeof spec.fix === 'function' ? spec.fix(data) : spec.fix,
    data,
  };
}

/** Most likely cause first: severity, then how the finding was established. Stable otherwise. */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence],
  );
}

/** One finding per id: the first (highest ranked) wins, later evidence is merged in. */
export function dedupeFindings(findings: readonly RawFinding[]): RawFinding[] {
  const byId = new Map<string, RawFinding>();
  for (const f of findings) {
    const seen = byId.get(f.id);
    if (!seen) {
      byId.set(f.id, f);
      continue;
    }
    const better = CONFIDENCE_RANK[f.confidence] < CONFIDENCE_RANK[seen.confidence] ? f : seen;
    const other = better === f ? seen : f;
    const evidence = [
      ...better.evidence,
      ...other.evidence.filter((e) => !better.evidence.includes(e)),
    ];
    byId.set(f.id, { ...better, evidence, data: { ...other.data, ...better.data } });
  }
  return [...byId.values()];
}
