import type { Provider } from '../types.js';
import { getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/pinecone/pinecone.go
//   https://github.com/Significant-Gravitas/AutoGPT/issues/541
export const pinecone: Provider = {
  id: 'pinecone',
  name: 'Pinecone',
  hosts: ['api.pinecone.io', '*.pinecone.io'],
  auth: inHeader('Api-Key', null),
  alternatives: [],
  headers: [
    {
      name: 'X-Pinecone-API-Version',
      value: 'e.g. 2025-10',
      required: false,
      note: 'Pins API version (trufflehog sends it).',
    },
  ],
  keyShapes: [
    {
      pattern: /pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63}/,
      kinds: ['secret'],
      prefix: 'pcsk_',
      lengthUnverified: true,
      note: 'Current key format (pcsk_<short id>_<secret>).',
    },
    {
      pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
      kinds: ['secret', 'legacy'],
      generic: true,
      note: 'Legacy UUID keys tied to an environment (generic).',
    },
  ],
  validate: getOk(
    'https://api.pinecone.io/indexes',
    "200 body has an 'indexes' array. 403 = authenticated key with restricted permissions (trufflehog counts it as valid).",
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: 'Unauthorized (body shape unverified)',
    },
    {
      status: 401,
      when: 'legacy environment-scoped key used against the wrong environment',
      body: 'plain text \'API key is missing or invalid for the environment "<env>". Check that the correct environment is specified.\', repeated in the WWW-Authenticate header',
    },
  ],
  revealingHeaders: [
    {
      name: 'WWW-Authenticate',
      meaning: 'Legacy controllers put the human-readable reason here.',
    },
  ],
  unverified: ['401 body shape for an invalid key'],
};
