import type { Provider } from '../types.js';
import { authorization, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/pagerdutyapikey/pagerdutyapikey.go
//   mongodb/kingfisher@ee7c0db data/rules/pagerdutyapikey.yml
//   streaak/keyhacks@371e807 README.md
//   https://github.com/PagerDuty/go-pagerduty/issues/469
export const pagerduty: Provider = {
  id: 'pagerduty',
  name: 'PagerDuty REST API',
  hosts: ['api.pagerduty.com', 'api.eu.pagerduty.com'],
  regions: [
    {
      region: 'US',
      host: 'api.pagerduty.com',
    },
    {
      region: 'EU',
      host: 'api.eu.pagerduty.com',
    },
  ],
  auth: authorization('Token token=', {
    note: "Value is 'Token token=<key>'; Bearer or a bare key is a 401.",
  }),
  alternatives: [],
  headers: [
    {
      name: 'Accept',
      value: 'application/vnd.pagerduty+json;version=2',
      required: false,
      note: 'Recommended version header.',
    },
  ],
  keyShapes: [
    {
      pattern: /u\+[A-Za-z0-9_+-]{18}/,
      kinds: ['secret'],
      prefix: 'u+',
      lengthUnverified: true,
      note: "User API token (20 chars, starts 'u+'); general account keys are also 20 chars without the prefix (unverified).",
    },
  ],
  validate: getOk(
    'https://api.pagerduty.com/users?limit=1',
    'Events API integration/routing keys (sent to events.pagerduty.com) are a different credential and always fail here.',
  ),
  errorShapes: [
    {
      status: 401,
      when: "invalid key or 'Bearer'/bare-key header",
      body: '{"error":{"message":"Unauthorized","code":2006}} (unverified); some 401s come back without a JSON content type',
    },
  ],
  revealingHeaders: [],
  unverified: ['api.eu.pagerduty.com host', 'account keys: 20 chars without prefix', '401 body'],
};
