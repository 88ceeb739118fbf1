import { defineCheck, finding } from '../../types.js';
import {
  isBlockPage,
  layerOwnRefusal,
  rateLimited,
  saysNoCredential,
  type RequestEvidence,
  unknownKeyAnswer,
} from '../../../evidence/request.js';

/** 403: the caller is known but not allowed (the catch-all after the specific 403 checks). */
export const forbidden = defineCheck<RequestEvidence>('forbidden', (ev) => {
  const { final, credential } = ev;
  const f = final.facts;
  if (f?.status !== 403 || !credential) return [];
  // The same 403 as without a key, where the provider answers so to unknown keys: not "known";
  // nor a web server's stock 403 the key played no part in (layer.gateway), nor a filter's block
  // page (status.waf-blocked).
  if (saysNoCredential(f) || unknownKeyAnswer(ev) || layerOwnRefusal(ev) || isBlockPage(ev))
    return [];
  // More specific readings of a 403: the key itself (credential.invalid), a rate limit, quota,
  // an unmatched API Gateway route, a signed request outside the server's time window.
  if (
    f.blamesCredential ||
    rateLimited(f) ||
    f.says.has('quota') ||
    f.says.has('route') ||
    (f.says.has('clock') && Math.abs(f.skewSeconds ?? 0) > 60)
  )
    return [];
  return [
    finding(
      'status.forbidden',
      'heuristic',
      `403${f.errorText ? `: ${f.errorText.slice(0, 120)}` : ''}`,
      { status: 403 },
    ),
  ];
});
