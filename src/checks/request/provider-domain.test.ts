import { describe, expect, it } from 'vitest';
import { providerDomain, registrableDomain } from './provider-domain.js';
import { checkTable, sampleKey } from './test-helpers.js';

const openai = sampleKey('openai', 0);
const github = sampleKey('github', 0);
const refused = (link: string) => ({
  status: 401,
  body: {
    error: {
      message: `Incorrect API key provided. For details, see: ${link}`,
      code: 'invalid_api_key',
    },
  },
});

checkTable(providerDomain, 'key.wrong-provider', {
  finds: [
    {
      name: 'bu-01: an OpenAI key refused by a server whose error links console.mistral.ai',
      key: openai,
      provider: 'openai',
      providerBy: 'key',
      reply: refused('https://console.mistral.ai/api-keys'),
      confidence: 'attributed',
      evidence: [/links console\.mistral\.ai, Mistral AI's, not a domain of OpenAI/],
      data: { keyProvider: 'openai', hostProvider: 'mistral' },
    },
    {
      name: 'an OpenAI key refused with a link to help.aliyun.com (a provider not in the catalog)',
      key: openai,
      provider: 'openai',
      providerBy: 'key',
      reply: refused('https://help.aliyun.com/zh/model-studio/error-code#apikey-error'),
      confidence: 'heuristic',
      data: { hostProvider: 'aliyun.com' },
    },
  ],
  ok: [
    {
      name: "the key's own provider's console",
      key: openai,
      provider: 'openai',
      providerBy: 'key',
      reply: refused('https://platform.openai.com/account/api-keys'),
    },
    {
      name: 'a code host link says nothing about whose API it is',
      key: github,
      provider: 'github',
      providerBy: 'key',
      reply: refused('https://github.com/acme/gateway#auth'),
    },
    {
      name: 'an unknown domain that is no help page (a status page)',
      key: openai,
      provider: 'openai',
      providerBy: 'key',
      reply: refused('https://status.example-llm.net/'),
    },
    {
      name: 'the provider is known by host, not by the key',
      key: openai,
      provider: 'openai',
      providerBy: 'host',
      url: 'https://api.openai.com/v1/models',
      reply: refused('https://console.mistral.ai/api-keys'),
    },
    {
      name: 'accepted',
      key: openai,
      provider: 'openai',
      providerBy: 'key',
      reply: { status: 200, body: { data: [], see: 'https://console.mistral.ai/' } },
    },
  ],
});

describe('registrableDomain', () => {
  it.each([
    ['console.mistral.ai', 'mistral.ai'],
    ['help.aliyun.com', 'aliyun.com'],
    ['api.example.co.uk', 'example.co.uk'],
    ['localhost', 'localhost'],
  ])('%s → %s', (host, domain) => expect(registrableDomain(host)).toBe(domain));
});
