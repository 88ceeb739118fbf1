import type { Provider } from '../types.js';
import { getOk, inHeader, sameMeaning } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/datadogapikey/datadogapikey.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/datadogtoken/datadogtoken.go
//   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/datadog/datadog.go
//   streaak/keyhacks@371e807 README.md
//   https://github.com/DataDog/datadogpy/issues/724
//   https://github.com/DataDog/datadog-operator/issues/103
//   https://github.com/DataDog/documentation/pull/7343
export const datadog: Provider = {
  id: 'datadog',
  name: 'Datadog',
  hosts: [
    'api.datadoghq.com',
    'api.us3.datadoghq.com',
    'api.us5.datadoghq.com',
    'api.datadoghq.eu',
    'api.ap1.datadoghq.com',
    'api.ddog-gov.com',
  ],
  regions: [
    {
      region: 'US1',
      host: 'api.datadoghq.com',
    },
    {
      region: 'US3',
      host: 'api.us3.datadoghq.com',
    },
    {
      region: 'US5',
      host: 'api.us5.datadoghq.com',
    },
    {
      region: 'EU1',
      host: 'api.datadoghq.eu',
    },
    {
      region: 'AP1',
      host: 'api.ap1.datadoghq.com',
    },
    {
      region: 'US1-FED',
      host: 'api.ddog-gov.com',
    },
  ],
  auth: inHeader('DD-API-KEY', null),
  alternatives: [],
  headers: [
    {
      name: 'DD-APPLICATION-KEY',
      value: '<application key>',
      required: false,
      note: 'Needed (with the API key) for most read/management endpoints; not for /api/v1/validate or metric/log submission.',
    },
  ],
  keyShapes: [
    {
      pattern: /[a-f0-9]{32}/,
      kinds: ['secret'],
      generic: true,
      note: 'API key (generic, needs context); belongs to one site.',
    },
    {
      pattern: /[a-f0-9]{40}/,
      kinds: ['secret'],
      generic: true,
      usableAsApiKey: false,
      note: 'Application key (generic, needs context); goes in DD-APPLICATION-KEY next to an API key, never in DD-API-KEY.',
    },
  ],
  validate: getOk(
    'https://api.datadoghq.com/api/v1/validate',
    'Success body {"valid":true}. US1 shown; use the host of the key\'s site (see regions). Keys belong to one site: an EU key against api.datadoghq.com fails exactly like a bad key, so try each site. App-key check: GET /api/v2/users with both headers (trufflehog).',
  ),
  errorShapes: [
    {
      status: 403,
      when: 'invalid API key or wrong site (Datadog answers 403, not 401)',
      body: '{"errors":["Forbidden"]} (some clients show also status/code/statuspage fields)',
    },
    {
      status: 403,
      when: 'bad API/app key pair on app-key endpoints',
      body: '{"errors":["Invalid API key or Application key"]}',
    },
  ],
  revealingHeaders: [
    ...sameMeaning('Rate limit (unverified).', 'x-ratelimit-limit', 'x-ratelimit-remaining'),
  ],
  unverified: ['x-ratelimit-* headers'],
};
