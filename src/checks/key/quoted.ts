import { charName } from '../../secret/chars.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

const QUOTES = new Set(['"', "'", '`', '“', '”', '‘', '’', '«', '»']);

export const keyQuoted = defineCheck<KeyEvidence>('key-quoted', ({ secret }) => {
  const t = secret.reveal().trim();
  if (t.length === 0) return [];
  const first = t[0] ?? '';
  const last = t[t.length - 1] ?? '';
  const at: string[] = [];
  if (QUOTES.has(first)) at.push(`${charName(first.codePointAt(0) ?? 0)} at the start`);
  if (t.length > 1 && QUOTES.has(last)) at.push(`${charName(last.codePointAt(0) ?? 0)} at the end`);
  if (at.length === 0) return [];
  return [
    finding('key.quoted', 'definitive', `the value has a ${at.join(' and a ')}`, { chars: at }),
  ];
});
