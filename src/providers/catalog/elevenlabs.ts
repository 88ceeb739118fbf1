import type { Provider } from '../types.js';
import { getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/elevenlabs/v2/elevenlabs.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/elevenlabs/v1/elevenlabs.go
export const elevenlabs: Provider = {
  id: 'elevenlabs',
  name: 'ElevenLabs',
  hosts: ['api.elevenlabs.io'],
  auth: inHeader('xi-api-key', null),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /sk_[a-f0-9]{48}/,
      kinds: ['secret'],
      prefix: 'sk_',
      note: 'Current key format (trufflehog v2).',
    },
    {
      pattern: /[a-f0-9]{32}/,
      kinds: ['secret', 'legacy'],
      generic: true,
      note: 'Legacy key (generic, needs context).',
    },
  ],
  validate: getOk(
    'https://api.elevenlabs.io/v1/user',
    'trufflehog treats both 400 and 401 as invalid. Keys can be restricted per endpoint (unverified), so a 401 on /v1/user may come from permissions.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: 'detail object with status/message (shape unverified)',
    },
  ],
  revealingHeaders: [],
  unverified: ['per-endpoint key restrictions', '401 body shape'],
};
