import { envBaseUrlOverride } from './base-url-override.js';
import { envTable, ev } from './test-helpers.js';

const relay = {
  name: 'OPENAI_BASE_URL',
  host: 'relay.example.net',
  where: '.env:2',
  readers: 'the OpenAI SDKs',
  expected: 'api.openai.com',
};

envTable(envBaseUrlOverride, 'env.base-url-override', {
  finds: [
    {
      name: 'bu-03: a relay left in .env',
      evidence: ev({ baseUrls: [relay] }),
      seen: [
        'OPENAI_BASE_URL is set in .env:2: requests go to relay.example.net, not api.openai.com',
      ],
    },
    {
      name: 'not a URL',
      evidence: ev({ baseUrls: [{ ...relay, host: null }] }),
      seen: ['it is not a URL'],
    },
  ],
  ok: [{ name: 'none', evidence: ev() }],
});
