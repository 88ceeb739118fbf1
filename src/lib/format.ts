import { diagnosisHuman } from '../report/human-diagnosis.js';
import { COLOR, PLAIN } from '../report/style.js';
import { toTerminal } from '../secret/printable.js';
import { scrub } from '../secret/scrub.js';
import type { Diagnosis } from '../diagnosis.js';

export interface FormatOptions {
  /** ANSI colours (default false). */
  readonly color?: boolean | undefined;
  /** Show info findings too (default: only when there are few). */
  readonly verbose?: boolean | undefined;
}

/**
 * A diagnosis as `why401 check` prints it: the verdict, the ranked findings with evidence and
 * fix, and the requests sent. Redacted, scrubbed of every credential seen, and printable: what
 * the server sent is shown with its control, bidi and invisible characters by name, so printing
 * it to a terminal runs none of them.
 *
 * @example
 * console.error(formatDiagnosis(await diagnose({ url, key })));
 */
export function formatDiagnosis(diagnosis: Diagnosis, options: FormatOptions = {}): string {
  return toTerminal(
    scrub(
      diagnosisHuman(diagnosis, options.color === true ? COLOR : PLAIN, options.verbose === true),
    ),
  );
}

/** Colours for stderr: a TTY, and neither NO_COLOR nor FORCE_COLOR=0. */
export function stderrColor(): boolean {
  if (process.env['NO_COLOR']) return false;
  if (process.env['FORCE_COLOR'] && process.env['FORCE_COLOR'] !== '0') return true;
  return process.stderr.isTTY === true;
}
