import type { Provider } from '../types.js';
import { bearer, getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/cloudflareapitoken/common.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/cloudflareapitoken/v2/cloudflareapitoken.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/cloudflareglobalapikey/v2/cloudflareglobalapikey.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule cloudflare-origin-ca-key)
//   streaak/keyhacks@371e807 README.md
//   https://github.com/putyourlightson/craft-cloudflare/issues/88
//   https://github.com/favonia/cloudflare-ddns/issues/897
//   https://github.com/edgefirst-dev/starter/issues/3
//   https://github.com/NewFuture/DDNS/issues/152
export const cloudflare: Provider = {
  id: 'cloudflare',
  name: 'Cloudflare API',
  hosts: ['api.cloudflare.com'],
  auth: bearer({ note: 'API token.' }),
  alternatives: [
    inHeader('X-Auth-Key', null, {
      note: 'Legacy Global API Key, together with X-Auth-Email: <account email>; a token in X-Auth-Key (or a global key as Bearer) fails with 6003/6103/6111.',
      forKinds: ['global'],
    }),
  ],
  headers: [],
  keyShapes: [
    {
      pattern: /cfut_[A-Za-z0-9]{40}[a-f0-9]{8}/,
      kinds: ['secret'],
      prefix: 'cfut_',
      note: '2026+ self-identifying user API token (trufflehog v2).',
    },
    {
      pattern: /cfat_[A-Za-z0-9]{40}[a-f0-9]{8}/,
      kinds: ['secret'],
      prefix: 'cfat_',
      note: '2026+ self-identifying account API token; verify at /accounts/<account_id>/tokens/verify.',
    },
    {
      pattern: /cfk_[A-Za-z0-9]{40}[a-f0-9]{8}/,
      kinds: ['secret', 'global'],
      prefix: 'cfk_',
      note: '2026+ Global API Key format; goes in X-Auth-Key with X-Auth-Email.',
    },
    {
      pattern: /[A-Za-z0-9_-]{40}/,
      kinds: ['secret', 'legacy'],
      generic: true,
      note: 'Pre-2026 API token (generic, needs context).',
    },
    {
      pattern: /[a-f0-9]{37}/,
      kinds: ['secret', 'legacy', 'global'],
      generic: true,
      note: 'Pre-2026 Global API Key (generic, needs context).',
    },
    {
      pattern: /v1\.0-[a-f0-9]{24}-[a-f0-9]{146}/,
      kinds: ['secret'],
      prefix: 'v1.0-',
      note: 'Origin CA key.',
    },
  ],
  validate: getOk(
    'https://api.cloudflare.com/client/v4/user/tokens/verify',
    "User tokens. Account-owned tokens (cfat_) must use GET /client/v4/accounts/<account_id>/tokens/verify. Global key: GET /client/v4/user with X-Auth-Email/X-Auth-Key. Success body: result.status 'active' and messages[0] {code:10000, message:'This API Token is valid and active'}.",
  ),
  errorShapes: [
    {
      status: 403,
      when: 'invalid token or token without the needed permission (often 403 rather than 401)',
      body: '{"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"messages":[],"result":null}',
    },
    {
      status: 400,
      when: 'malformed auth header / token in the wrong header',
      body: "errors[0].code 6003 'Invalid request headers' with error_chain 6111 'Invalid format for Authorization header', 6103 'Invalid format for X-Auth-Key header' or 6102 'Invalid format for X-Auth-Email header'",
    },
    {
      status: 400,
      when: 'account-owned token on a user-level endpoint',
      body: "code 1001 'List accounts endpoint does not support account owned tokens.'",
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: 'verify body',
      fields: ['result.status', 'result.expires_on', 'result.not_before'],
      meaning:
        'Whether the token is active and its validity window (expires_on/not_before unverified).',
    },
  ],
  unverified: ['expires_on / not_before in the verify body'],
};
