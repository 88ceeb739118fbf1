import type { Style } from './style.js';
import type { Finding, Severity } from '../findings/types.js';
import { oneLine } from '../secret/printable.js';

const MARK: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

function paint(style: Style, severity: Severity): (s: string) => string {
  return severity === 'error' ? style.red : severity === 'warning' ? style.yellow : style.cyan;
}

/**
 * What the human form prints of a finding: the engine's `Finding` (its evidence a list) or a
 * diagnosis's `DiagnosisFinding` (the list is `evidenceLines`).
 */
export type ShownFinding = Pick<Finding, 'id' | 'severity' | 'title' | 'fix'> &
  ({ readonly evidence: readonly string[] } | { readonly evidenceLines: readonly string[] });

/** One finding: mark, id, title, then evidence and fix indented under it. */
export function renderFindingHuman(f: ShownFinding, style: Style): string {
  const head = `${paint(style, f.severity)(`${MARK[f.severity]} ${f.severity}`)}  ${style.bold(f.id)}  ${f.title}`;
  const lines = [head];
  // evidence quotes what servers and files said: one line each, whatever they held
  const seen = 'evidenceLines' in f ? f.evidenceLines : f.evidence;
  for (const e of seen) lines.push(`     ${style.dim('seen:')} ${oneLine(e)}`);
  lines.push(`     ${style.dim('fix:')}  ${oneLine(f.fix)}`);
  return lines.join('\n');
}

export function renderFindingsHuman(findings: readonly ShownFinding[], style: Style): string {
  if (findings.length === 0) return '';
  return findings.map((f) => renderFindingHuman(f, style)).join('\n\n');
}
