import { keySchemeIncluded } from './scheme-included.js';
import { checkTable, sampleKey } from './test-helpers.js';

const key = sampleKey('openai');
const anthropic = sampleKey('anthropic');
const gitlab = sampleKey('gitlab');
const basic = Buffer.from('user:pass', 'utf8').toString('base64');

checkTable(keySchemeIncluded, 'key.scheme-included', {
  finds: [
    {
      name: 'hd-03: a stored token already has "bearer " (lower case)',
      value: `bearer ${key}`,
      ctx: { scheme: 'Bearer' },
      evidence: ['the scheme "bearer "', 'goes out as "Bearer bearer …"'],
    },
    { name: 'Bearer + key', value: `Bearer ${key}`, evidence: ['the scheme "Bearer "'] },
    { name: 'Bearer Bearer + key', value: `Bearer Bearer ${key}` },
    {
      name: 'a whole header line',
      value: `Authorization: Bearer ${key}`,
      secret: key,
      evidence: ['the header name "Authorization:"'],
    },
    { name: 'authorization=…', value: `authorization=${key}`, secret: key },
    { name: 'x-api-key: …', value: `x-api-key: ${anthropic}`, secret: anthropic },
    { name: 'api-key: … (Azure)', value: `api-key: ${key}`, secret: key },
    { name: 'Private-Token: … (GitLab)', value: `Private-Token: ${gitlab}`, secret: gitlab },
    { name: 'Token + key', value: `Token ${key}` },
    { name: 'Bot + key', value: `Bot ${key}` },
    { name: 'Basic + base64', value: `Basic ${basic}` },
    { name: 'a quoted header value', value: `"Bearer ${key}"` },
    { name: 'a leading space', value: ` Bearer ${key}` },
    { name: 'a tab after the scheme', value: `Bearer\t${key}` },
  ],
  ok: [
    { name: 'a clean key', value: key },
    { name: 'the bare word Bearer', value: 'Bearer' },
    { name: 'Bearer glued to the key', value: `Bearer${key}` },
    { name: 'a key that starts with "key"', value: sampleKey('airtable', 2) },
    { name: 'a key that starts with "token"', value: `token_${key.slice(8)}` },
    { name: 'Basically', value: 'Basically-not-a-scheme' },
    { name: 'empty', value: '' },
  ],
});
