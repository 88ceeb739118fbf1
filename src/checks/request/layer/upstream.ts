import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

/** (info) The API itself answered: its own vendor headers, and no layer in between spoke. */
export const upstream = defineCheck<RequestEvidence>('upstream', ({ final, provider }) => {
  const f = final.facts;
  if (!f || final.accepted || !provider || f.layers.some((l) => l.kind === 'gateway')) return [];
  const own = provider.revealingHeaders
    .map((h) => h.name.toLowerCase().split(/[\s/]/)[0] ?? '')
    .find((n) => n && f.headers[n] !== undefined);
  if (!own) return [];
  return [
    finding('layer.upstream', 'attributed', `${provider.name}'s own header ${own} is present`, {
      layer: provider.name,
    }),
  ];
});
