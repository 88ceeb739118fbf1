import { defineCheck, finding } from '../../types.js';
import { saysKeyLimitedTo } from './key-permission.js';
import type { RequestEvidence } from '../../../evidence/request.js';

export const restricted = defineCheck<RequestEvidence>('restricted', ({ final, credential }) => {
  const f = final.facts;
  if (!credential || !f || final.accepted || !f.says.has('restricted') || f.says.has('waf'))
    return [];
  // Restricted to some operations ("to only send emails"): a permission, key-permission.ts's.
  if (saysKeyLimitedTo(f.errorText)) return [];
  if (
    f.status !== 401 &&
    f.status !== 403 &&
    !(f.status >= 200 && f.status < 300) &&
    f.status !== 400
  )
    return [];
  return [
    finding('credential.restricted', 'attributed', `${f.status}: ${f.errorText.slice(0, 140)}`),
  ];
});
