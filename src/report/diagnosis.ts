import type { Style } from '../cli/io.js';
import type { Diagnosis } from '../engine/diagnose.js';
import { oneLine } from '../secret/printable.js';
import { tokenLines } from '../parse/token-summary.js';
import { findingJson, renderFindingsHuman } from './human-findings.js';

/** Reporters read the public part only: the evidence is not needed to print. */
type Printable = Omit<Diagnosis, 'evidence'>;

export function diagnosisJson(d: Printable) {
  return {
    schema: d.schema,
    target: d.target,
    credential: d.credential,
    verdict: d.verdict,
    findings: d.findings.map(findingJson),
    exchanges: d.exchanges,
  };
}

const ICON = { accepted: '✔', rejected: '✖', unreachable: '⚠', inconclusive: '?' } as const;

/** Verdict first, then ranked findings, then the requests that were sent. */
export function diagnosisHuman(
  d: Printable & { readonly evidence?: { readonly writeNotProbed?: string | undefined } },
  style: Style,
  verbose = false,
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
    if (d.credential.token) {
      const t = tokenLines(d.credential.token);
      lines.push(`  ${style.dim('token')}       ${oneLine(t.token)}`);
      lines.push(`  ${style.dim('claims')}      ${oneLine(t.claims)}`);
    }
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
  const write = d.evidence?.writeNotProbed;
  if (write)
    lines.push(
      style.dim(`  (no probes: they would send the ${write} again; --probe-unsafe allows that)`),
    );
  return lines.join('\n');
}
