import type { Provider } from '../types.js';
import { bearer, getOk, sameMeaning } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/digitaloceanv2/digitaloceanv2.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule digitalocean-pat)
//   https://github.com/digitalocean/doctl/issues/252
//   https://github.com/tayzlor/vagrant-puppet-mesosphere/issues/8
export const digitalocean: Provider = {
  id: 'digitalocean',
  name: 'DigitalOcean',
  hosts: ['api.digitalocean.com'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /dop_v1_[a-f0-9]{64}/,
      kinds: ['secret'],
      prefix: 'dop_v1_',
      note: 'Personal access token.',
    },
    {
      pattern: /doo_v1_[a-f0-9]{64}/,
      kinds: ['oauth'],
      prefix: 'doo_v1_',
      note: 'OAuth access token.',
    },
    {
      pattern: /dor_v1_[a-f0-9]{64}/,
      kinds: ['refresh'],
      prefix: 'dor_v1_',
      usableAsApiKey: false,
      note: 'OAuth refresh token (only for cloud.digitalocean.com/v1/oauth/token).',
    },
  ],
  validate: getOk(
    'https://api.digitalocean.com/v2/account',
    'Returns account (email, status, limits).',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid/revoked/expired token',
      body: '{"id":"Unauthorized","message":"Unable to authenticate you"} (id seen as \'unauthorized\' in older responses)',
    },
  ],
  revealingHeaders: [
    ...sameMeaning(
      'Rate-limit state (unverified names).',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
    ),
  ],
  unverified: ['rate-limit header names'],
};
