import { keyWrongEnvironment } from './wrong-environment.js';
import { checkTable, sampleKey } from './test-helpers.js';

const openaiAdmin = sampleKey('openai', 4);
const anthropicAdmin = sampleKey('anthropic', 1);
const openai = sampleKey('openai');

checkTable(keyWrongEnvironment, 'key.wrong-environment', {
  finds: [
    {
      name: 'an OpenAI admin key sent to chat completions',
      value: openaiAdmin,
      ctx: { path: '/v1/chat/completions' },
      evidence: ['admin key is sent to /v1/chat/completions'],
    },
    {
      name: 'an OpenAI admin key sent to /v1/models',
      value: openaiAdmin,
      ctx: { path: '/v1/models' },
    },
    {
      name: 'an Anthropic admin key sent to /v1/messages',
      value: anthropicAdmin,
      ctx: { path: '/v1/messages' },
    },
    {
      name: 'an admin key with a scheme',
      value: `Bearer ${openaiAdmin}`,
      ctx: { path: '/v1/responses' },
    },
  ],
  ok: [
    {
      name: 'an admin key on the organisation endpoints',
      value: openaiAdmin,
      ctx: { path: '/v1/organization/users' },
    },
    {
      name: 'an Anthropic admin key on /v1/organizations',
      value: anthropicAdmin,
      ctx: { path: '/v1/organizations/api_keys' },
    },
    { name: 'an admin key, no request path known', value: openaiAdmin },
    { name: 'a project key on any path', value: openai, ctx: { path: '/v1/chat/completions' } },
    { name: 'empty', value: '', ctx: { path: '/v1/models' } },
  ],
});
