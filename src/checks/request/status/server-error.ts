import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

export const serverError = defineCheck<RequestEvidence>('server-error', ({ final }) => {
  const f = final.facts;
  if (!f || f.status < 500 || f.status > 599) return [];
  return [
    finding(
      'status.server-error',
      'definitive',
      `${f.status} ${final.result.ok ? final.result.response.statusText : ''}: the server failed; the key's validity cannot be told`,
      { status: f.status },
    ),
  ];
});
