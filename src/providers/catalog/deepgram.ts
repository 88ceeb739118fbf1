import type { Provider } from '../types.js';
import { authorization, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/deepgram/deepgram.go
export const deepgram: Provider = {
  id: 'deepgram',
  name: 'Deepgram',
  hosts: ['api.deepgram.com'],
  auth: authorization('Token', {
    note: "API keys use 'Token'; Bearer is for short-lived JWTs (unverified).",
  }),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /[0-9a-z]{40}/,
      kinds: ['secret'],
      generic: true,
      note: '40 chars, no prefix (generic, needs context).',
    },
  ],
  validate: getOk(
    'https://api.deepgram.com/v1/projects',
    "'Bearer' is for short-lived JWTs, not API keys (unverified); using Bearer with an API key is a classic 401.",
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key or wrong scheme',
      body: 'JSON with err_code/err_msg (unverified)',
    },
  ],
  revealingHeaders: [],
  unverified: ['Bearer reserved for short-lived JWTs', '401 body (err_code/err_msg)'],
};
