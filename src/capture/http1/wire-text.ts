/**
 * Header values arrive as bytes, one char per byte (latin1). A key pasted with a zero-width space
 * or a smart quote was sent as UTF-8 bytes: read them back as the characters they were, so the
 * checks name U+200B rather than three odd Latin-1 letters.
 */
export function wireText(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value)) return value;
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? value : utf8;
}
