import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/xai/xai.go
//   https://github.com/continuedev/continue/issues/10778
export const xai: Provider = {
  id: 'xai',
  name: 'xAI (Grok API)',
  hosts: ['api.x.ai'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /xai-[0-9A-Za-z_]{80}/,
      kinds: ['secret'],
      prefix: 'xai-',
      note: '84 chars.',
    },
  ],
  validate: getOk('https://api.x.ai/v1/api-key', "Returns the key's name and acls (permissions)."),
  errorShapes: [
    {
      status: 400,
      when: 'invalid key (NOT 401; trufflehog treats 400 and 401 as invalid)',
      body: '"Incorrect API key provided: xa***yz. You can obtain an API key from https://console.x.ai."',
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: 'api-key body',
      fields: ['acls'],
      meaning: 'Permissions granted to the key.',
    },
  ],
};
