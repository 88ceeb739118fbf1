import type { Provider } from '../types.js';
import { basic, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/mailgun/mailgun.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule mailgun-private-api-token)
//   streaak/keyhacks@371e807 README.md
//   https://github.com/mailgun/mailgun.js/issues/64
//   https://github.com/mailgun/mailgun.js/issues/388
//   https://github.com/dongri/mailgun-rs/issues/9
export const mailgun: Provider = {
  id: 'mailgun',
  name: 'Mailgun',
  hosts: ['api.mailgun.net', 'api.eu.mailgun.net'],
  regions: [
    {
      region: 'US',
      host: 'api.mailgun.net',
    },
    {
      region: 'EU',
      host: 'api.eu.mailgun.net',
    },
  ],
  auth: basic('api:key', { note: 'User is the literal word api, password the private API key.' }),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /key-[0-9a-f]{32}/,
      kinds: ['secret', 'legacy'],
      prefix: 'key-',
      note: 'Legacy private API key.',
    },
    {
      pattern: /[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}/,
      kinds: ['secret'],
      note: 'Current private/domain sending key format (gitleaks labels this pattern as the webhook signing key, so confirm by context).',
    },
    {
      pattern: /pubkey-[0-9a-f]{32}/,
      kinds: ['publishable'],
      prefix: 'pubkey-',
      usableAsApiKey: false,
      note: 'Public validation key (not for sending).',
    },
  ],
  validate: getOk(
    'https://api.mailgun.net/v3/domains',
    'Use api.eu.mailgun.net for EU accounts: keys are region-bound, and the wrong region gives the same 401 as a bad key.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'bad key, or EU key sent to US host (and vice versa)',
      body: "plain text 'Forbidden' (not JSON)",
    },
    {
      status: 404,
      when: 'domain exists only in the other region',
      body: "'Domain not found'",
    },
  ],
  revealingHeaders: [],
};
