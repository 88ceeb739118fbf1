import type { Provider } from '../types.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/digitaloceanv2/digitaloceanv2.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule digitalocean-pat)
//   https://github.com/digitalocean/doctl/issues/252
//   https://github.com/tayzlor/vagrant-puppet-mesosphere/issues/8
export const digitalocean: Provider = {
  id: 'digitalocean',
  name: 'DigitalOcean',
  hosts: ['api.digitalocean.com'],
  auth: {
    in: 'header',
    name: 'Authorization',
    scheme: 'Bearer',
  },
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
  validate: {
    method: 'GET',
    url: 'https://api.digitalocean.com/v2/account',
    successStatus: 200,
    note: 'Returns account (email, status, limits).',
  },
  errorShapes: [
    {
      status: 401,
      when: 'invalid/revoked/expired token',
      body: '{"id":"Unauthorized","message":"Unable to authenticate you"} (id seen as \'unauthorized\' in older responses)',
    },
  ],
  revealingHeaders: [
    {
      name: 'ratelimit-limit',
      meaning: 'Rate-limit state (unverified names).',
    },
    {
      name: 'ratelimit-remaining',
      meaning: 'Rate-limit state (unverified names).',
    },
    {
      name: 'ratelimit-reset',
      meaning: 'Rate-limit state (unverified names).',
    },
  ],
  unverified: ['rate-limit header names'],
};
