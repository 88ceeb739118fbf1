import { proxyStripsAuth } from './proxy-strips-auth.js';
import { checkTable, evidenceOf, OPENAI_NO_KEY, type Scenario } from './test-helpers.js';
import { describe, expect, it } from 'vitest';

const html = { 'content-type': 'text/html' };

const missing = {
  status: 401,
  headers: { server: 'nginx', 'www-authenticate': 'Bearer realm="api"' },
  body: { error: { message: 'You did not provide an API key.', code: 'missing_api_key' } },
};

const NGINX_401 =
  '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

checkTable(proxyStripsAuth, 'net.proxy-strips-auth', {
  finds: [
    {
      name: 'px-01: nginx in front, the API says no key arrived though one was sent',
      reply: missing,
      confidence: 'attributed',
      evidence: [/yet the answer says none arrived/, /server: nginx/],
    },
    {
      name: 'issue 14: nginx blanks Authorization; OpenAI\'s real "You didn\'t provide an API key" comes back',
      provider: 'openai',
      providerBy: 'key',
      url: 'https://llm.corp.test/v1/models',
      reply: {
        status: 401,
        headers: { server: 'nginx', 'x-request-id': 'req_1' },
        body: OPENAI_NO_KEY,
      },
      confidence: 'attributed',
      evidence: [/yet the answer says none arrived/],
    },
  ],
  ok: [
    {
      name: "nginx's own stock 401 with a bare Bearer challenge (auth_request): the layer's words, not the API's",
      reply: {
        status: 401,
        headers: { ...html, server: 'nginx', 'www-authenticate': 'Bearer realm="gateway"' },
        body: NGINX_401,
      },
    },
    {
      name: 'the API says no key arrived, with no layer announcing itself',
      reply: { ...missing, headers: { 'www-authenticate': 'Bearer realm="api"' } },
    },
  ],
});

describe('proxy-strips-auth: a redirect hop that went without the key', () => {
  it('is net.redirect-drops-auth, not a proxy stripping it', () => {
    const s: Scenario = {
      reply: missing,
      before: [{ status: 301, headers: { location: 'https://x.test/' } }],
    };
    const ev = evidenceOf(s);
    const hop = { ...ev, final: { ...ev.final, carried: false } };
    expect(proxyStripsAuth.run(hop).map((f) => f.id)).toEqual([]);
    expect(proxyStripsAuth.run(ev).map((f) => f.id)).toEqual(['net.proxy-strips-auth']);
  });
});
