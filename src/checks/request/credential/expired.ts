import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';
import { refusedCredential } from './invalid.js';

const EITHER_OR =
  /(invalid|revoked|incorrect|malformed)\W+(\w+\W+){0,2}(or\W+)?expired|expired\W+(\w+\W+){0,1}or\W+(invalid|revoked)/i;

export const credentialExpired = defineCheck<RequestEvidence>(
  'credential-expired',
  ({ final, credential }) => {
    const f = final.facts;
    if (!credential || !f || !refusedCredential(final) || !f.says.has('expired')) return [];
    // "invalid, expired, or revoked" lists every way a key fails: it names none of them
    if (EITHER_OR.test(f.errorText)) return [];
    return [
      finding('credential.expired', 'attributed', `${f.status}: ${f.errorText.slice(0, 140)}`, {
        provider: null,
      }),
    ];
  },
);
