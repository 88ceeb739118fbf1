import { defineCheck, finding } from '../types.js';
import type { EnvEvidence } from '../../evidence/env.js';

/** Unset, while a close name is set: OPENAI_KEY, AZURE_OPENAI_API_KEY, VITE_API_TOKEN (en-04, en-05). */
export const envSimilarName = defineCheck<EnvEvidence>('env-similar-name', (e) => {
  if (e.sources.some((s) => s.kind === 'process' || s.kind === 'dotenv')) return [];
  const first = e.similar[0];
  if (!first) return [];
  return [
    finding(
      'env.similar-name',
      'definitive',
      e.similar.map((s) => `${s.name} is set in ${s.where} (${s.fingerprint}; ${s.reason})`),
      { name: e.name, similar: first.name },
    ),
  ];
});
