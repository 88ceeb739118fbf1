import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

/** Values that docs, templates and local LLM servers use where a key should be. */
const WORDS = new Set([
  'changeme',
  'change-me',
  'change_me',
  'token',
  'apikey',
  'api-key',
  'api_key',
  'key',
  'secret',
  'password',
  'not-needed',
  'notneeded',
  'not_needed',
  'no-key',
  'nokey',
  'sk-no-key-required',
  'dummy',
  'placeholder',
  'example',
  'test',
  'todo',
  'fixme',
  'replaceme',
  'replace-me',
  'empty',
  'unused',
  'fake',
  'foo',
  'bar',
  'abc',
  'abc123',
  '123',
  '1234',
  '12345',
  '123456',
  'ollama',
  'lm-studio',
  'lmstudio',
  'sk-',
  'sk',
  'my-key',
  'mykey',
  'xxx',
  'none-needed',
  'anything',
]);

const PATTERNS: readonly RegExp[] = [
  /^<[^<>]*>$/, // <API_KEY>
  /^\[[^[\]]*\]$/, // [YOUR KEY]
  /^\{[^{}$]*\}$/, // {token}
  /(^|[^a-z])your[-_ ]?(own[-_ ]?)?([a-z0-9]{2,20}[-_ ])?(api[-_ ]?|access[-_ ]?|secret[-_ ]?)?(key|token|secret)/i, // YOUR_OPENAI_API_KEY
  /(insert|put|paste|replace|enter|add)[-_ ]?(your[-_ ]?)?(api[-_ ]?)?(key|token)[-_ ]?(here)?/i,
  /(key|token)[-_ ]?(goes[-_ ]?)?here/i,
  /^[a-z]{1,6}[-_](proj[-_])?(x{3,}|\*{3,}|\.{3}|…)$/i, // sk-xxxx, sk-..., ghp_****
  /x{6,}/i, // sk-proj-XXXXXXXXXXXX
  /^x{3,}$/i, // xxxx
  /^(.)\1{5,}$/, // 000000, aaaaaa
];

/** True when the meant value is a documentation placeholder, not a real credential. */
export function isPlaceholder(core: string): boolean {
  const v = core.trim();
  if (v.length === 0) return false;
  return WORDS.has(v.toLowerCase()) || PATTERNS.some((p) => p.test(v));
}

export const keyPlaceholder = defineCheck<KeyEvidence>('key-placeholder', ({ core }) => {
  if (!isPlaceholder(core)) return [];
  return [
    finding(
      'key.placeholder',
      'definitive',
      `the value has the shape of a placeholder (${core.length} chars), not of a real credential`,
    ),
  ];
});
