import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/npmtokenv2/npmtokenv2.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule npm-access-token)
//   streaak/keyhacks@371e807 README.md
//   https://github.com/npm/cli/issues/8855
//   https://github.com/npm/cli/issues/9957
//   https://github.com/askalf/dario/pull/388
export const npm: Provider = {
  id: 'npm',
  name: 'npm registry',
  hosts: ['registry.npmjs.org'],
  auth: bearer({
    note: 'The npm CLI reads it from .npmrc as //registry.npmjs.org/:_authToken=<token>; a token scoped to another registry host is never sent.',
  }),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /npm_[A-Za-z0-9]{36}/,
      kinds: ['secret'],
      prefix: 'npm_',
      note: 'Current token format (granular and legacy classic).',
    },
    {
      pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
      kinds: ['secret', 'legacy'],
      generic: true,
      note: 'Very old UUID tokens (generic).',
    },
  ],
  validate: getOk(
    'https://registry.npmjs.org/-/whoami',
    'Success body {"username":...}. Classic token creation was disabled in Nov 2025, write-enabled granular tokens are capped at 90 days, and npm login session tokens at 2 hours - expiry is now a common 401 cause. Some report granular tokens failing whoami while still able to publish (unverified).',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid, expired or revoked token',
      body: "npm CLI shows E401 '401 Unauthorized - GET https://registry.npmjs.org/-/whoami'",
    },
    {
      status: 403,
      when: 'token has a CIDR allowlist and the caller IP is outside it',
      body: 'E403 403 Forbidden',
    },
    {
      status: 401,
      when: 'write needs 2FA OTP and token does not bypass 2FA',
      body: "'This operation requires a one-time password from your authenticator.' (EOTP)",
    },
  ],
  revealingHeaders: [
    {
      name: 'npm-notice',
      meaning: 'Registry notices such as token deprecation (unverified).',
    },
  ],
  unverified: ['granular tokens failing whoami while still able to publish', 'npm-notice header'],
};
