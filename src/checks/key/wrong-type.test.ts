import { keyWrongType } from './wrong-type.js';
import {
  ALNUM,
  DIGITS,
  HEX,
  NOW_S,
  checkTable,
  fill,
  forProvider,
  jwt,
  sampleKey,
} from './test-helpers.js';

const body = (n: number, label: string) => fill(ALNUM, n, label);
const stripeSecret = sampleKey('stripe', 0);
const cognito = { iss: 'https://cognito-idp.example', sub: body(12, 'sub'), iat: NOW_S };

checkTable(keyWrongType, 'key.wrong-type', {
  finds: [
    {
      name: 'wv-01: a URL in the API-key field',
      value: 'https://api.openai.com/v1',
      evidence: ['a URL'],
    },
    {
      name: 'wv-02: a whole CDN URL holding the key',
      value: `https://cdn.example.com/lib.js?key=${body(32, 'wv02')}`,
    },
    {
      name: 'wv-03: a PaymentIntent client secret',
      value: `pi_${body(24, 'wv03a')}_secret_${body(25, 'wv03b')}`,
      ctx: forProvider('stripe'),
      evidence: ['client secret'],
    },
    {
      name: 'wv-04: a card token',
      value: `tok_${body(24, 'wv04')}`,
      evidence: ['a Stripe object id'],
    },
    { name: 'a customer id', value: `cus_${body(14, 'cus')}` },
    {
      name: 'wv-06: a Slack browser session token (xoxc-)',
      value: `xoxc-${fill(DIGITS, 12, 'a')}-${fill(DIGITS, 12, 'b')}-${fill(HEX, 64, 'c')}`,
      evidence: ['Slack browser session token'],
    },
    { name: 'a Slack d cookie (xoxd-)', value: `xoxd-${body(60, 'xoxd')}` },
    {
      name: 'a PEM private key',
      value: `-----BEGIN PRIVATE KEY-----\n${body(64, 'pem')}\n-----END PRIVATE KEY-----\n`,
      evidence: ['PEM'],
    },
    {
      name: 'a service-account JSON file',
      value: JSON.stringify({ type: 'service_account', project_id: 'demo' }, null, 2),
    },
    {
      name: 'a Stripe publishable key for the secret-key API',
      value: sampleKey('stripe', 4),
      ctx: forProvider('stripe'),
      evidence: [/Stripe publishable\/live credential \(prefix pk_live_\)/],
    },
    { name: 'a Stripe publishable key, no provider given', value: sampleKey('stripe', 5) },
    {
      name: 'an AWS access key id instead of the secret',
      value: sampleKey('aws', 0),
      ctx: forProvider('aws'),
    },
    {
      name: 'a Twilio account SID instead of the auth token',
      value: sampleKey('twilio', 0),
      ctx: forProvider('twilio'),
    },
    { name: 'a GitHub refresh token', value: sampleKey('github', 4), ctx: forProvider('github') },
    {
      name: 'an Anthropic refresh token',
      value: sampleKey('anthropic', 3),
      ctx: forProvider('anthropic'),
    },
    {
      name: 'a New Relic ingest key for NerdGraph',
      value: sampleKey('newrelic', 1),
      ctx: forProvider('newrelic'),
    },
    {
      name: 'an OpenAI admin key for a model endpoint',
      value: sampleKey('openai', 4),
      ctx: { ...forProvider('openai'), path: '/v1/chat/completions' },
    },
    { name: 'a Mailgun public validation key', value: sampleKey('mailgun', 2) },
    {
      name: "a Google API key (AIza) sent to Vertex AI, which takes OAuth access tokens: the same vendor's other credential",
      value: sampleKey('google-gemini'),
      ctx: forProvider('google-oauth-vertex', 'host'),
      evidence: [/Google Gemini .*prefix AIza/, /same vendor.*Authorization header \(Bearer\)/],
    },
  ].map((c) => ({ ...c, quotable: c.value.startsWith('https://api') })),
  ok: [
    {
      name: 'a Google API key sent to Firebase, which takes it',
      value: sampleKey('google-gemini'),
      ctx: forProvider('firebase', 'host'),
    },
    {
      name: "an OpenAI key sent to Azure OpenAI: another vendor's key (key.wrong-provider)",
      value: sampleKey('openai'),
      ctx: forProvider('azure-openai'),
    },
    {
      name: 'an OpenAI admin key, offline (no path to judge it by)',
      value: sampleKey('openai', 4),
      ctx: forProvider('openai'),
    },
    {
      name: 'an OpenAI admin key on an admin endpoint',
      value: sampleKey('openai', 4),
      ctx: { ...forProvider('openai'), path: '/v1/organization/users' },
    },
    { name: 'a Stripe secret key', value: stripeSecret, ctx: forProvider('stripe') },
    { name: 'a Stripe restricted key', value: sampleKey('stripe', 2), ctx: forProvider('stripe') },
    { name: 'an OpenAI project key', value: sampleKey('openai'), ctx: forProvider('openai') },
    { name: 'a GitHub PAT', value: sampleKey('github'), ctx: forProvider('github') },
    {
      name: 'a Firebase web API key (public by design)',
      value: sampleKey('firebase'),
      ctx: forProvider('firebase'),
    },
    { name: 'a Google API key, no provider given', value: sampleKey('google-gemini') },
    {
      name: 'a Supabase publishable key (the apikey header)',
      value: sampleKey('supabase', 0),
      ctx: forProvider('supabase'),
    },
    {
      name: 'a Mapbox public token (pk.)',
      value: sampleKey('mapbox', 1),
      ctx: forProvider('mapbox'),
    },
    {
      name: 'an ID token is token.id-token, not key.wrong-type',
      value: jwt({ ...cognito, nonce: body(16, 'n'), at_hash: body(22, 'h') }),
    },
    {
      name: 'wv-07: a Cognito access token',
      value: jwt({ ...cognito, token_use: 'access', client_id: body(26, 'cid') }),
    },
    {
      name: 'an AWS secret access key (generic)',
      value: sampleKey('aws', 4),
      ctx: forProvider('aws'),
    },
    { name: 'a generic hex key', value: fill(HEX, 32) },
    { name: 'a token with an underscore word', value: `tokens_${body(20, 'tokens')}` },
    { name: 'empty', value: '' },
  ],
});
