import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/notion/notion.go
//   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/notion/notion.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule notion-api-token)
//   https://github.com/lizheming/doumark-action/issues/13
//   https://github.com/2anki/2anki.net/issues/1521
export const notion: Provider = {
  id: 'notion',
  name: 'Notion',
  hosts: ['api.notion.com'],
  auth: bearer(),
  alternatives: [],
  headers: [
    {
      name: 'Notion-Version',
      value: '2022-06-28',
      required: true,
      note: 'Required API version header; newer versions exist (unverified which is current).',
    },
  ],
  keyShapes: [
    {
      pattern: /ntn_[0-9]{11}[A-Za-z0-9]{35}/,
      kinds: ['secret'],
      prefix: 'ntn_',
      note: 'Current internal integration token (50 chars).',
    },
    {
      pattern: /secret_[A-Za-z0-9]{43}/,
      kinds: ['secret', 'legacy'],
      prefix: 'secret_',
      note: 'Legacy internal integration token.',
    },
  ],
  validate: getOk(
    'https://api.notion.com/v1/users/me',
    'Returns the bot user and its owner/workspace. trufflehog uses GET /v1/users (403 there still means a valid token).',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid token',
      body: '{"object":"error","status":401,"code":"unauthorized","message":"API token is invalid."}',
    },
    {
      status: 400,
      when: 'Notion-Version header missing',
      body: 'code missing_version (unverified)',
    },
    {
      status: 404,
      when: 'page/database not shared with the integration',
      body: "code object_not_found - looks like a 'wrong id' but is usually a permissions gap (unverified)",
    },
  ],
  revealingHeaders: [
    {
      name: 'x-notion-request-id',
      meaning: 'Request id.',
    },
  ],
  unverified: [
    'current Notion-Version value',
    'missing_version error code',
    'object_not_found for unshared pages',
  ],
};
