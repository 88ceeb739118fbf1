import { describeChar, findChars, isLineBreak } from '../../secret/chars.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

export const keyNewline = defineCheck<KeyEvidence>('key-newline', ({ secret }) => {
  const breaks = findChars(secret.reveal(), isLineBreak);
  if (breaks.length === 0) return [];
  return [
    finding('key.newline', 'definitive', breaks.map(describeChar), {
      chars: breaks.map((c) => c.name),
      index: breaks[0]?.index ?? null,
    }),
  ];
});
