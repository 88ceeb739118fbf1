import { defineCheck, finding } from '../types.js';
import { fileSource, list, processSource } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/** Several .env files define the name: which one the tool uses, in its load order. */
export const envFilePrecedence = defineCheck<EnvEvidence>('env-file-precedence', (e) => {
  const defining = [...e.sources, ...e.declarations].filter((s) => s.kind === 'dotenv');
  const files = [...new Set(defining.map((s) => s.file ?? ''))];
  if (files.length < 2) return [];
  const winner = fileSource(e);
  const fps = new Set(e.sources.filter((s) => s.kind === 'dotenv').map((s) => s.value.fingerprint));
  const unloaded = files.filter((f) => !e.loader.files.includes(f));
  const evidence = [
    `${list(files)} define it (${fps.size === 1 ? 'the same value' : `${fps.size} different values`}); ${e.loader.label} (mode ${e.loader.mode}) loads ${e.loader.files.join(' > ')}${winner ? `: ${winner.file ?? ''} wins` : ''}`,
    ...(unloaded.length > 0
      ? [
          `${list(unloaded)} ${unloaded.length > 1 ? 'are' : 'is'} not read by ${e.loader.label}${e.loader.id === 'dotenv' ? ' (Next.js and Vite read them)' : ''}`,
        ]
      : []),
    ...(processSource(e) ? ['the process environment beats every file'] : []),
  ];
  const raw = finding('env.file-precedence', 'definitive', evidence, {
    name: e.name,
    winner: winner?.file ?? null,
    tool: e.loader.label,
  });
  // Different values: editing the file that loses changes nothing, a classic stale-key trap.
  return [fps.size > 1 ? { ...raw, severity: 'warning' as const } : raw];
});
