import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/googleoauth2/googleoauth2_access_token.go
//   https://github.com/googleapis/python-api-core/issues/384
//   https://github.com/a2aproject/a2a-samples/issues/43
//   https://github.com/rohitaryal/imageFX-api/issues/2
export const googleOauthVertex: Provider = {
  id: 'google-oauth-vertex',
  name: 'Google OAuth 2.0 access tokens (Vertex AI and other Google Cloud APIs)',
  hosts: [
    'aiplatform.googleapis.com',
    '*-aiplatform.googleapis.com',
    'oauth2.googleapis.com',
    'www.googleapis.com',
  ],
  auth: bearer({
    note: 'A ya29. OAuth access token; service-account JSON and API keys must not be sent here.',
  }),
  alternatives: [],
  headers: [
    {
      name: 'x-goog-user-project',
      value: '<project-id>',
      required: false,
      note: 'Quota/billing project when using user (ADC) credentials (unverified).',
    },
  ],
  keyShapes: [
    {
      pattern: /ya29\.[0-9A-Za-z_-]{10,}/,
      kinds: ['oauth', 'session'],
      prefix: 'ya29.',
      lengthUnverified: true,
      note: 'Short-lived OAuth access token (about 1 hour).',
    },
    {
      pattern: /\{[\s\S]*"type":\s*"service_account"[\s\S]*\}/,
      kinds: ['service-account'],
      usableAsApiKey: false,
      note: 'Service-account JSON key file; must be exchanged for a ya29 token (JWT bearer grant), it is not itself a bearer credential.',
    },
  ],
  validate: getOk(
    'https://oauth2.googleapis.com/tokeninfo?access_token=<token>',
    'Returns exp, expires_in, scope, email/azp for the token. trufflehog uses https://www.googleapis.com/oauth2/v3/tokeninfo. Puts the token in the URL; prefer POST with a form body if logs matter (unverified that POST is accepted).',
  ),
  errorShapes: [
    {
      status: 400,
      when: 'tokeninfo with expired/invalid token',
      body: '{"error_description":"Invalid Value"} (trufflehog treats this as definitely invalid)',
    },
    {
      status: 401,
      when: 'expired or garbage token on a Cloud API',
      body: '{"error":{"code":401,"message":"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.","status":"UNAUTHENTICATED","details":[{"reason":"ACCESS_TOKEN_EXPIRED",...}]}}',
    },
    {
      status: 401,
      when: 'an API key sent to a Vertex endpoint that requires OAuth',
      body: "message 'API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal.', status UNAUTHENTICATED, reason CREDENTIALS_MISSING",
    },
    {
      status: 403,
      when: 'token valid but principal lacks IAM permission or API disabled',
      body: 'status PERMISSION_DENIED (reason IAM_PERMISSION_DENIED or SERVICE_DISABLED; unverified)',
    },
  ],
  revealingHeaders: [
    {
      name: 'WWW-Authenticate',
      meaning:
        'Bearer realm="https://accounts.google.com/" with error="invalid_token" on 401s (unverified).',
    },
  ],
  revealingBody: [
    {
      source: 'tokeninfo body',
      fields: ['exp', 'expires_in', 'scope', 'email'],
      meaning: 'Expiry, granted scopes and identity of the token.',
    },
  ],
  unverified: [
    'x-goog-user-project for ADC user credentials',
    'POST to tokeninfo',
    '403 reasons IAM_PERMISSION_DENIED / SERVICE_DISABLED',
    'WWW-Authenticate value on 401',
  ],
};
