import type { Provider } from '../types.js';
import { getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/shopify/shopify.go
//   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/shopify/shopify.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule shopify-access-token)
//   https://github.com/frappe/ecommerce_integrations/issues/414
//   https://github.com/Shopify/shopify-cli/issues/263
export const shopify: Provider = {
  id: 'shopify',
  name: 'Shopify Admin API',
  hosts: ['*.myshopify.com'],
  auth: inHeader('X-Shopify-Access-Token', null, {
    note: 'shpat_/shpca_/shppa_ token; bound to one shop.',
  }),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /shpat_[a-fA-F0-9]{32}/,
      kinds: ['secret'],
      prefix: 'shpat_',
      note: 'Admin API access token (custom/public app).',
    },
    {
      pattern: /shpca_[a-fA-F0-9]{32}/,
      kinds: ['secret'],
      prefix: 'shpca_',
      note: 'Custom app access token.',
    },
    {
      pattern: /shppa_[a-fA-F0-9]{32}/,
      kinds: ['secret', 'legacy'],
      prefix: 'shppa_',
      note: 'Legacy private app password.',
    },
    {
      pattern: /shpss_[a-fA-F0-9]{32}/,
      kinds: ['secret', 'webhook'],
      prefix: 'shpss_',
      usableAsApiKey: false,
      note: 'Shared secret (webhook HMAC), not an access token.',
    },
  ],
  validate: getOk(
    'https://<shop>.myshopify.com/admin/oauth/access_scopes.json',
    "Lists the token's scopes. Tokens are shop-bound: the same token against another shop is 401. Alternative: GET /admin/api/<version>/shop.json.",
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid token, wrong shop, or API key/secret used instead of the access token',
      body: '{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}',
      wwwAuthenticate: 'Basic Realm="Shopify API Authentication"',
    },
    {
      status: 403,
      when: 'token lacks scope',
      body: 'errors message naming the missing scope (wording unverified)',
    },
  ],
  revealingHeaders: [
    {
      name: 'x-shopid',
      meaning: 'Numeric shop id that answered.',
    },
    {
      name: 'x-request-id',
      meaning: 'Request id.',
    },
  ],
  revealingBody: [
    {
      source: 'access_scopes body',
      fields: ['access_scopes[].handle'],
      meaning: 'Granted scopes.',
    },
  ],
  unverified: ['403 missing-scope wording'],
};
