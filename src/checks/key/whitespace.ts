import { describeChar, findChars, isAsciiSpace } from '../../secret/chars.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from './evidence.js';

export const keyWhitespace = defineCheck<KeyEvidence>('key-whitespace', ({ secret }) => {
  const value = secret.reveal();
  const edges = findChars(value, isAsciiSpace).filter(
    (c) => value.slice(0, c.index).trim() === '' || value.slice(c.index + 1).trim() === '',
  );
  if (edges.length === 0) return [];
  return [
    finding('key.whitespace', 'definitive', edges.map(describeChar), {
      chars: edges.map((c) => c.name),
      index: edges[0]?.index ?? null,
    }),
  ];
});
