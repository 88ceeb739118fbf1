import type { Style } from '../../report/style.js';
import { findingJson } from '../../findings/finding-json.js';
import { oneLine } from '../../secret/printable.js';
import type { LiveCall } from '../live/types.js';
import type { CallReport } from './judge-call.js';

function clock(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function credentialText(r: CallReport): string {
  const c = r.credential;
  if (!c) return 'no credential';
  const where = c.where.startsWith('?') ? c.where.slice(0, -1) : `${c.where}:`;
  return oneLine(`${where} ${c.scheme ? `${c.scheme} ` : ''}${c.visible}`);
}

/** The host the call went to (`api.openai.com`), from its redacted URL; '' when unreadable. */
function hostOf(r: CallReport): string {
  try {
    return new URL(r.url).host;
  } catch {
    return '';
  }
}

/** The path, or host and path where calls go to many hosts (the forward proxy). */
function target(r: CallReport, withHost: boolean): string {
  return withHost ? `${hostOf(r)}${r.path}` : r.path;
}

/**
 * One call, one line: time, method, path (with its host where calls go to many hosts), status,
 * duration, the credential as sent (redacted, hidden characters by name); a refused call adds its
 * cause and, on the next line, the fix.
 */
export function callLine(r: CallReport, style: Style, withHost = false): string {
  const status = r.status === null ? 'no answer' : String(r.status);
  const paint = r.refused ? style.red : style.green;
  const parts = [
    style.dim(clock(r.time)),
    oneLine(`${r.method} ${target(r, withHost)}`),
    paint(status),
    style.dim(`${r.elapsedMs} ms`),
    credentialText(r),
  ];
  if (r.interrupted) parts.push(style.yellow(`(cut short: ${oneLine(r.interrupted)})`));
  if (r.pid !== null) parts.push(style.dim(`pid ${r.pid}`));
  let line = parts.join('  ');
  if (!r.refused || !r.verdict) return line;
  const top = r.findings.find((f) => f.id === r.verdict?.cause) ?? r.findings[0];
  line += `  ${style.red('✖')} ${style.bold(r.verdict.cause ?? r.verdict.status)}: ${oneLine(r.verdict.summary)}`;
  if (top) line += `\n    ${style.dim('fix:')} ${oneLine(top.fix)}`;
  return line;
}

/**
 * The JSON line of a call (`why401/call@1`), findings in the spec's JSON form: what the live
 * view's page reads of it is typed by LiveCall (../live/types.ts, shared with the page's script).
 */
export function callJson(r: CallReport): LiveCall & Record<string, unknown> {
  return { ...r, findings: r.findings.map(findingJson) };
}

/** What a session saw, for the line printed when it ends. */
export class CallTally {
  calls = 0;
  refused = 0;
  readonly causes = new Map<string, number>();

  /** A call counted without a report (plainly accepted). */
  addAccepted(): void {
    this.calls++;
  }

  add(r: CallReport): void {
    this.calls++;
    if (!r.refused) return;
    this.refused++;
    const cause = r.verdict?.cause ?? r.verdict?.status ?? 'unknown';
    this.causes.set(cause, (this.causes.get(cause) ?? 0) + 1);
  }

  summary(): string {
    const causes = [...this.causes.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ×${n}`)
      .join(', ');
    return `${this.calls} call${this.calls === 1 ? '' : 's'}, ${this.refused} refused${causes ? `: ${causes}` : ''}`;
  }
}

interface Repeat {
  readonly first: string;
  readonly head: string;
  readonly cause: string;
  count: number;
  shown: number;
  last: string;
}

/**
 * Identical refusals (same method, path, status, credential as sent, and cause) folded into one:
 * the first is printed in full, the repeats only counted, and `repeats()` gives one line per
 * refusal that came again since it was last asked (`×1000 since 20:31:02, same cause`). Human
 * lines only: JSON lines and logs keep every call, for scripts.
 */
export class RepeatFolder {
  readonly #seen = new Map<string, Repeat>();

  /** `withHost`: lines name the host too (the forward proxy); calls to two hosts never fold. */
  constructor(private readonly withHost = false) {}

  /** True when the report is to be printed: accepted, or refused in a new way. */
  fold(r: CallReport): boolean {
    if (!r.refused) return true;
    const cause = r.verdict?.cause ?? r.verdict?.status ?? 'unknown';
    const key = `${r.method}\u0000${hostOf(r)}\u0000${r.path}\u0000${r.status}\u0000${cause}\u0000${credentialText(r)}`;
    const known = this.#seen.get(key);
    if (known) {
      known.count++;
      known.last = r.time;
      return false;
    }
    if (this.#seen.size >= 4096) this.#seen.clear();
    const status = r.status === null ? 'no answer' : String(r.status);
    this.#seen.set(key, {
      first: r.time,
      head: oneLine(`${r.method} ${target(r, this.withHost)}  ${status}`),
      cause,
      count: 1,
      shown: 1,
      last: r.time,
    });
    return true;
  }

  /** A line for each refusal repeated since the last call: its count so far. */
  repeats(style: Style): string[] {
    const lines: string[] = [];
    for (const r of this.#seen.values()) {
      if (r.count === r.shown) continue;
      r.shown = r.count;
      lines.push(
        `${style.dim(clock(r.last))}  ${r.head}  ${style.red(`×${r.count}`)} since ${clock(r.first)}, same cause: ${style.bold(r.cause)}`,
      );
    }
    return lines;
  }
}

/** How often repeated refusals print their count while a session runs. */
export const REPEAT_LINE_MS = 5000;
