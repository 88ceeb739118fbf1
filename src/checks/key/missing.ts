import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

/** What an unset variable turns into once a program stringifies it. */
const NOTHING = new Set([
  '',
  'undefined',
  'null',
  'none',
  'nil',
  'nan',
  '""',
  "''",
  '[object object]',
]);

export const keyMissing = defineCheck<KeyEvidence>('key-missing', ({ core, secret }) => {
  // the raw value too: the meant value has lost the space of `[object Object]`
  const hit = [core.trim(), secret.reveal().trim()].find((v) => NOTHING.has(v.toLowerCase()));
  if (hit === undefined) return [];
  const what = hit === '' ? 'the value is empty' : `the value is the literal text "${hit}"`;
  return [
    finding(
      'key.missing',
      'definitive',
      hit.trim() === ''
        ? `${what}: the variable is set empty, or never set, where the app reads it`
        : `${what}: the variable was never set where the app reads it`,
    ),
  ];
});
