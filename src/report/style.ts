import { sgrMarked } from '../secret/printable.js';

/**
 * why401's own colours, a leaf module: the reporters, the library's `formatDiagnosis`, capture's
 * lines and the CLI (`styleFor` in cli/io.ts chooses one) all paint with a `Style`.
 */
export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly green: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const plain = (s: string) => s;
export const PLAIN: Style = {
  bold: plain,
  dim: plain,
  red: plain,
  yellow: plain,
  green: plain,
  cyan: plain,
};

/**
 * Markers, not escapes: they become SGR only after the text is made printable (`toTerminal`, which
 * the CLI's `writeOut` and the library's `formatDiagnosis` call last).
 */
const sgr = (open: number, close: number) => (s: string) => sgrMarked(open, close, s);
export const COLOR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39),
};
