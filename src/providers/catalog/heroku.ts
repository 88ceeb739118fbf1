import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/heroku/v1/heroku.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/heroku/v2/heroku.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule heroku-api-key-v2)
//   streaak/keyhacks@371e807 README.md
//   https://github.com/iterative/mlem/issues/501
//   https://github.com/scala-vienna/scala-vienna-web/issues/35
export const heroku: Provider = {
  id: 'heroku',
  name: 'Heroku Platform API',
  hosts: ['api.heroku.com'],
  auth: bearer(),
  alternatives: [],
  headers: [
    {
      name: 'Accept',
      value: 'application/vnd.heroku+json; version=3',
      required: true,
      note: 'Version 3 must be requested explicitly.',
    },
  ],
  keyShapes: [
    {
      pattern: /HRKU-AA[0-9A-Za-z_-]{58}/,
      kinds: ['secret'],
      prefix: 'HRKU-AA',
      note: 'Current API key / authorization format.',
    },
    {
      pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
      kinds: ['secret', 'legacy'],
      generic: true,
      note: "Legacy UUID key (generic, needs 'heroku' context).",
    },
  ],
  validate: getOk('https://api.heroku.com/account', 'Returns the account (email, id).'),
  errorShapes: [
    {
      status: 401,
      when: 'invalid/regenerated key',
      body: '{"id":"unauthorized","message":"Invalid credentials provided."} (older responses used \'error\' instead of \'message\')',
    },
  ],
  revealingHeaders: [
    {
      name: 'RateLimit-Remaining',
      meaning: 'Remaining request budget (unverified).',
    },
    {
      name: 'Request-Id',
      meaning: 'Request id (unverified).',
    },
  ],
  unverified: ['RateLimit-Remaining and Request-Id headers'],
};
