import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   https://github.com/cline/cline/issues/1734
//   https://github.com/nextcloud/integration_openai/issues/332
//   https://github.com/cline/cline/issues/13288
//   https://github.com/janhq/jan/pull/2672
//   https://tessl.io/registry/tessl/npm-ai-sdk--mistral/2.0.0/files/docs/provider-configuration.md
export const mistral: Provider = {
  id: 'mistral',
  name: 'Mistral AI',
  hosts: ['api.mistral.ai', 'codestral.mistral.ai'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /[A-Za-z0-9]{32}/,
      kinds: ['secret'],
      generic: true,
      note: 'No prefix; 32 alphanumeric chars (unverified). Only meaningful with context such as MISTRAL_API_KEY. Codestral keys look the same but only work on codestral.mistral.ai.',
    },
  ],
  validate: getOk(
    'https://api.mistral.ai/v1/models',
    'Free. Codestral-specific keys (issued for codestral.mistral.ai) are rejected by api.mistral.ai and vice versa. Users report new keys needing a few minutes before they work.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: '{"message":"Unauthorized","request_id":"<hex>"}',
    },
    {
      status: 401,
      when: 'invalid key (other observed variants)',
      body: '{"detail":"Unauthorized"} or {"detail":"Invalid API Key"}; older: message \'No API key found in request\'',
    },
  ],
  revealingHeaders: [],
  unverified: ['key format (32 alphanumeric)'],
};
