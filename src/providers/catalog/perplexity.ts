import type { Provider } from '../types.js';
import { bearer, openAiErrorBody } from './shared.js';

// Sources:
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule perplexity-api-key)
//   https://github.com/perplexityai/api-discussion/issues/281
//   https://github.com/BerriAI/litellm/issues/2584
//   https://www.skills.sh/jeremylongshore/tons-of-skills-marketplace/perplexity-common-errors
export const perplexity: Provider = {
  id: 'perplexity',
  name: 'Perplexity (Sonar API)',
  hosts: ['api.perplexity.ai'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /pplx-[A-Za-z0-9]{48}/,
      kinds: ['secret'],
      prefix: 'pplx-',
      note: '53 chars.',
    },
  ],
  validate: {
    method: 'POST',
    url: 'https://api.perplexity.ai/chat/completions',
    successStatus: 400,
    body: '{"model":"sonar","messages":[]}',
    note: 'No free identity/models endpoint confirmed (unverified). The body is deliberately invalid: 401 means the key was rejected, a 400 validation error means the key was accepted and nothing was generated (unverified that such requests are never billed).',
  },
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: 'HTML, not JSON: <title>401 Authorization Required</title> ... openresty/<version>',
    },
    {
      status: 401,
      when: 'invalid key (third-party report)',
      body:
        openAiErrorBody({ message: 'Invalid API key', type: 'authentication_error', code: 401 }) +
        ' (unverified)',
    },
  ],
  revealingHeaders: [],
  unverified: [
    'no free validation endpoint; the 400 probe is assumed not to be billed',
    'JSON 401 body reported by a third party',
  ],
};
