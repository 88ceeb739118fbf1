import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/airtablepersonalaccesstoken/airtablepersonalaccesstoken.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/airtableoauth/airtableoauth.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule airtable-personnal-access-token)
//   https://github.com/TappNetwork/laravel-airtable/issues/78
//   https://github.com/simonw/airtable-export/issues/32
export const airtable: Provider = {
  id: 'airtable',
  name: 'Airtable',
  hosts: ['api.airtable.com'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /pat[A-Za-z0-9]{14}\.[a-f0-9]{64}/,
      kinds: ['secret'],
      prefix: 'pat',
      note: 'Personal access token (82 chars).',
    },
    {
      pattern: /[A-Za-z0-9]+\.v1\.[A-Za-z0-9_-]+\.[a-f0-9]+/,
      kinds: ['oauth'],
      note: 'OAuth access token.',
    },
    {
      pattern: /key[A-Za-z0-9]{14}/,
      kinds: ['secret', 'legacy'],
      prefix: 'key',
      usableAsApiKey: false,
      note: 'Legacy API key: stopped working 2024-02-01.',
    },
  ],
  validate: getOk(
    'https://api.airtable.com/v0/meta/whoami',
    'Returns user id (and email/scopes depending on token scopes; unverified).',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid token or legacy key',
      body: '{"error":{"type":"AUTHENTICATION_REQUIRED","message":"Authentication required"}}',
    },
    {
      status: 403,
      when: 'token valid but base/scope not granted',
      body: 'error.type INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND (unverified)',
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: 'whoami body',
      fields: ['id', 'email', 'scopes'],
      meaning: 'Identity and scopes (scopes unverified).',
    },
  ],
  unverified: ['whoami returns email/scopes', 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND on 403'],
};
