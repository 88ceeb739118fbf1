import { charName, codePoints, isHidden, type CharAt } from './chars.js';
import { isRevealing } from './scrub.js';
import { sharesRun, type Secret } from './secret.js';

const EDGE_QUOTES = new Set([0x22, 0x27, 0x60, 0x2018, 0x2019, 0x201c, 0x201d]);
/** Hidden characters named one by one; past these (a binary file as a key) only counted. */
export const MAX_MARKS = 32;

export interface VisibleRendering {
  /** `sk-proj-…x9Qz⟨LF⟩`: what the server receives, the key itself kept hidden. */
  readonly text: string;
  readonly length: number;
  /** Every character a reader would not see as itself, with its index. */
  readonly marks: readonly CharAt[];
}

/**
 * Shows what the server sees without showing the key: the public prefix, the last 4 ordinary
 * characters, and every hidden character (whitespace, line breaks, zero-width, BOM, NBSP,
 * edge quotes, non-ASCII look-alikes) by name, in place.
 */
export function renderVisible(secret: Secret, publicPrefix = ''): VisibleRendering {
  const value = secret.reveal();
  const points = [...codePoints(value)];
  // A quote is at an edge with only hidden characters beyond it (`"sk-…"⟨TAB⟩` from a .env line)
  let first = 0;
  while (first < points.length - 1 && isHidden(points[first]?.cp ?? 0)) first++;
  let last = points.length - 1;
  while (last > 0 && isHidden(points[last]?.cp ?? 0)) last--;
  const isMark = (cp: number, pos: number) =>
    isHidden(cp) || cp > 0x7e || (EDGE_QUOTES.has(cp) && (pos === first || pos === last));

  const ordinary = points.filter((p, pos) => !isMark(p.cp, pos)).length;
  // --reveal: every ordinary character shown, hidden ones still named
  if (isRevealing()) {
    const all = draw(points, isMark, ordinary, '', ordinary);
    return { text: all.text || '(empty)', length: value.length, marks: all.marks };
  }
  const showTail = ordinary >= 20 ? 4 : ordinary >= 12 ? 2 : 0;
  const fits = publicPrefix.length + showTail <= ordinary / 3;
  const prefix = fits && value.startsWith(publicPrefix) ? publicPrefix.slice(0, 8) : '';
  // `…` is a character keys can hold too: what is shown must not line up into 9 characters of
  // the value (prefix, `…`, tail); less is shown until it does not.
  const tries: readonly (readonly [string, number])[] = [
    [prefix, showTail],
    ['', showTail],
    ['', 0],
  ];
  let drawn = draw(points, isMark, ordinary, prefix, showTail);
  for (const [p, t] of tries.slice(1)) {
    if (!sharesRun(value, drawn.text)) break;
    drawn = draw(points, isMark, ordinary, p, t);
  }
  return { text: drawn.text || '(empty)', length: value.length, marks: drawn.marks };
}

/** The rendering with this much of the key shown: `prefix` and the last `showTail` characters. */
function draw(
  points: readonly { index: number; cp: number }[],
  isMark: (cp: number, pos: number) => boolean,
  ordinary: number,
  prefix: string,
  showTail: number,
): { text: string; marks: CharAt[] } {
  const marks: CharAt[] = [];
  let text = '';
  let ordinarySeen = 0;
  let collapsed = false;
  let unnamed = 0;
  points.forEach((p, pos) => {
    if (isMark(p.cp, pos) && marks.length >= MAX_MARKS) {
      unnamed++;
      if (!collapsed) text += '…';
      collapsed = true;
      return;
    }
    if (isMark(p.cp, pos)) {
      marks.push({ index: p.index, cp: p.cp, name: charName(p.cp) });
      text += `⟨${charName(p.cp)}⟩`;
      collapsed = false;
      return;
    }
    ordinarySeen++;
    const inPrefix = p.index < prefix.length;
    const inTail = ordinarySeen > ordinary - showTail;
    if (inPrefix || inTail) {
      text += String.fromCodePoint(p.cp);
      collapsed = false;
    } else if (!collapsed) {
      text += '…';
      collapsed = true;
    }
  });
  if (unnamed > 0) text += ` (and ${unnamed} more hidden characters)`;
  return { text, marks };
}
