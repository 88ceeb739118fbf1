import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/huggingface/huggingface.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule huggingface-access-token)
//   https://github.com/huggingface/huggingface_hub/issues/3368
//   https://github.com/huggingface/huggingface_hub/issues/3479
export const huggingface: Provider = {
  id: 'huggingface',
  name: 'Hugging Face',
  hosts: ['huggingface.co', 'router.huggingface.co', 'api-inference.huggingface.co'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /hf_[A-Za-z0-9]{34}/,
      kinds: ['secret'],
      prefix: 'hf_',
      note: 'User access token (read, write or fine-grained), 37 chars.',
    },
    {
      pattern: /api_org_[A-Za-z0-9]{34}/,
      kinds: ['secret', 'legacy'],
      prefix: 'api_org_',
      note: 'Legacy organization API token.',
    },
  ],
  validate: getOk(
    'https://huggingface.co/api/whoami-v2',
    'Use whoami-v2: the old /api/whoami rejects current tokens with the same 401 as a bad token.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid token (or token sent to /api/whoami v1)',
      body: '{"error":"Invalid credentials in Authorization header"}',
    },
    {
      status: 401,
      when: 'gated/private repo without access',
      body: '401 or 403 even with a valid token (unverified split)',
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: 'whoami-v2 body',
      fields: ['auth.accessToken.role', 'displayName', 'fineGrained'],
      meaning: 'Token role (read/write/fineGrained), name and scopes.',
    },
    {
      source: 'whoami-v2 body',
      fields: ['name', 'email', 'orgs[].roleInOrg'],
      meaning: 'Identity and org membership.',
    },
  ],
  unverified: ['401 vs 403 for gated/private repos'],
};
