import { wrongRegion } from './wrong-region.js';
import { checkTable } from '../test-helpers.js';

const DATADOG_US1 = 'https://api.datadoghq.com/api/v1/validate';

checkTable(wrongRegion, 'credential.wrong-region', {
  finds: [
    {
      name: 'the answer names the region',
      reply: { status: 401, body: { error: 'Invalid API key for this region' } },
      confidence: 'attributed',
      evidence: [/^401: Invalid API key for this region/],
    },
    {
      name: 'a bare refusal at one site of a provider with several: heuristic, the others named',
      url: DATADOG_US1,
      provider: 'datadog',
      reply: { status: 403, body: { errors: ['Forbidden'] } },
      confidence: 'heuristic',
      evidence: [/^403 from api\.datadoghq\.com \(US1\); Datadog keys belong to one site: try /],
      data: { region: 'US1' },
    },
  ],
  ok: [
    {
      name: 'the answer says something more specific (rate)',
      url: DATADOG_US1,
      provider: 'datadog',
      reply: { status: 403, body: { errors: ['Rate limit exceeded'] } },
    },
    { name: 'accepted', url: DATADOG_US1, provider: 'datadog', reply: { status: 200 } },
    { name: 'a provider of one site, a bare refusal', reply: { status: 401 } },
    {
      name: 'no credential',
      spot: null,
      url: DATADOG_US1,
      provider: 'datadog',
      reply: { status: 403 },
    },
  ],
});
