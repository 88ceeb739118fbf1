import type { Provider } from '../types.js';
import { bearer, getOk, sameMeaning } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/netlify/v2/netlify_v2.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule netlify-access-token)
//   https://github.com/lukehsiao/netlify-ddns-rs/issues/118
//   https://github.com/stackblitz/bolt.new/issues/4958
export const netlify: Provider = {
  id: 'netlify',
  name: 'Netlify API',
  hosts: ['api.netlify.com'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /nfp_[A-Za-z0-9_]{36}/,
      kinds: ['secret'],
      prefix: 'nfp_',
      note: 'Personal access token (current format).',
    },
    {
      pattern: /[A-Za-z0-9_-]{43,45}/,
      kinds: ['secret', 'legacy'],
      generic: true,
      note: 'Older tokens (generic, needs context).',
    },
  ],
  validate: getOk(
    'https://api.netlify.com/api/v1/user',
    'trufflehog uses GET /api/v1/sites. Personal access tokens expire; users report old PATs silently turning into 401s.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid/expired token',
      body: "JSON with code 401 and an 'Access Denied' style message (exact text unverified)",
    },
  ],
  revealingHeaders: [
    ...sameMeaning('Rate limit (unverified).', 'X-RateLimit-Limit', 'X-RateLimit-Remaining'),
  ],
  unverified: ['exact 401 body', 'rate-limit headers'],
};
