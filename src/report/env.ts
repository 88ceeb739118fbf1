import type { Style } from './style.js';
import type { EnvSource } from '../evidence/env.js';
import type { EnvReport, EnvScanReport } from '../engine/trace-env.js';
import { oneLine } from '../secret/printable.js';
import { findingJson } from '../findings/finding-json.js';
import { renderFindingsHuman } from './human-findings.js';

/** The JSON form of a source (spec/cli.md, why401/env@1): never the value, only its redacted form. */
export function sourceJson(s: EnvSource) {
  return {
    kind: s.kind,
    file: s.file,
    line: s.line,
    redacted: s.value.redacted,
    fingerprint: s.value.fingerprint,
    wins: s.wins,
    tool: s.tool ?? null,
  };
}

/**
 * `sources` holds the kinds spec/cli.md lists; a .netrc entry (read by requests, httpx, curl -n,
 * not by the app's environment) goes in `related`, so a consumer of the contract's list never
 * meets a kind it does not know.
 */
const CONTRACT_KINDS: ReadonlySet<string> = new Set([
  'process',
  'dotenv',
  'compose',
  'dockerfile',
  'k8s',
  'shell',
]);

function sourcesJson(sources: readonly EnvSource[]) {
  return {
    sources: sources.filter((s) => CONTRACT_KINDS.has(s.kind)).map(sourceJson),
    related: sources.filter((s) => !CONTRACT_KINDS.has(s.kind)).map(sourceJson),
  };
}

export function envJson(r: EnvReport) {
  return {
    schema: 'why401/env@1',
    name: r.name,
    ...sourcesJson(r.sources),
    findings: r.findings.map(findingJson),
    host: r.host,
    context: r.context,
    warnings: r.warnings,
  };
}

export function envScanJson(r: EnvScanReport) {
  return {
    schema: 'why401/env@1',
    variables: r.variables.map((v) => ({
      name: v.name,
      ...sourcesJson(v.sources),
      findings: v.findings.map(findingJson),
    })),
    // env@1's `findings`, as for one name: every variable's, each with the name it is about
    findings: r.variables.flatMap((v) =>
      v.findings.map((f) => ({ name: v.name, ...findingJson(f) })),
    ),
    context: r.context,
    warnings: r.warnings,
  };
}

function verdict(r: EnvReport, style: Style): string {
  const error = r.findings.find((f) => f.severity === 'error');
  const name = oneLine(r.name);
  if (error) return style.red(`✖ ${name}: ${error.title}`);
  const warning = r.findings.find((f) => f.severity === 'warning');
  if (warning) return style.yellow(`▲ ${name}: ${warning.title}`);
  return style.green(`✔ ${name}: no problem found in where it comes from`);
}

function appLine(r: EnvReport): string {
  const app = r.sources.find((s) => s.group === 'app' && s.wins);
  if (!app)
    return `  an app started here gets nothing: not in the environment, nor in a .env file ${r.context.loader} reads`;
  const from =
    app.file === null ? 'the process environment' : oneLine(`${app.file}:${app.line ?? ''}`);
  const who =
    app.kind === 'dotenv' && r.context.plainDotenv
      ? 'an app started here gets, if it loads .env,'
      : 'an app started here gets';
  return `  ${who} ${app.value.redacted} (${app.value.fingerprint}) from ${from}`;
}

function table(sources: readonly EnvSource[], style: Style): string[] {
  if (sources.length === 0) return ['  no source defines it'];
  const rows = sources.map((s) => [
    s.kind,
    oneLine(s.file === null ? '(environment)' : s.line === null ? s.file : `${s.file}:${s.line}`),
    s.value.redacted,
    s.value.fingerprint,
    s.wins ? '✔' : '',
    s.tool ?? '',
  ]);
  const head = ['kind', 'where', 'value', 'fingerprint', 'wins', 'read by'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd();
  return [style.dim(line(head)), ...rows.map(line)];
}

/** Verdict line first, then what the app gets, the sources, the findings, the notes. */
export function envHuman(r: EnvReport, style: Style): string {
  const ctx = r.context;
  const lines = [
    verdict(r, style),
    appLine(r),
    style.dim(
      `  ${ctx.framework ? `${ctx.framework} project · ` : ''}${ctx.loader} reads ${oneLine(ctx.files.join(' > '))}${ctx.plainDotenv ? '' : ` (mode ${ctx.mode})`}, the environment first · ${oneLine(ctx.dir)}`,
    ),
    '',
    ...table(r.sources, style),
  ];
  if (r.findings.length > 0) lines.push('', renderFindingsHuman(r.findings, style));
  if (r.warnings.length > 0)
    lines.push('', style.dim('notes:'), ...r.warnings.map((w) => style.dim(`  ${oneLine(w)}`)));
  return lines.join('\n');
}

export function envScanHuman(r: EnvScanReport, style: Style): string {
  const ctx = r.context;
  const lines = [
    style.bold(
      `${r.variables.length} credential-looking variable${r.variables.length === 1 ? '' : 's'} · ${ctx.loader} reads ${oneLine(ctx.files.join(' > '))} · ${oneLine(ctx.dir)}`,
    ),
  ];
  for (const v of r.variables) {
    lines.push('', verdict(v, style), ...table(v.sources, style));
    const serious = v.findings.filter((f) => f.severity !== 'info');
    if (serious.length > 0) lines.push(renderFindingsHuman(serious, style));
    const info = v.findings.filter((f) => f.severity === 'info').map((f) => f.id);
    if (info.length > 0) lines.push(style.dim(`  also: ${info.join(', ')}`));
  }
  if (r.warnings.length > 0)
    lines.push('', style.dim('notes:'), ...r.warnings.map((w) => style.dim(`  ${oneLine(w)}`)));
  return lines.join('\n');
}
