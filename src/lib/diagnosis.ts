import type { Diagnosis as EngineDiagnosis } from '../engine/diagnose.js';
import type { ExchangeJson } from '../engine/exchanges.js';
import type { CredentialSummary } from '../engine/lint-key.js';
import type { Verdict } from '../engine/verdict.js';
import type { Finding, FindingData } from '../findings/types.js';
import { scrub } from '../secret/scrub.js';

/** One request that was sent and its answer, redacted (the `exchanges` of `why401/diagnosis@1`). */
export type Exchange = ExchangeJson;

/**
 * Why a call was refused: the `why401/diagnosis@1` object of `why401 check --json`, with each
 * finding's catalog wording and confidence. Every credential in it is redacted, and nothing in
 * it holds a raw key: it is safe to log, print or serialise.
 */
export interface Diagnosis {
  readonly schema: 'why401/diagnosis@1';
  readonly target: {
    readonly url: string;
    readonly method: string;
    /** The provider id (`openai`, `github`, …), or null when neither host nor key tell. */
    readonly provider: string | null;
  };
  /** The credential as sent, redacted and fingerprinted; null when the request carried none. */
  readonly credential: CredentialSummary | null;
  readonly verdict: Verdict;
  /** Most likely cause first. */
  readonly findings: readonly Finding[];
  /** Every request sent (the call itself, redirects, probes), redacted. */
  readonly exchanges: readonly Exchange[];
}

/**
 * The public part of the engine's diagnosis: the evidence (raw headers) stays behind, and every
 * text is scrubbed of the credentials seen, as the CLI scrubs its output (a server that echoes
 * the key puts it in the findings' evidence).
 */
export function publicDiagnosis(d: Omit<EngineDiagnosis, 'evidence'>): Diagnosis {
  return {
    schema: d.schema,
    target: { ...d.target, url: scrub(d.target.url) },
    credential: d.credential,
    verdict: { ...d.verdict, summary: scrub(d.verdict.summary) },
    findings: d.findings.map(scrubFinding),
    exchanges: d.exchanges,
  };
}

function scrubFinding(f: Finding): Finding {
  const data: Record<string, FindingData[string]> = {};
  for (const [k, v] of Object.entries(f.data))
    data[k] =
      typeof v === 'string' ? scrub(v) : Array.isArray(v) ? v.map((x: string) => scrub(x)) : v;
  return {
    ...f,
    title: scrub(f.title),
    evidence: f.evidence.map(scrub),
    fix: scrub(f.fix),
    data,
  };
}
