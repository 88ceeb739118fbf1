import { defineCheck, finding } from '../types.js';
import { sameValue, where } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/** A Dockerfile ENV or ARG sets the variable: fixed when the image is built. */
export const envDockerBaked = defineCheck<EnvEvidence>('env-docker-baked', (e) => {
  const defs = [...e.sources, ...e.declarations].filter((s) => s.kind === 'dockerfile');
  if (defs.length === 0) return [];
  const first =
    defs.find((d) => d.instruction === 'ENV' && 'finalStage' in d && d.finalStage) ?? defs[0];
  const app = e.sources.find((s) => s.group === 'app' && s.wins);
  const evidence = defs.map((d) => {
    const what = d.tool ?? 'Dockerfile';
    const differs =
      'value' in d && app && !sameValue(app, d)
        ? `, not the value the app gets from ${where(app)}`
        : '';
    const overridden =
      'value' in d && d.instruction === 'ENV' && d.finalStage && !d.wins
        ? ' (compose overrides it in its containers)'
        : '';
    const value =
      'value' in d
        ? ` sets ${d.value.fingerprint} (${d.value.redacted})${differs}${overridden}`
        : '';
    const why =
      d.instruction === 'ARG'
        ? ': build-time only, but kept in the image history and inlined by front-end builds'
        : 'finalStage' in d && d.finalStage === false
          ? ': an earlier build stage only; the final image does not inherit it (each FROM starts afresh)'
          : '';
    return `${where(d)}: ${what}${value}${d.note ? `, ${d.note}` : ''}${why}`;
  });
  return [
    finding('env.docker-baked', 'definitive', evidence, {
      name: e.name,
      file: first?.file ?? null,
      line: first?.line ?? null,
    }),
  ];
});
