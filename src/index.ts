/**
 * why401 as a library. Every export is named; nothing internal leaks through `export *`.
 * docs/api.md has an example for each.
 */
export { diagnose, diagnoseExchange } from './lib/diagnose-api.js';
export type {
  DiagnoseRequest,
  DiagnoseOptions,
  SentRequest,
  ReceivedResponse,
  FailedExchange,
  DiagnoseExchangeOptions,
} from './lib/diagnose-api.js';
export type { Diagnosis, DiagnosisFinding, Exchange } from './diagnosis.js';
export type { HeadersInput } from './lib/headers.js';
export { diagnoseTokenRequest } from './lib/token.js';
export type { TokenRequest, TokenRequestOptions } from './lib/token.js';
export { formatDiagnosis } from './lib/format.js';
export type { FormatOptions } from './lib/format.js';

export { withWhy401 } from './lib/with-why401.js';
export type { FetchLike, WithWhy401Options } from './lib/with-why401.js';
export { why401AxiosInterceptor, attachWhy401 } from './lib/axios.js';
export type {
  AxiosInstanceLike,
  AxiosResponseLike,
  Why401AxiosOptions,
  Why401AxiosInterceptor,
} from './lib/axios.js';
export { diagnosisOf } from './lib/refusal.js';
export type { RefusalOptions } from './lib/refusal.js';

export { lintKey } from './lib/key.js';
export type { LintKeyOptions } from './lib/key.js';
export type { KeyReport, CredentialSummary } from './engine/lint-key.js';
export type { VisibleRendering } from './secret/visible.js';
export { traceEnv } from './engine/trace-env.js';
export type { TraceEnvOptions, EnvReport, EnvContext } from './engine/trace-env.js';
export type { EnvSource } from './evidence/env.js';

export { explain } from './lib/explain.js';
export type { Explanation } from './lib/explain.js';
export { findingDocsUrl } from './findings/docs.js';
export { FINDING_IDS, isFindingId } from './findings/ids.js';
export type { FindingId } from './findings/ids.js';
export type { Finding, FindingData, Severity, Confidence } from './findings/types.js';
export type { Verdict, VerdictStatus } from './engine/verdict.js';

export { providers, detectProvider, providerById } from './lib/providers.js';
export type { ProviderDetection } from './lib/providers.js';
export type { Provider, KeyShape, KeyKind, Placement } from './providers/types.js';

export { Why401Error, isWhy401Error } from './errors.js';
export type { Why401ErrorCode, Why401ErrorOptions } from './errors.js';
export { Secret, fingerprint } from './secret/secret.js';
