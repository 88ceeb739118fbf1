import { scrub } from '../secret/scrub.js';

/** Every byte the CLI prints goes through here: scrubbed of credentials, stdout for results. */
export function writeOut(text: string): void {
  process.stdout.write(scrub(text.endsWith('\n') ? text : `${text}\n`));
}

/** Progress, warnings and errors: stderr, scrubbed too. */
export function writeErr(text: string): void {
  process.stderr.write(scrub(text.endsWith('\n') ? text : `${text}\n`));
}

export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly green: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const plain = (s: string) => s;
const PLAIN: Style = {
  bold: plain,
  dim: plain,
  red: plain,
  yellow: plain,
  green: plain,
  cyan: plain,
};

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const COLOR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39),
};

/** Colour only on a TTY, never with NO_COLOR (any non-empty value) or --no-color. */
export function styleFor(stream: NodeJS.WriteStream, noColorFlag = false): Style {
  if (noColorFlag) return PLAIN;
  if (process.env['NO_COLOR']) return PLAIN;
  if (process.env['FORCE_COLOR'] && process.env['FORCE_COLOR'] !== '0') return COLOR;
  return stream.isTTY ? COLOR : PLAIN;
}
