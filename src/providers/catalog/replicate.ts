import type { Provider } from '../types.js';
import { authorization, bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/replicate/replicate.go
//   https://replicate.com/changelog/2024-04-03-bearer-tokens
//   https://github.com/replicate/replicate-python/issues/47
//   https://github.com/pguso/ai-agents-workshop/issues/1
export const replicate: Provider = {
  id: 'replicate',
  name: 'Replicate',
  hosts: ['api.replicate.com'],
  auth: bearer(),
  alternatives: [
    authorization('Token', {
      note: 'Legacy scheme, still accepted (Replicate changelog 2024-04-03).',
    }),
  ],
  headers: [],
  keyShapes: [
    {
      pattern: /r8_[0-9A-Za-z_-]{37}/,
      kinds: ['secret'],
      prefix: 'r8_',
      note: '40 chars.',
    },
  ],
  validate: getOk(
    'https://api.replicate.com/v1/account',
    'Returns account type/username (endpoint unverified). trufflehog uses GET /v1/predictions.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'no token',
      body: '{"title":"Unauthenticated","detail":"You did not pass an authentication token","status":401}',
    },
    {
      status: 401,
      when: 'invalid token',
      body: "detail 'You did not pass a valid authentication token' (unverified)",
    },
    {
      status: 422,
      when: 'invalid token on some model endpoints (seen 2023)',
      body: '{"title":"Invalid version or not permitted",...,"status":422}',
    },
  ],
  revealingHeaders: [],
  unverified: [
    'GET /v1/account as validation endpoint',
    "'You did not pass a valid authentication token' wording",
  ],
};
