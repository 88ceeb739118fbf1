import { describeChar, findChars, isAsciiSpace } from '../../secret/chars.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

export const keyWhitespace = defineCheck<KeyEvidence>('key-whitespace', ({ secret }) => {
  const value = secret.reveal();
  // Spaces in the leading or trailing run of whitespace (found once: slicing per space is O(n²)).
  const start = value.length - value.trimStart().length;
  const end = value.trimEnd().length;
  const edges = findChars(value, isAsciiSpace).filter((c) => c.index < start || c.index >= end);
  if (edges.length === 0) return [];
  return [
    finding('key.whitespace', 'definitive', edges.map(describeChar), {
      chars: edges.map((c) => c.name),
      index: edges[0]?.index ?? null,
    }),
  ];
});
