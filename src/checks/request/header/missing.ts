import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

/** The request carries no credential at all. */
export const headerMissing = defineCheck<RequestEvidence>(
  'header-missing',
  ({ credential, final }) => {
    const f = final.facts;
    if (credential || !f || final.accepted) return [];
    // A 400 counts when its words are about the credential ("Incorrect API key provided: .")
    const credential400 =
      f.status === 400 &&
      (f.blamesCredential ||
        (f.aboutCredential && (f.says.has('missing') || f.says.has('invalid'))));
    if (
      f.status !== 401 &&
      f.status !== 403 &&
      !credential400 &&
      !(f.bodySaysFailure && f.says.has('missing'))
    )
      return [];
    return [
      finding(
        'header.missing',
        'definitive',
        `no credential header or parameter was sent; the server answered ${f.status}`,
      ),
    ];
  },
);
