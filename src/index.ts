/**
 * why401 as a library. Every export is named; nothing internal leaks through `export *`.
 */
export { diagnose } from './engine/diagnose.js';
export type { Diagnosis, DiagnoseOptions } from './engine/diagnose.js';
export type { RequestInput } from './engine/build-request.js';
export type { Verdict, VerdictStatus } from './engine/verdict.js';
export { lintKey } from './engine/lint-key.js';
export type { KeyReport, CredentialSummary } from './engine/lint-key.js';
export { Secret, fingerprint, redact } from './secret/secret.js';
export { renderVisible } from './secret/visible.js';
export type { VisibleRendering } from './secret/visible.js';
export { FINDING_IDS, isFindingId } from './findings/ids.js';
export type { FindingId } from './findings/ids.js';
export type { Finding, Severity, Confidence } from './findings/types.js';
export { CATALOG as FINDING_CATALOG } from './findings/catalog/index.js';
export { PROVIDERS as providers } from './providers/catalog.js';
export { detectProvider, providerById } from './providers/detect.js';
export type { Provider, KeyShape, KeyKind, Placement } from './providers/types.js';
export { Why401Error, isWhy401Error } from './errors.js';
export type { Why401ErrorCode } from './errors.js';

import { specOf } from './findings/catalog/index.js';
import type { FindingId } from './findings/ids.js';

/** The long form of a finding id: what it means, how it happens, how to confirm and fix it. */
export function explain(id: FindingId) {
  const spec = specOf(id);
  return { id, severity: spec.severity, title: spec.title, ...spec.explain };
}
