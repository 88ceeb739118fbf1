/** Names for the characters that make a credential differ from what the user sees. */

const NAMED: Readonly<Record<number, string>> = {
  0x09: 'TAB',
  0x0a: 'LF',
  0x0d: 'CR',
  0x20: 'SPACE',
  0x22: 'QUOTE',
  0x27: 'APOSTROPHE',
  0x60: 'BACKTICK',
  0xa0: 'NBSP',
  0xad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x2060: 'WORD JOINER',
  0xfeff: 'BOM',
  0x2018: 'LEFT SINGLE QUOTE',
  0x2019: 'RIGHT SINGLE QUOTE',
  0x201c: 'LEFT DOUBLE QUOTE',
  0x201d: 'RIGHT DOUBLE QUOTE',
  0x2026: 'ELLIPSIS',
  0x2013: 'EN DASH',
  0x2014: 'EM DASH',
  0x2022: 'BULLET',
  0x200e: 'LRM',
  0x200f: 'RLM',
  0x202a: 'LRE',
  0x202b: 'RLE',
  0x202c: 'PDF',
  0x202d: 'LRO',
  0x202e: 'RLO',
  0x2066: 'LRI',
  0x2067: 'RLI',
  0x2068: 'FSI',
  0x2069: 'PDI',
  0x061c: 'ALM',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x3000: 'IDEOGRAPHIC SPACE',
};

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A short human name: `LF`, `ZERO WIDTH SPACE`, else `U+XXXX`. */
export function charName(cp: number): string {
  return (
    NAMED[cp] ?? (cp < 0x20 || cp === 0x7f ? `CTRL ${codePointLabel(cp)}` : codePointLabel(cp))
  );
}

export function isLineBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029 || cp === 0x85;
}

export function isAsciiSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x09;
}

/**
 * Characters that are there but cannot be seen: zero-width, BOM, NBSP and other Unicode spaces,
 * soft hyphen, bidi and other controls (line breaks and ASCII space/tab excluded: own findings).
 */
export function isInvisible(cp: number): boolean {
  if (isLineBreak(cp) || isAsciiSpace(cp)) return false;
  if (cp < 0x20 || cp === 0x7f) return true; // C0 controls
  if (cp >= 0x80 && cp <= 0x9f) return true; // C1 controls
  if (cp === 0xa0 || cp === 0xad || cp === 0x34f || cp === 0x180e) return true;
  if (cp >= 0x2000 && cp <= 0x200f) return true; // Unicode spaces, ZWSP/ZWNJ/ZWJ, LRM/RLM
  if (cp >= 0x2028 && cp <= 0x202f) return true; // separators, bidi embeddings, NNBSP
  if (cp >= 0x205f && cp <= 0x206f) return true; // MMSP, word joiner, invisible operators, bidi isolates
  if (cp === 0x3000 || cp === 0xfeff) return true;
  if (cp >= 0xfff9 && cp <= 0xfffb) return true; // interlinear annotations
  if (cp >= 0xe0000 && cp <= 0xe007f) return true; // tag characters
  return false;
}

/** Any character a reader would not see as itself: the rendering shows these by name. */
export function isHidden(cp: number): boolean {
  return isLineBreak(cp) || isAsciiSpace(cp) || isInvisible(cp);
}

export interface CharAt {
  readonly index: number;
  readonly cp: number;
  readonly name: string;
}

/** Every code point with its UTF-16 index. */
export function* codePoints(value: string): Generator<{ index: number; cp: number }> {
  let index = 0;
  for (const ch of value) {
    yield { index, cp: ch.codePointAt(0) ?? 0 };
    index += ch.length;
  }
}

export function findChars(value: string, predicate: (cp: number) => boolean): CharAt[] {
  const found: CharAt[] = [];
  for (const { index, cp } of codePoints(value)) {
    if (predicate(cp)) found.push({ index, cp, name: charName(cp) });
  }
  return found;
}

/** `LF at 51`, `ZERO WIDTH SPACE (U+200B) at 12`. */
export function describeChar(c: CharAt): string {
  const named = c.name.startsWith('U+') || c.name.startsWith('CTRL');
  return named ? `${c.name} at ${c.index}` : `${c.name} (${codePointLabel(c.cp)}) at ${c.index}`;
}
