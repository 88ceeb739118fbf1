import type { Style } from './style.js';
import { findingDocsUrl } from '../findings/docs.js';
import type { Finding, Severity } from '../findings/types.js';
import { oneLine } from '../secret/printable.js';

const MARK: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

function paint(style: Style, severity: Severity): (s: string) => string {
  return severity === 'error' ? style.red : severity === 'warning' ? style.yellow : style.cyan;
}

/** One finding: mark, id, title, then evidence and fix indented under it. */
export function renderFindingHuman(f: Finding, style: Style): string {
  const head = `${paint(style, f.severity)(`${MARK[f.severity]} ${f.severity}`)}  ${style.bold(f.id)}  ${f.title}`;
  const lines = [head];
  // evidence quotes what servers and files said: one line each, whatever they held
  for (const e of f.evidence) lines.push(`     ${style.dim('seen:')} ${oneLine(e)}`);
  lines.push(`     ${style.dim('fix:')}  ${oneLine(f.fix)}`);
  return lines.join('\n');
}

export function renderFindingsHuman(findings: readonly Finding[], style: Style): string {
  if (findings.length === 0) return '';
  return findings.map((f) => renderFindingHuman(f, style)).join('\n\n');
}

/** The JSON form of a finding (spec/cli.md): id, severity, title, evidence, fix. */
export function findingJson(f: Finding) {
  return {
    id: f.id,
    severity: f.severity,
    title: f.title,
    evidence: f.evidence.join('; '),
    fix: f.fix,
    confidence: f.confidence,
    docs: findingDocsUrl(f.id),
  };
}
