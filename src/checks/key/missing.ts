import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from './evidence.js';

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

export const keyMissing = defineCheck<KeyEvidence>('key-missing', ({ core }) => {
  const v = core.trim().toLowerCase();
  if (!NOTHING.has(v)) return [];
  const what = v === '' ? 'the value is empty' : `the value is the literal text "${core.trim()}"`;
  return [
    finding(
      'key.missing',
      'definitive',
      `${what}: the variable was never set where the app reads it`,
    ),
  ];
});
