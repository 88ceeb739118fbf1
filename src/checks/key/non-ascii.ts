import { describeChar, findChars, isInvisible, isLineBreak } from '../../secret/chars.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

/** Ellipses and bullets are key.masked; typographic quotes at the edges are key.quoted. */
const MASK_CHARS = new Set([0x2026, 0x2022, 0x25cf]);
const QUOTES = new Set([0x2018, 0x2019, 0x201c, 0x201d, 0xab, 0xbb]);

export const keyNonAscii = defineCheck<KeyEvidence>('key-non-ascii', ({ secret }) => {
  const value = secret.reveal();
  const first = value.length - value.trimStart().length;
  const last = value.trimEnd().length - 1;
  const odd = findChars(
    value,
    (cp) => cp > 0x7e && !isInvisible(cp) && !isLineBreak(cp) && !MASK_CHARS.has(cp),
  ).filter((c) => !(QUOTES.has(c.cp) && (c.index === first || c.index === last)));
  if (odd.length === 0) return [];
  const above255 = odd.some((c) => c.cp > 0xff);
  return [
    finding(
      'key.non-ascii',
      'definitive',
      [
        ...odd.map(describeChar),
        above255
          ? 'fetch refuses to send code points above 255 ("Cannot convert argument to a ByteString")'
          : 'sent as Latin-1 bytes the server does not expect',
      ],
      { chars: odd.map((c) => c.name), index: odd[0]?.index ?? null },
    ),
  ];
});
