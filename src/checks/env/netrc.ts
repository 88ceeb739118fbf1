import { defineCheck, finding } from '../types.js';
import { processSource, sameValue, where } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/** A .netrc entry for the host: requests, httpx and curl -n send it instead (am-01..am-04). */
export const envNetrc = defineCheck<EnvEvidence>('env-netrc', (e) => {
  const proc = processSource(e);
  return e.sources
    .filter((s) => s.kind === 'netrc')
    .map((s) =>
      finding(
        'env.netrc',
        'attributed',
        `${where(s)}: ${s.note ?? 'an entry'} (password ${s.value.fingerprint}) applies to ${e.host ?? 'the host'}: python-requests, httpx and curl -n send it as Basic auth, replacing an explicit Authorization header${proc && sameValue(proc, s) ? ` (it holds the same secret as $${e.name})` : ''}`,
        { file: s.file },
      ),
    );
});
