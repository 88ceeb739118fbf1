import { upstream } from './upstream.js';
import { checkTable } from '../test-helpers.js';

const OPENAI_URL = 'https://api.openai.com/v1/models';

checkTable(upstream, 'layer.upstream', {
  finds: [
    {
      name: "a refusal carrying the provider's own revealing header",
      url: OPENAI_URL,
      provider: 'openai',
      reply: { status: 401, headers: { 'openai-organization': 'org-abc' } },
      confidence: 'attributed',
      evidence: ["OpenAI's own header openai-organization is present"],
      data: { layer: 'OpenAI' },
    },
  ],
  ok: [
    {
      name: 'accepted',
      url: OPENAI_URL,
      provider: 'openai',
      reply: { status: 200, headers: { 'openai-organization': 'org-abc' } },
    },
    {
      name: 'no provider known',
      reply: { status: 401, headers: { 'openai-organization': 'org-abc' } },
    },
    { name: 'none of its headers', url: OPENAI_URL, provider: 'openai', reply: { status: 401 } },
    {
      name: 'a gateway spoke',
      url: OPENAI_URL,
      provider: 'openai',
      reply: {
        status: 401,
        headers: { 'openai-organization': 'org-abc', 'x-kong-response-latency': '1' },
      },
    },
  ],
});
