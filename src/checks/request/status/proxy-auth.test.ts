import { proxyStripsAuth } from '../proxy-strips-auth.js';
import { proxyAuth } from './proxy-auth.js';
import { gateway } from '../layer/gateway.js';
import { evidenceOf, type Scenario } from '../test-helpers.js';
import { describe, expect, it } from 'vitest';

const missing = {
  status: 401,
  headers: { server: 'nginx', 'www-authenticate': 'Bearer realm="api"' },
  body: { error: { message: 'You did not provide an API key.', code: 'missing_api_key' } },
};

describe('a forward proxy answering itself: status.proxy-auth, not net.proxy-strips-auth', () => {
  const tinyproxy401 = {
    status: 401,
    headers: {
      server: 'tinyproxy/1.11.1',
      'content-type': 'text/html',
      'www-authenticate': 'Basic realm="Tinyproxy"',
    },
    body: '<html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1></body></html>',
  };
  const through = (s: Scenario, directServer: string) => {
    const ev = evidenceOf({ ...s, probes: { direct: { status: 200, body: { data: [] } } } });
    const direct = ev.probes.direct;
    if (!direct?.facts) throw new Error('no direct probe');
    const headers = { ...direct.facts.headers, ...(directServer ? { server: directServer } : {}) };
    return {
      ...ev,
      final: { ...ev.final, viaProxy: true },
      probes: { ...ev.probes, direct: { ...direct, facts: { ...direct.facts, headers } } },
    };
  };
  it("a 401 whose Server is not the API's (tinyproxy to a wrong proxy password)", () => {
    const ev = through({ reply: tinyproxy401 }, 'node-api');
    expect(proxyStripsAuth.run(ev)).toEqual([]);
    expect(proxyAuth.run(ev).map((f) => f.id)).toEqual(['status.proxy-auth']);
    expect(proxyAuth.run(ev)[0]?.evidence.join(' ')).toMatch(/itself \(server: tinyproxy/);
    expect(gateway.run(ev)).toEqual([]);
  });
  it("a 401 relayed from the API (the same Server as directly) is the API's", () => {
    const api401 = { ...missing, headers: { ...missing.headers, server: 'node-api' } };
    const ev = through({ reply: api401 }, 'node-api');
    expect(proxyAuth.run(ev)).toEqual([]);
    expect(proxyStripsAuth.run(ev).map((f) => f.id)).toEqual(['net.proxy-strips-auth']);
  });
  it('a 407 is always the proxy', () => {
    const ev = through(
      { reply: { status: 407, headers: { 'proxy-authenticate': 'Basic realm="p"' }, body: '' } },
      '',
    );
    expect(proxyStripsAuth.run(ev)).toEqual([]);
    expect(proxyAuth.run(ev).map((f) => f.id)).toEqual(['status.proxy-auth']);
  });
});
