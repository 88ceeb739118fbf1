import { keyTruncated } from './truncated.js';
import { ALNUM, HEX, checkTable, fill, forProvider, jwt, sampleKey } from './test-helpers.js';

const openai = sampleKey('openai');
const anthropic = sampleKey('anthropic');
const github = sampleKey('github');
const stripe = sampleKey('stripe');
// wv-09: a Supabase service_role key (a JWT) that no longer decodes after a bad copy.
const serviceRole = jwt({ iss: 'supabase', ref: fill(ALNUM, 20), role: 'service_role' });
const [header = '', claims = '', signature = ''] = serviceRole.split('.');
const dropped = `${header}.${claims.slice(0, 10)}${claims.slice(11)}.${signature}`;
const mistyped = `${header}.${claims.slice(0, 10)}+${claims.slice(11)}.${signature}`;
const cut = `${header}.${claims.slice(0, 20)}`;

checkTable(keyTruncated, 'key.truncated', {
  finds: [
    { name: 'wv-09: a char lost in the claims', value: dropped, evidence: ['does not decode'] },
    { name: 'wv-09: "Not valid base64url"', value: mistyped, evidence: ['outside base64url'] },
    { name: 'a JWT cut in the claims', value: cut, evidence: ['signature segment is missing'] },
    { name: 'a JWT with a garbled header', value: `eyJhbGciOi${serviceRole.slice(12)}` },
    {
      name: 'an OpenAI project key cut short',
      value: openai.slice(0, 14),
      evidence: [/prefix "sk-proj-" but is 14 chars; those keys are at least 56/],
    },
    {
      name: 'issue 14: sk-proj- and 30 characters (the pattern allowed 18, real keys are 56+)',
      value: `sk-proj-${fill(ALNUM, 30)}`,
      evidence: ['is 38 chars; those keys are at least 56 (real keys: 56 to 164)'],
    },
    {
      name: 'issue 14: sk_live_ and 12 characters is no clean Stripe key',
      value: `sk_live_${fill(ALNUM, 12)}`,
      evidence: ['is 20 chars; those keys are at least 32'],
    },
    { name: 'an Anthropic key cut short', value: anthropic.slice(0, 60) },
    { name: 'a GitHub token cut short', value: github.slice(0, 20), evidence: ['at least 40'] },
    { name: 'a Stripe key cut short', value: stripe.slice(0, 12) },
    {
      name: 'cut short, for the expected provider',
      value: github.slice(0, 20),
      ctx: forProvider('github'),
    },
    { name: 'cut short after a scheme', value: `Bearer ${github.slice(0, 20)}` },
  ],
  ok: [
    {
      name: 'an encrypted JWT (JWE): five segments, opaque claims',
      value: `${Buffer.from('{"alg":"dir","enc":"A256GCM"}').toString('base64url')}..${fill(ALNUM, 16)}.${fill(ALNUM, 120)}.${fill(ALNUM, 22)}`,
    },
    { name: 'a whole OpenAI key', value: openai },
    { name: 'a whole Anthropic key', value: anthropic },
    { name: 'a whole GitHub token', value: github },
    { name: 'a whole Stripe key', value: stripe },
    { name: 'an intact JWT', value: serviceRole },
    { name: 'a short key after a short prefix', value: `sk-${fill(ALNUM, 10)}` },
    { name: 'hex', value: fill(HEX, 32) },
    { name: 'longer than the shape', value: `${github}${fill(ALNUM, 4)}` },
    {
      name: 'a short key of another provider than the expected one',
      value: github.slice(0, 20),
      ctx: forProvider('stripe'),
    },
    { name: 'empty', value: '' },
    { name: 'a masked copy is key.masked, not cut short', value: 'sk-proj-\u2026abcd' },
    { name: 'a placeholder is key.placeholder', value: `sk-proj-${'X'.repeat(20)}` },
    { name: 'an unexpanded reference', value: 'AKIA${AWS_KEY}' },
  ],
});
