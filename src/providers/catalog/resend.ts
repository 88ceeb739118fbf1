import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   https://resend.com/docs/api-reference/errors.md
//   https://www.resend.com/docs/api-reference/
export const resend: Provider = {
  id: 'resend',
  name: 'Resend',
  hosts: ['api.resend.com'],
  auth: bearer(),
  alternatives: [],
  headers: [
    {
      name: 'User-Agent',
      value: '<any>',
      required: true,
      note: 'Requests without a User-Agent are rejected with 403 (Cloudflare error 1010).',
    },
  ],
  keyShapes: [
    {
      pattern: /re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}/,
      kinds: ['secret'],
      prefix: 're_',
      lengthUnverified: true,
      note: 're_<8>_<24>, 36 chars (from public samples; unverified).',
    },
  ],
  validate: getOk(
    'https://api.resend.com/domains',
    'Needs a full-access key. A sending-only key returns 401 restricted_api_key, which proves the key itself is valid.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'no key',
      body: "name missing_api_key, message 'Missing API key in the authorization header.'",
    },
    {
      status: 401,
      when: 'sending-only key on a non-send endpoint',
      body: "name restricted_api_key, message 'This API key is restricted to only send emails.'",
    },
    {
      status: 403,
      when: 'invalid key (403, not 401)',
      body: 'name invalid_api_key, message \'API key is invalid.\' (envelope {"statusCode","name","message"}; field names unverified)',
    },
  ],
  revealingHeaders: [],
  unverified: ['re_ key structure', 'error envelope field names'],
};
