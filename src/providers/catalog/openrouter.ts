import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/openrouter/openrouter.go
//   https://github.com/musistudio/claude-code-router/issues/227
//   https://github.com/Fosowl/agenticSeek/issues/407
//   https://github.com/anomalyco/opencode/issues/14252
export const openrouter: Provider = {
  id: 'openrouter',
  name: 'OpenRouter',
  hosts: ['openrouter.ai'],
  auth: bearer({ note: 'Base URL must be https://openrouter.ai/api/v1.' }),
  alternatives: [],
  headers: [
    {
      name: 'HTTP-Referer',
      value: '<app url>',
      required: false,
      note: 'Attribution only (unverified).',
    },
    {
      name: 'X-Title',
      value: '<app name>',
      required: false,
      note: 'Attribution only (unverified).',
    },
  ],
  keyShapes: [
    {
      pattern: /sk-or-v1-[0-9a-f]{64}/,
      kinds: ['secret'],
      prefix: 'sk-or-v1-',
      note: '73 chars.',
    },
  ],
  validate: getOk(
    'https://openrouter.ai/api/v1/key',
    'Returns data.label, limit, usage, is_free_tier, limit_remaining (trufflehog). Base URL must be https://openrouter.ai/api/v1.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'no usable credential sent',
      body: '{"error":{"message":"No auth credentials found","code":401}} (also \'No cookie auth credentials found\')',
    },
    {
      status: 401,
      when: 'deleted/invalid key',
      body: '{"error":{"message":"User not found.","code":401}} (also seen during an OpenRouter incident)',
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: '/api/v1/key body',
      fields: ['limit', 'usage', 'limit_remaining', 'is_free_tier'],
      meaning: 'Credit limits and tier of the key.',
    },
  ],
  unverified: ['HTTP-Referer / X-Title are attribution only'],
};
