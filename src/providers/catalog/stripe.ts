import type { Provider } from '../types.js';
import { basic, bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/stripe/stripe.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule stripe-access-token)
//   streaak/keyhacks@371e807 README.md
//   https://github.com/stripe/stripe-node/issues/361
//   https://github.com/gadelkareem/skeleton/issues/20
//   https://github.com/stripe/stripe-node/issues/2246
//   https://github.com/OriginProtocol/dshop/issues/326
export const stripe: Provider = {
  id: 'stripe',
  name: 'Stripe',
  hosts: ['api.stripe.com'],
  auth: bearer({ note: 'Secret (sk_) or restricted (rk_) key.' }),
  alternatives: [basic('key:', { note: 'Key as username, empty password (curl -u sk_...:).' })],
  headers: [
    {
      name: 'Stripe-Account',
      value: 'acct_<id>',
      required: false,
      note: 'Connect: act on a connected account; restricted keys need Connect permissions for this.',
    },
    {
      name: 'Stripe-Version',
      value: '<date>',
      required: false,
      note: 'Pins API version.',
    },
  ],
  keyShapes: [
    {
      pattern: /sk_live_[A-Za-z0-9]{24,247}/,
      kinds: ['secret', 'live'],
      prefix: 'sk_live_',
      note: 'Live-mode secret key. Real keys: the prefix and 24 characters (legacy, 32 in all) to the prefix and 99 (current, 107); Stripe documents up to 255. The same lengths hold for every sk_/rk_/pk_ key below.',
    },
    {
      pattern: /sk_test_[A-Za-z0-9]{24,247}/,
      kinds: ['secret', 'test'],
      prefix: 'sk_test_',
      note: 'Test-mode secret key; only sees test-mode data.',
    },
    {
      pattern: /rk_live_[A-Za-z0-9]{24,247}/,
      kinds: ['restricted', 'live'],
      prefix: 'rk_live_',
      note: 'Live-mode restricted key; a 403 naming a missing rak_* permission proves it is valid.',
    },
    {
      pattern: /rk_test_[A-Za-z0-9]{24,247}/,
      kinds: ['restricted', 'test'],
      prefix: 'rk_test_',
      note: 'Test-mode restricted key.',
    },
    {
      pattern: /pk_live_[A-Za-z0-9]{24,247}/,
      kinds: ['publishable', 'live'],
      prefix: 'pk_live_',
      usableAsApiKey: false,
      note: 'Live-mode publishable key: client-side only, cannot read account data.',
    },
    {
      pattern: /pk_test_[A-Za-z0-9]{24,247}/,
      kinds: ['publishable', 'test'],
      prefix: 'pk_test_',
      usableAsApiKey: false,
      note: 'Test-mode publishable key: client-side only, cannot read account data.',
    },
  ],
  validate: getOk(
    'https://api.stripe.com/v1/balance',
    'Read-only. A restricted key without balance read permission gets 403, which still proves the key is valid (trufflehog counts 403 as valid on /v1/charges). Test keys only see test-mode data.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: '{"error":{"message":"Invalid API Key provided: sk_test_****abcd","type":"invalid_request_error"}}',
    },
    {
      status: 401,
      when: 'no key',
      body: "message 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')...'",
    },
    {
      status: 401,
      when: 'whitespace in key',
      body: "message '... This key contains at least one space. Please delete the spaces and try again.'",
    },
    {
      status: 403,
      when: 'restricted key lacks permission',
      body: "message 'The provided key 'rk_test_***' does not have the required permissions for this endpoint on account 'acct_...'. Having the 'rak_..._read' permission would allow this request to continue.' (type invalid_request_error; SDKs raise StripePermissionError)",
    },
  ],
  revealingHeaders: [
    {
      name: 'Request-Id',
      meaning: 'Request id.',
    },
    {
      name: 'Stripe-Version',
      meaning: 'API version applied (unverified that it is echoed on errors).',
    },
    {
      name: 'WWW-Authenticate',
      meaning: 'Basic realm="Stripe" on 401 (unverified).',
    },
  ],
  unverified: ['Stripe-Version echoed on errors', 'WWW-Authenticate: Basic realm="Stripe" on 401'],
};
