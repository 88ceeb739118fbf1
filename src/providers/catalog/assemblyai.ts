import type { Provider } from '../types.js';
import { getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/assemblyai/assemblyai.go
export const assemblyai: Provider = {
  id: 'assemblyai',
  name: 'AssemblyAI',
  hosts: ['api.assemblyai.com'],
  auth: inHeader('Authorization', null, { note: 'Raw key as the header value, no scheme.' }),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /[0-9a-z]{32}/,
      kinds: ['secret'],
      generic: true,
      note: '32 chars, no prefix (generic, needs context).',
    },
  ],
  validate: getOk(
    'https://api.assemblyai.com/v2/transcript?limit=1',
    'Lists transcripts (trufflehog, without limit).',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: '{"error":"Authentication error, API token missing/invalid"} (unverified)',
    },
  ],
  revealingHeaders: [],
  unverified: ['401 body'],
};
