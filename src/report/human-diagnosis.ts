import type { Style } from './style.js';
import type { Diagnosis } from '../diagnosis.js';
import { oneLine } from '../secret/printable.js';
import { tokenLines } from '../parse/token-summary.js';
import { renderFindingsHuman } from './human-findings.js';

const ICON = { accepted: '✔', rejected: '✖', unreachable: '⚠', inconclusive: '?' } as const;

const BODY_SHOWN = 300;
/** Headers that say who refused and why. */
const TELLING = [
  'www-authenticate',
  'proxy-authenticate',
  'server',
  'via',
  'location',
  'retry-after',
];

/** The refused request's answer: status, the telling headers, the start of the body. */
function theAnswer(d: Diagnosis, style: Style): string[] {
  const main = d.exchanges.filter(
    (x) => !x.label.startsWith('probe') && !x.label.startsWith('discovery'),
  );
  const x = main.at(-1);
  if (!x?.response) return [];
  const r = x.response;
  const out = ['', style.dim(`The answer to the ${x.label}:`), `  ${r.status}`];
  for (const name of TELLING) {
    const value = Object.entries(r.headers).find(([k]) => k.toLowerCase() === name)?.[1];
    if (value) out.push(`  ${name}: ${oneLine(value)}`);
  }
  const body = r.body.trim();
  if (body)
    out.push(`  body: ${oneLine(body.slice(0, BODY_SHOWN))}${body.length > BODY_SHOWN ? '…' : ''}`);
  return out;
}

/**
 * Verdict first, then ranked findings, then the requests that were sent. `writeNotProbed`: the
 * method probes would have sent again (the evidence's), said under the requests.
 */
export function diagnosisHuman(
  d: Diagnosis,
  style: Style,
  verbose = false,
  writeNotProbed?: string,
  /** What discovery could not fetch or read (the evidence's token notes), said under the requests. */
  discoveryNotes: readonly string[] = [],
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
  // Nothing names the cause (or -v): what the server answered is the evidence left to read.
  if (v.status !== 'accepted' && (verbose || !shown.some((f) => f.severity === 'error')))
    lines.push(...theAnswer(d, style));
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
  for (const note of discoveryNotes) lines.push(style.dim(`  (discovery: ${oneLine(note)})`));
  return lines.join('\n');
}
