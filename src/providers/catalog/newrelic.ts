import type { Provider } from '../types.js';
import { inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/newrelicuserkey/newrelicuserkey.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/newrelicpersonalapikey/newrelicpersonalapikey.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule new-relic-user-api-key)
//   streaak/keyhacks@371e807 README.md
export const newrelic: Provider = {
  id: 'newrelic',
  name: 'New Relic',
  hosts: ['api.newrelic.com', 'api.eu.newrelic.com'],
  regions: [
    {
      region: 'US',
      host: 'api.newrelic.com',
    },
    {
      region: 'EU',
      host: 'api.eu.newrelic.com',
    },
  ],
  auth: inHeader('API-Key', null, {
    note: 'NerdGraph (GraphQL); the value is the NRAK- user key.',
  }),
  alternatives: [inHeader('X-Api-Key', null, { note: 'REST API v2 (e.g. /v2/users.json).' })],
  headers: [
    {
      name: 'Content-Type',
      value: 'application/json',
      required: true,
      note: 'NerdGraph is GraphQL over POST.',
    },
  ],
  keyShapes: [
    {
      pattern: /NRAK-[A-Z0-9]{27}/,
      kinds: ['secret'],
      prefix: 'NRAK-',
      note: 'User API key (NerdGraph/REST).',
    },
    {
      pattern: /NRII-[A-Za-z0-9_-]{32}/,
      kinds: ['ingest'],
      prefix: 'NRII-',
      usableAsApiKey: false,
      note: 'Insights insert key (ingest only).',
    },
    {
      pattern: /NRJS-[a-f0-9]{19}/,
      kinds: ['ingest'],
      prefix: 'NRJS-',
      usableAsApiKey: false,
      note: 'Browser key (ingest only).',
    },
    {
      pattern: /[a-f0-9]{36}NRAL/,
      kinds: ['ingest'],
      usableAsApiKey: false,
      note: 'Ingest license key ending in NRAL (unverified format).',
    },
  ],
  validate: {
    method: 'POST',
    url: 'https://api.newrelic.com/graphql',
    successStatus: 200,
    body: '{"query":"{ requestContext { userId } }"}',
    note: 'Body from trufflehog; { actor { user { email } } } also works. Try the EU host for EU accounts. Ingest keys cannot call NerdGraph.',
  },
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: 'body shape unverified',
    },
    {
      status: 403,
      when: 'key from the other region (per trufflehog)',
      body: 'body shape unverified',
    },
  ],
  revealingHeaders: [],
  unverified: ['NRAL license key format', '401/403 body shapes'],
};
