import type { Provider } from '../types.js';
import { getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/algoliaadminkey/algoliaadminkey.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule algolia-api-key)
//   streaak/keyhacks@371e807 README.md
export const algolia: Provider = {
  id: 'algolia',
  name: 'Algolia',
  hosts: ['*.algolia.net'],
  auth: inHeader('X-Algolia-API-Key', null, {
    note: 'Only valid together with X-Algolia-Application-Id and the <APP_ID>.algolia.net host.',
  }),
  alternatives: [],
  headers: [
    {
      name: 'X-Algolia-Application-Id',
      value: '<APP_ID>',
      required: true,
      note: 'Key is only valid together with its application id and host.',
    },
  ],
  keyShapes: [
    {
      pattern: /[A-Z0-9]{10}/,
      kinds: ['identifier'],
      generic: true,
      usableAsApiKey: false,
      note: 'Application id (identifier); goes in X-Algolia-Application-Id and the host name.',
    },
    {
      pattern: /[a-f0-9]{32}/,
      kinds: ['secret'],
      generic: true,
      note: 'API key: admin, search-only or secured (generic, needs context).',
    },
  ],
  validate: getOk(
    'https://<APP_ID>.algolia.net/1/keys/<key>',
    "Returns the key's ACL list (trufflehog). 403 = valid key lacking ACL; DNS failure = wrong app id.",
  ),
  errorShapes: [
    {
      status: 403,
      when: 'invalid key or app id mismatch',
      body: '{"message":"Invalid Application-ID or API key","status":403} (unverified)',
    },
    {
      status: 401,
      when: 'per trufflehog: treated as invalid',
      body: 'unverified',
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: 'keys body',
      fields: ['acl', 'validity', 'indexes'],
      meaning: 'ACL, expiry and index restrictions of the key.',
    },
  ],
  unverified: ['403 body wording', '401 handling'],
};
