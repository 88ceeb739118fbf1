import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { isPlaceholder } from './placeholder.js';

const MASKS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /…/, what: 'an ellipsis (…)' },
  { pattern: /\.{3,}/, what: 'three dots (...)' },
  { pattern: /\*{3,}/, what: 'asterisks (***)' },
  { pattern: /[•●■]{2,}/, what: 'bullets (•••)' },
];

/** True when the meant value holds a mask (…, ***, •••): a masked copy, not a key. */
export function isMasked(core: string): boolean {
  return MASKS.some((m) => m.pattern.test(core));
}

export const keyMasked = defineCheck<KeyEvidence>('key-masked', ({ core }) => {
  if (isPlaceholder(core)) return []; // `sk-...` alone is a docs placeholder, said once
  const mask = MASKS.find((m) => m.pattern.test(core));
  if (!mask) return [];
  return [
    finding(
      'key.masked',
      'definitive',
      `the value contains ${mask.what}: a masked copy from a dashboard or a log, not the full key`,
      { mask: mask.what },
    ),
  ];
});
