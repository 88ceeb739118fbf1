import { proxyConfigured } from './proxy-configured.js';
import { checkTable } from './test-helpers.js';

const PROXY = { url: new URL('http://proxy.corp.example:3128'), from: 'HTTPS_PROXY' };

checkTable(proxyConfigured, 'net.proxy-configured', {
  finds: [
    {
      name: 'an answer through the proxy the environment names',
      reply: { status: 401 },
      proxy: PROXY,
      confidence: 'definitive',
      evidence: ['HTTPS_PROXY sends this URL through proxy.corp.example:3128'],
      data: { proxy: 'proxy.corp.example:3128' },
    },
    {
      name: 'accepted through it too: worth knowing which path was diagnosed',
      reply: { status: 200 },
      proxy: { url: new URL('http://10.0.0.5:8080'), from: '--proxy' },
      evidence: ['--proxy sends this URL through 10.0.0.5:8080'],
    },
    {
      name: 'no answer through it',
      reply: { status: 200 },
      proxy: PROXY,
      error: { kind: 'timeout', code: 'ETIMEDOUT', message: 'no answer', stage: 'answer' },
    },
  ],
  ok: [
    { name: 'sent directly', reply: { status: 401 } },
    { name: 'sent directly and accepted', reply: { status: 200 } },
  ],
});
