import type { Provider } from '../types.js';
import { bearer, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/linearapi/linearapi.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule linear-api-key)
//   https://github.com/BabylonSocial/babylon/pull/668
export const linear: Provider = {
  id: 'linear',
  name: 'Linear',
  hosts: ['api.linear.app'],
  auth: inHeader('Authorization', null, {
    note: "Personal API key as the raw header value, no 'Bearer'.",
  }),
  alternatives: [bearer({ note: 'OAuth access tokens use Bearer.' })],
  headers: [
    {
      name: 'Content-Type',
      value: 'application/json',
      required: true,
      note: 'GraphQL POST body.',
    },
  ],
  keyShapes: [
    {
      pattern: /lin_api_[A-Za-z0-9]{40}/,
      kinds: ['secret'],
      prefix: 'lin_api_',
      note: 'Personal API key (raw Authorization header, no Bearer).',
    },
  ],
  validate: {
    method: 'POST',
    url: 'https://api.linear.app/graphql',
    successStatus: 200,
    body: '{"query":"{ viewer { id name email } }"}',
    note: "Success needs a 'data' object. Whether personal keys are also accepted with 'Bearer ' is disputed in public threads (unverified).",
  },
  errorShapes: [
    {
      status: 400,
      when: 'invalid/missing key',
      body: "GraphQL errors[] with message 'Authentication required, not authenticated' and extensions.code AUTHENTICATION_ERROR (status code and text unverified)",
    },
  ],
  revealingHeaders: [],
  unverified: [
    'personal keys accepted with Bearer',
    'status code and text of the authentication error',
  ],
};
