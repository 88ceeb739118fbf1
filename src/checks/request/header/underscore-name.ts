import { defineCheck, finding } from '../../types.js';
import { saysNoCredential, type RequestEvidence } from '../../../evidence/request.js';

/** nginx (underscores_in_headers off) and others drop such headers silently. */
export const underscoreName = defineCheck<RequestEvidence>(
  'underscore-name',
  ({ credential, final }) => {
    const spot = credential?.spot;
    if (spot?.in !== 'header' || !spot.name.includes('_')) return [];
    const lost = !final.accepted && saysNoCredential(final.facts);
    const f = finding(
      'header.underscore-name',
      lost ? 'attributed' : 'definitive',
      [
        `the credential header "${spot.name}" has an underscore`,
        ...(lost ? [`the answer (${final.facts?.status}) says no credential arrived`] : []),
      ],
      { headerName: spot.name },
    );
    return [lost ? { ...f, severity: 'error' } : f];
  },
);
