import { keyPlaceholder } from './placeholder.js';
import { ALNUM, HEX, checkTable, fill, jwt, sampleKey, type Case } from './test-helpers.js';

const realShapes: Case[] = [
  ['openai', 0],
  ['anthropic', 0],
  ['stripe', 0],
  ['stripe', 1],
  ['github', 0],
  ['slack', 0],
  ['groq', 0],
  ['gitlab', 0],
  ['sendgrid', 0],
  ['huggingface', 0],
  ['aws', 5],
  ['mapbox', 0],
].map(([id, shape]) => ({
  name: `a ${String(id)} key`,
  value: sampleKey(String(id), Number(shape)),
}));

const randomKeys: Case[] = Array.from({ length: 40 }, (_, n) => ({
  name: `random key #${n}`,
  value: fill(ALNUM + '-_', 20 + n, `placeholder-ok-${n}`),
}));

checkTable(keyPlaceholder, 'key.placeholder', {
  finds: [
    { name: 'wv-05: the literal TOKEN from a README', value: 'TOKEN' },
    { name: 'gw-01: not-needed for a local LLM server', value: 'not-needed' },
    { name: 'your-api-key', value: 'your-api-key' },
    { name: 'YOUR_API_KEY', value: 'YOUR_API_KEY' },
    { name: 'your_openai_key', value: 'your_openai_key' },
    { name: '<API_KEY>', value: '<API_KEY>' },
    { name: '<your token>', value: '<your token>' },
    { name: '[YOUR KEY]', value: '[YOUR KEY]' },
    { name: '{token}', value: '{token}' },
    { name: 'sk-...', value: 'sk-...' },
    { name: 'sk-…', value: 'sk-\u2026' },
    { name: 'sk-xxxx', value: 'sk-xxxx' },
    { name: 'ghp_****', value: 'ghp_****' },
    { name: 'xxxx', value: 'xxxx' },
    { name: 'XXXXXXXX', value: 'XXXXXXXX' },
    { name: 'sk-proj-XXXXXXXXXXXX', value: 'sk-proj-XXXXXXXXXXXX' },
    { name: 'changeme', value: 'changeme' },
    { name: 'CHANGE_ME', value: 'CHANGE_ME' },
    { name: 'sk-no-key-required', value: 'sk-no-key-required' },
    { name: 'ollama', value: 'ollama' },
    { name: 'lm-studio', value: 'lm-studio' },
    { name: 'dummy', value: 'dummy' },
    { name: 'insert-your-key-here', value: 'insert-your-key-here' },
    { name: 'paste_your_token_here', value: 'paste_your_token_here' },
    { name: 'api-key-goes-here', value: 'api-key-goes-here' },
    { name: 'key goes here', value: 'key goes here' },
    { name: 'KEY_HERE', value: 'KEY_HERE' },
    { name: '000000', value: '000000' },
    { name: 'aaaaaaaa', value: 'aaaaaaaa' },
    { name: 'abc123', value: 'abc123' },
    { name: 'after a scheme', value: 'Bearer YOUR_TOKEN' },
    { name: 'quoted', value: '"your-api-key"' },
    { name: 'with a trailing newline', value: 'changeme\n' },
  ].map((c) => ({ ...c, quotable: true })),
  ok: [
    ...realShapes,
    ...randomKeys,
    { name: 'hex', value: fill(HEX, 32, 'placeholder-hex') },
    { name: 'a JWT', value: jwt({ sub: 'user-1', exp: 2_000_000_000 }) },
    { name: 'empty (key.missing)', value: '' },
    { name: 'undefined (key.missing)', value: 'undefined' },
    { name: 'a masked copy with a tail (key.masked)', value: 'sk-proj-\u2026' + fill(ALNUM, 4) },
  ],
});
