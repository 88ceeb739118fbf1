import type { Provider } from '../types.js';
import { bearer, getOk, openAiErrorBody } from './shared.js';

// Sources:
//   https://github.com/harshitv804/LawGPT/issues/4
//   https://github.com/can1357/oh-my-pi/pull/8333
//   public code samples of tgp_v1_ keys (find_string over public GitHub)
export const together: Provider = {
  id: 'together',
  name: 'Together AI',
  hosts: ['api.together.xyz', 'api.together.ai'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /tgp_v1_[A-Za-z0-9_-]{43}/,
      kinds: ['secret'],
      prefix: 'tgp_v1_',
      lengthUnverified: true,
      note: 'Current format, 50 chars (length taken from public samples; unverified).',
    },
    {
      pattern: /[a-f0-9]{64}/,
      kinds: ['secret', 'legacy'],
      generic: true,
      note: 'Legacy 64-hex keys; generic, needs context.',
    },
  ],
  validate: getOk(
    'https://api.together.xyz/v1/models',
    'Model-agnostic; validating with a chat completion can fail with 400 model_not_available even for a good key.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: openAiErrorBody({
        message:
          'Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      }),
    },
  ],
  revealingHeaders: [],
  unverified: ['tgp_v1_ key length'],
};
