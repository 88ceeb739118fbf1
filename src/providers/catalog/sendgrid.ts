import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/sendgrid/sendgrid.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule sendgrid-api-token)
//   streaak/keyhacks@371e807 README.md
//   https://github.com/sendgrid/sendgrid-php/issues/793
//   https://github.com/sendgrid/sendgrid-php/issues/239
export const sendgrid: Provider = {
  id: 'sendgrid',
  name: 'SendGrid (Twilio SendGrid)',
  hosts: ['api.sendgrid.com'],
  auth: bearer({ note: 'The full SG.<id>.<secret> key.' }),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/,
      kinds: ['secret'],
      prefix: 'SG.',
      note: "SG.<22>.<43> = 69 chars (every public sample and scanner rule seen). The shorter 'API Key ID' shown in the UI is not the key.",
    },
  ],
  validate: getOk(
    'https://api.sendgrid.com/v3/scopes',
    "Returns the key's scopes. 403 = valid key without the needed scope.",
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid, revoked or expired key',
      body: '{"errors":[{"message":"The provided authorization grant is invalid, expired, or revoked","field":null,"help":null}]}',
    },
    {
      status: 403,
      when: 'key lacks scope',
      body: '{"errors":[{"field":null,"message":"access forbidden"}]} (unverified wording)',
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: '/v3/scopes body',
      fields: ['scopes'],
      meaning: 'Full scope list of the key.',
    },
  ],
  unverified: ['403 missing-scope wording'],
};
