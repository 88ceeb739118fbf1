import type { Provider } from '../types.js';
import { bearer, inQuery } from './shared.js';

// Sources:
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule gcp-api-key)
//   streaak/keyhacks@371e807 README.md
//   https://github.com/flutter/flutter/issues/101115
export const firebase: Provider = {
  id: 'firebase',
  name: 'Firebase (Web API key, Auth REST, FCM)',
  hosts: [
    'identitytoolkit.googleapis.com',
    'securetoken.googleapis.com',
    'firestore.googleapis.com',
    '*.firebaseio.com',
    'fcm.googleapis.com',
  ],
  auth: inQuery('key', { note: 'Web API key as ?key=.' }),
  alternatives: [
    bearer({
      note: 'Firebase ID token (JWT) for Firestore/Storage REST as a signed-in user; ID tokens last 1 hour.',
      forKinds: ['jwt'],
    }),
    bearer({
      note: 'Google OAuth token for a service account: admin access and FCM HTTP v1 (https://fcm.googleapis.com/v1/projects/<id>/messages:send).',
    }),
  ],
  headers: [],
  keyShapes: [
    {
      pattern: /AIza[0-9A-Za-z_-]{35}/,
      kinds: ['publishable'],
      prefix: 'AIza',
      note: 'Same format as any Google API key; Firebase web keys are meant to be public and identify the project, not authorize it.',
    },
  ],
  validate: {
    method: 'POST',
    url: 'https://identitytoolkit.googleapis.com/v1/accounts:createAuthUri?key=<key>',
    successStatus: 200,
    body: '{"identifier":"nobody@example.com","continueUri":"http://localhost"}',
    note: "Read-only lookup (unverified as the best probe). Do NOT use accounts:signUp for probing: it creates a user. The legacy FCM 'Authorization: key=<server key>' API at /fcm/send was shut down in 2024 (unverified date).",
  },
  errorShapes: [
    {
      status: 400,
      when: 'invalid key',
      body: "Google error envelope, status INVALID_ARGUMENT, reason API_KEY_INVALID, message 'API key not valid. Please pass a valid API key.'",
    },
    {
      status: 403,
      when: 'key restricted (referrer/app/API)',
      body: 'status PERMISSION_DENIED, reason API_KEY_HTTP_REFERRER_BLOCKED or API_KEY_SERVICE_BLOCKED',
    },
    {
      status: 401,
      when: 'expired ID token on Firestore/Storage REST',
      body: 'status UNAUTHENTICATED (unverified wording)',
    },
  ],
  revealingHeaders: [],
  unverified: [
    'accounts:createAuthUri as the best probe',
    'legacy FCM shutdown date',
    'expired ID token wording',
  ],
};
