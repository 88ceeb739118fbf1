import type { EnvSource } from '../../evidence/env.js';
import { where } from '../../checks/env/describe.js';
import type { Finding, RawFinding, Severity } from '../../findings/types.js';
import { lintKey } from '../lint-key.js';

/**
 * A whole PEM block (a service account's or GitHub App's private key, a certificate): variables
 * hold those legitimately, line breaks included; they are read as a file, never sent as a header.
 */
const PEM = /^\s*-----BEGIN [A-Z0-9 ]+-----\r?\n[\s\S]*\n-----END [A-Z0-9 ]+-----\s*$/;
const PEM_NORMAL: ReadonlySet<string> = new Set([
  'key.newline',
  'key.whitespace',
  'key.wrong-type',
]);

/**
 * Every key.* check on each source's value, its place in the evidence. A problem in a value that
 * no consumer sees (a losing file, a shell start-up file) is a warning, not an error.
 */
export function keyFindingsOf(sources: readonly EnvSource[]): RawFinding[] {
  const out: RawFinding[] = [];
  // The same value often sits in several files (.env, compose, a Dockerfile): linted once.
  const linted = new Map<string, readonly Finding[]>();
  for (const s of sources) {
    if (s.kind === 'netrc') continue;
    const value = s.value.reveal();
    const findings =
      linted.get(value) ??
      lintKey(s.value).findings.filter((f) => !(PEM.test(value) && PEM_NORMAL.has(f.id)));
    linted.set(value, findings);
    for (const f of findings) {
      const severity: Severity = s.wins || f.severity !== 'error' ? f.severity : 'warning';
      out.push({
        id: f.id,
        confidence: f.confidence,
        severity,
        evidence: f.evidence.map((e) => `${where(s)} (${s.tool ?? s.kind}): ${e}`),
        data: f.data,
      });
    }
  }
  return out;
}
