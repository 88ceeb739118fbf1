import type { Style } from './style.js';
import type { Diagnosis } from '../diagnosis.js';
import { oneLine } from '../secret/printable.js';
import { renderFindingsHuman } from './human-findings.js';

const ICON = { accepted: '✔', rejected: '✖', unreachable: '⚠', inconclusive: '?' } as const;

/**
 * Verdict first, then ranked findings, then the requests that were sent. `writeNotProbed`: the
 * method probes would have sent again (the evidence's), said under the requests.
 */
export function diagnosisHuman(
  d: Diagnosis,
  style: Style,
  verbose = false,
  writeNotProbed?: string,
): string {
  const v = d.verdict;
  const paint =
    v.status === 'accepted' ? style.green : v.status === 'inconclusive' ? style.yellow : style.red;
  const lines = [paint(style.bold(`${ICON[v.status]} ${oneLine(v.summary)}`))];
  if (v.cause) lines.push(style.dim(`  cause: ${v.cause}  (why401 explain ${v.cause})`));
  lines.push('');
  lines.push(
    `  ${style.dim('target')}      ${oneLine(d.target.method)} ${oneLine(d.target.url)}${d.target.provider ? `  (${d.target.provider})` : ''}`,
  );
  if (d.credential) {
    lines.push(
      `  ${style.dim('credential')}  ${d.credential.redacted}  ${d.credential.length} chars · ${d.credential.fingerprint} · from ${oneLine(d.credential.source)}`,
    );
  }
  const shown = verbose
    ? d.findings
    : d.findings.filter((f) => f.severity !== 'info' || d.findings.length <= 3);
  if (shown.length > 0) lines.push('', renderFindingsHuman(shown, style));
  lines.push('', style.dim('Requests sent:'));
  for (const x of d.exchanges) {
    const answer = x.response
      ? `${x.response.status}${x.response.layer ? ` (${x.response.layer})` : ''}`
      : `no answer: ${oneLine(x.error ?? '')}`;
    lines.push(
      style.dim(
        `  ${x.label.padEnd(28)} ${oneLine(x.request.method)} ${oneLine(x.request.url)} → ${answer} · ${x.elapsedMs} ms${x.resent ? ` · sent ${x.resent + 1} times (a kept-alive connection closed unanswered)` : ''}`,
      ),
    );
  }
  if (writeNotProbed)
    lines.push(
      style.dim(
        `  (no probes: they would send the ${writeNotProbed} again; --probe-unsafe allows that)`,
      ),
    );
  return lines.join('\n');
}
