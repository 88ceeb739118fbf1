import type { Provider } from '../types.js';
import { bearer, getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/anthropic/anthropic.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule anthropic-api-key)
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule anthropic-admin-api-key)
//   https://docs.anthropic.com/en/api/overview (response headers; seen via localized copies)
//   https://docs.anthropic.com/en/api/versioning
//   https://github.com/anthropics/claude-code/issues/6459
export const anthropic: Provider = {
  id: 'anthropic',
  name: 'Anthropic (Claude API)',
  hosts: ['api.anthropic.com'],
  auth: inHeader('x-api-key', null),
  alternatives: [
    bearer({
      note: 'Claude subscription OAuth tokens (sk-ant-oat01-); clients also send anthropic-beta: oauth-2025-04-20 (unverified). These tokens expire (hours) and are not API keys.',
    }),
  ],
  headers: [
    {
      name: 'anthropic-version',
      value: '2023-06-01',
      required: true,
      note: 'Required on every request; SDKs add it.',
    },
    {
      name: 'content-type',
      value: 'application/json',
      required: true,
      note: 'For requests with a body.',
    },
  ],
  keyShapes: [
    {
      pattern: /sk-ant-api03-[A-Za-z0-9_-]{93}AA/,
      kinds: ['secret'],
      prefix: 'sk-ant-api03-',
      note: 'Standard API key (108 chars, always ends in AA).',
    },
    {
      pattern: /sk-ant-admin01-[A-Za-z0-9_-]{93}AA/,
      kinds: ['admin'],
      prefix: 'sk-ant-admin01-',
      usableAsApiKey: false,
      note: 'Admin API key; only for /v1/organizations/* endpoints.',
    },
    {
      pattern: /sk-ant-oat01-[A-Za-z0-9_-]{40,}/,
      kinds: ['oauth'],
      prefix: 'sk-ant-oat01-',
      lengthUnverified: true,
      note: 'OAuth access token (Claude Code / subscriptions); sent as Bearer, expires within hours. Length not pinned (unverified).',
    },
    {
      pattern: /sk-ant-ort01-[A-Za-z0-9_-]{40,}/,
      kinds: ['refresh'],
      prefix: 'sk-ant-ort01-',
      lengthUnverified: true,
      usableAsApiKey: false,
      note: 'OAuth refresh token; exchanged for an access token, never sent to the API. Length not pinned (unverified).',
    },
  ],
  validate: getOk(
    'https://api.anthropic.com/v1/models',
    "Free. Admin keys: GET https://api.anthropic.com/v1/organizations/api_keys. trufflehog treats 404 as 'key disabled or not found' as well as 401, and says a 400 is never a bad-key signal.",
  ),
  errorShapes: [
    {
      status: 401,
      when: 'missing/invalid/revoked key',
      body: '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_..."} (message also seen as \'API key is invalid.\')',
    },
    {
      status: 401,
      when: 'expired OAuth token',
      body: '{"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."},"request_id":"req_..."}',
    },
    {
      status: 403,
      when: 'key valid but not allowed (workspace/org settings)',
      body: 'error.type permission_error',
    },
    {
      status: 404,
      when: 'disabled key (per trufflehog)',
      body: 'error.type not_found_error (unverified)',
    },
  ],
  revealingHeaders: [
    {
      name: 'request-id',
      meaning: 'Globally unique request id.',
    },
    {
      name: 'anthropic-organization-id',
      meaning: 'Organization that owns the API key used (identity).',
    },
  ],
  unverified: [
    'anthropic-beta: oauth-2025-04-20 header for OAuth tokens',
    'OAuth access/refresh token lengths',
    '404 not_found_error for disabled keys',
  ],
};
