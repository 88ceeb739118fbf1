import type { Provider } from '../types.js';
import { bearer } from './shared.js';

// Sources:
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule cohere-api-token)
//   https://docs.cohere.com/reference/check-api-key
//   https://github.com/cohere-ai/cohere-toolkit/issues/857
//   https://github.com/wandb/edu/issues/155
export const cohere: Provider = {
  id: 'cohere',
  name: 'Cohere',
  hosts: ['api.cohere.com', 'api.cohere.ai'],
  auth: bearer(),
  alternatives: [],
  headers: [
    {
      name: 'X-Client-Name',
      value: '<app name>',
      required: false,
      note: 'Optional caller label.',
    },
  ],
  keyShapes: [
    {
      pattern: /[A-Za-z0-9]{40}/,
      kinds: ['secret'],
      generic: true,
      note: 'No prefix, 40 alphanumeric; needs context (cohere / CO_API_KEY). Trial and production keys look the same. api.cohere.ai is the legacy host.',
    },
  ],
  validate: {
    method: 'POST',
    url: 'https://api.cohere.com/v1/check-api-key',
    successStatus: 200,
    note: 'Dedicated free endpoint; 200 body {"valid":true,"organization_id":...,"owner_id":...}.',
  },
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: '{"message":"invalid api token"}',
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: 'check-api-key body',
      fields: ['organization_id', 'owner_id'],
      meaning: 'Identity of the key.',
    },
  ],
};
