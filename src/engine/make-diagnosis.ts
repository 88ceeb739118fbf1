import type { RequestEvidence, Sent, SentCredential } from '../evidence/request.js';
import type { Diagnosis, DiagnosisFinding } from '../diagnosis.js';
import { findingJson } from '../findings/finding-json.js';
import type { Finding, FindingData } from '../findings/types.js';
import type { Provider } from '../providers/types.js';
import { scrub } from '../secret/scrub.js';
import { exchangeJson, redactUrl } from './exchanges.js';
import { summarize } from './lint-key.js';
import type { Verdict } from './verdict.js';

/**
 * What the engine's two entries give: the one `Diagnosis` (public, printable) and the evidence it
 * was concluded from (raw headers, the chain: for `--curl` and the refusal test, never printed).
 */
export interface Judgement {
  readonly diagnosis: Diagnosis;
  readonly evidence: RequestEvidence;
}

/** What a judgement concluded, as `sendAndJudge` and `judgeObserved` hold it. */
export interface Concluded {
  readonly url: URL;
  readonly method: string;
  readonly provider: Provider | null;
  readonly credential: SentCredential | null;
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  /** Every request sent: the chain, then the probes. */
  readonly sent: readonly Sent[];
}

/**
 * The one place a `Diagnosis` is made: the URL and exchanges redacted, the credential summarized,
 * and every text scrubbed of the credentials seen (a server that echoes the key puts it in the
 * findings' evidence), as the CLI scrubs its output. `check --json` prints it as it is.
 */
export function makeDiagnosis(c: Concluded): Diagnosis {
  return {
    schema: 'why401/diagnosis@1',
    target: {
      url: redactUrl(c.url, c.credential),
      method: c.method,
      provider: c.provider?.id ?? null,
    },
    credential: c.credential ? summarize(c.credential.secret) : null,
    verdict: { ...c.verdict, summary: scrub(c.verdict.summary) },
    findings: c.findings.map(diagnosisFinding),
    exchanges: c.sent.map((s) => exchangeJson(s, c.credential)),
  };
}

/** A finding as the Diagnosis holds it: worded, its texts scrubbed, its data redacted. */
export function diagnosisFinding(f: Finding): DiagnosisFinding {
  const data: Record<string, FindingData[string]> = {};
  for (const [k, v] of Object.entries(f.data))
    data[k] =
      typeof v === 'string' ? scrub(v) : Array.isArray(v) ? v.map((x: string) => scrub(x)) : v;
  const evidenceLines = f.evidence.map(scrub);
  return {
    ...findingJson({ ...f, title: scrub(f.title), evidence: evidenceLines, fix: scrub(f.fix) }),
    evidenceLines,
    data,
  };
}
