import { defineCheck, finding } from '../../types.js';
import type { Topic } from '../../../evidence/answer.js';
import type { RequestEvidence } from '../../../evidence/request.js';
import { refusedCredential } from './invalid.js';

export const wrongRegion = defineCheck<RequestEvidence>(
  'wrong-region',
  ({ final, credential, provider, url }) => {
    const f = final.facts;
    if (!credential || !f || final.accepted || f.status < 400) return [];
    const regions = provider?.regions ?? [];
    const here = regions.find((r) => r.host === url.hostname);
    if (f.says.has('region') && refusedCredential(final)) {
      const seen = `${f.status}: ${f.errorText.slice(0, 140)}`;
      return [
        finding('credential.wrong-region', 'attributed', seen, { region: here?.region ?? null }),
      ];
    }
    // A regional provider answers a key of another site like an unknown key ("Forbidden"):
    // without a more specific word in the answer, the site is as likely as the key.
    const specific: readonly Topic[] = [
      'expired',
      'quota',
      'rate',
      'restricted',
      'account',
      'sso',
      'waf',
      'missing',
    ];
    const bare = !specific.some((t) => f.says.has(t));
    if (here && regions.length > 1 && (f.status === 401 || f.status === 403) && bare) {
      const others = regions.filter((r) => r !== here).map((r) => r.host);
      const seen = `${f.status} from ${here.host} (${here.region}); ${provider?.name} keys belong to one site: try ${others.join(', ')}`;
      return [
        finding('credential.wrong-region', 'heuristic', seen, {
          region: here.region,
          workingHost: null,
        }),
      ];
    }
    return [];
  },
);
