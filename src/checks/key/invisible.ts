import { describeChar, findChars, isInvisible } from '../../secret/chars.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

export const keyInvisible = defineCheck<KeyEvidence>('key-invisible', ({ secret }) => {
  const hidden = findChars(secret.reveal(), isInvisible);
  if (hidden.length === 0) return [];
  return [
    finding('key.invisible', 'definitive', hidden.map(describeChar), {
      chars: hidden.map((c) => c.name),
      index: hidden[0]?.index ?? null,
    }),
  ];
});
