import type { Provider } from '../types.js';
import { getOk, inQuery } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/mapbox/mapbox.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule mapbox-api-token)
//   streaak/keyhacks@371e807 README.md
export const mapbox: Provider = {
  id: 'mapbox',
  name: 'Mapbox',
  hosts: ['api.mapbox.com'],
  auth: inQuery('access_token'),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /sk\.[A-Za-z0-9.-]{80,240}/,
      kinds: ['secret'],
      prefix: 'sk.',
      lengthUnverified: true,
      note: 'Secret token (sk.eyJ...).',
    },
    {
      pattern: /pk\.[A-Za-z0-9.-]{80,240}/,
      kinds: ['publishable'],
      prefix: 'pk.',
      lengthUnverified: true,
      note: 'Public token (pk.eyJ...), meant for clients (unverified length).',
    },
  ],
  validate: getOk(
    'https://api.mapbox.com/tokens/v2?access_token=<token>',
    "Token metadata endpoint; body includes code 'TokenValid'/'TokenInvalid' and the token's usage/scopes (unverified). trufflehog calls /tokens/v2/<username>?access_token=.",
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid token',
      body: '{"message":"Not Authorized - Invalid Token"} (unverified)',
    },
  ],
  revealingHeaders: [],
  unverified: ['pk. token length', 'tokens/v2 body codes', '401 body'],
};
