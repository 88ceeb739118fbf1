import type { Provider } from '../types.js';
import { basic, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/twilio/twilio.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/twilioapikey/twilioapikey.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule twilio-api-key)
//   streaak/keyhacks@371e807 README.md
//   https://github.com/twilio/twilio-video-app-react/issues/841
//   https://github.com/twilio/twilio-php/issues/380
export const twilio: Provider = {
  id: 'twilio',
  name: 'Twilio',
  hosts: ['api.twilio.com', 'verify.twilio.com', '*.twilio.com'],
  auth: basic('user:key', {
    user: 'AccountSID',
    note: 'AccountSID:AuthToken, or API Key SID (SK...):API Key Secret; the Account SID must still appear in the URL.',
  }),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /AC[0-9a-f]{32}/,
      kinds: ['identifier'],
      prefix: 'AC',
      usableAsApiKey: false,
      note: 'Account SID (identifier, not secret); the Basic user with an auth token.',
    },
    {
      pattern: /SK[0-9a-fA-F]{32}/,
      kinds: ['identifier'],
      prefix: 'SK',
      usableAsApiKey: false,
      note: 'API Key SID; its secret is a separate 32-char string.',
    },
    {
      pattern: /[a-f0-9]{32}/,
      kinds: ['secret'],
      generic: true,
      note: 'Auth token (generic 32 hex).',
    },
  ],
  validate: getOk(
    'https://api.twilio.com/2010-04-01/Accounts/<AccountSID>.json',
    'With API-key credentials the Account SID must still appear in the URL. trufflehog uses GET https://verify.twilio.com/v2/Services.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'bad SID/secret pair, deleted API key, or API key SID used where the Account SID is expected',
      body: '{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}',
    },
  ],
  revealingHeaders: [
    {
      name: 'Twilio-Request-Id',
      meaning: 'Request id (unverified).',
    },
  ],
  unverified: ['Twilio-Request-Id header'],
};
