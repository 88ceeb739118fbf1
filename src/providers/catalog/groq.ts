import type { Provider } from '../types.js';
import { bearer, getOk, openAiErrorBody } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/groq/groq.go
//   https://github.com/ag5826000/resume-commentor/issues/4
//   https://github.com/spring-projects/spring-ai/pull/997
export const groq: Provider = {
  id: 'groq',
  name: 'Groq',
  hosts: ['api.groq.com'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /gsk_[A-Za-z0-9]{52}/,
      kinds: ['secret'],
      prefix: 'gsk_',
      note: '56 chars.',
    },
  ],
  validate: getOk(
    'https://api.groq.com/openai/v1/models',
    "OpenAI-compatible base path is /openai/v1. An xAI 'Grok' key is a frequent mix-up.",
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: openAiErrorBody({
        message: 'Invalid API Key',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      }),
    },
  ],
  revealingHeaders: [
    {
      name: 'x-request-id',
      meaning: 'Request id (req_...).',
    },
    {
      name: 'x-groq-region',
      meaning: 'Serving region.',
    },
    {
      name: 'x-ratelimit-*',
      meaning: 'Rate-limit state (unverified names).',
    },
  ],
  unverified: ['x-ratelimit-* header names'],
};
