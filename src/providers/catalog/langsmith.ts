import type { Provider } from '../types.js';
import { getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/langsmith/langsmith.go
export const langsmith: Provider = {
  id: 'langsmith',
  name: 'LangSmith',
  hosts: ['api.smith.langchain.com', 'eu.api.smith.langchain.com'],
  regions: [
    {
      region: 'US',
      host: 'api.smith.langchain.com',
    },
    {
      region: 'EU',
      host: 'eu.api.smith.langchain.com',
    },
  ],
  auth: inHeader('X-API-Key', null),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /lsv2_pt_[a-f0-9]{32}_[a-f0-9]{10}/,
      kinds: ['secret'],
      prefix: 'lsv2_pt_',
      note: 'Personal access token.',
    },
    {
      pattern: /lsv2_sk_[a-f0-9]{32}_[a-f0-9]{10}/,
      kinds: ['secret', 'service-account'],
      prefix: 'lsv2_sk_',
      note: 'Service key.',
    },
  ],
  validate: getOk(
    'https://api.smith.langchain.com/api/v1/api-key',
    'As used by trufflehog (401 and 403 both mean invalid).',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: 'unverified',
    },
  ],
  revealingHeaders: [],
  unverified: ['eu.api.smith.langchain.com host', '401 body'],
};
