import type { Provider } from '../types.js';
import { bearer, getOk, sameMeaning } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/sentrytoken/v1/sentrytoken.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/sentryorgtoken/sentryorgtoken.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule sentry-org-token)
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule sentry-user-token)
//   https://github.com/getsentry/sentry/issues/68523
//   https://github.com/getsentry/sentry/issues/33938
//   https://github.com/getsentry/self-hosted/issues/2650
export const sentry: Provider = {
  id: 'sentry',
  name: 'Sentry',
  hosts: ['sentry.io', 'us.sentry.io', 'de.sentry.io'],
  regions: [
    {
      region: 'US',
      host: 'us.sentry.io',
    },
    {
      region: 'DE',
      host: 'de.sentry.io',
    },
  ],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /sntryu_[a-f0-9]{64}/,
      kinds: ['secret'],
      prefix: 'sntryu_',
      note: 'User auth token.',
    },
    {
      pattern: /sntrys_eyJ[A-Za-z0-9+/=_]{190,}/,
      kinds: ['secret'],
      prefix: 'sntrys_',
      lengthUnverified: true,
      note: "Organization auth token: base64 JSON (iat, url, region_url, org) + '_' + secret; the embedded region_url tells which host to call.",
    },
    {
      pattern: /[a-f0-9]{64}/,
      kinds: ['secret', 'legacy'],
      generic: true,
      note: 'Legacy token (generic, needs context).',
    },
  ],
  validate: getOk(
    'https://sentry.io/api/0/auth/validate/',
    "As used by trufflehog (endpoint not in public docs; unverified). Alternative: GET /api/0/organizations/. A 403 with 'You do not have permission to perform this action.' means the token is valid but under-scoped. Org tokens (sntrys_) name their region host in the embedded region_url; self-hosted Sentry serves the same path on its own host.",
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid token',
      body: '{"detail":"Invalid token"}',
    },
    {
      status: 401,
      when: 'no/unsupported credentials',
      body: '{"detail":"Authentication credentials were not provided."} or {"detail":"Token not found"}',
      wwwAuthenticate: 'xBasic realm="api"',
    },
    {
      status: 403,
      when: 'valid token, missing scope',
      body: '{"detail":"You do not have permission to perform this action."}',
    },
  ],
  revealingHeaders: [
    ...sameMeaning(
      'Rate-limit state.',
      'x-sentry-rate-limit-remaining',
      'x-sentry-rate-limit-limit',
      'x-sentry-rate-limit-reset',
      'x-sentry-rate-limit-concurrentremaining',
    ),
  ],
  unverified: ['/api/0/auth/validate/ endpoint (used by trufflehog, not in public docs)'],
};
