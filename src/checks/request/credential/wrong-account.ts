import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

export const wrongAccount = defineCheck<RequestEvidence>(
  'wrong-account',
  ({ final, credential }) => {
    const f = final.facts;
    if (!credential || !f || final.accepted || !f.says.has('account')) return [];
    return [
      finding(
        'credential.wrong-account',
        'attributed',
        `${f.status}: ${f.errorText.slice(0, 140)}`,
      ),
    ];
  },
);
