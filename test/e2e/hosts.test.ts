/**
 * Real provider host names without the network: a local forward proxy answers as the "world",
 * so host-based detection (key for provider X sent to Y, regional sites, plain http) is exercised.
 * --no-probe keeps every request on that proxy (a direct probe would leave loopback).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleKey } from '../support/key-samples.js';
import { check, expectAccepted, expectDiagnosis, ids } from './run-cli.js';
import { serve, type TestServer } from './servers.js';

describe('hosts: provider host names answered by a local forward proxy', () => {
  const openaiKey = sampleKey('openai', 0);
  const deepseekKey = sampleKey('deepseek', 0);
  const datadogKey = sampleKey('datadog', 0);
  let world: TestServer;
  beforeAll(async () => {
    world = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://unknown');
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.hostname === 'api.deepseek.com') {
        if (req.headers.authorization === `Bearer ${deepseekKey}`) return json(200, { balance: 1 });
        return json(401, {
          error: {
            message: 'Authentication Fails, your api key is invalid',
            type: 'authentication_error',
          },
        });
      }
      if (url.hostname === 'api.datadoghq.com') return json(403, { errors: ['Forbidden'] });
      if (url.hostname === 'api.openai.com') {
        return json(
          401,
          { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } },
          {
            'x-request-id': 'req_e2e',
            'openai-version': '2020-10-01',
          },
        );
      }
      return json(404, { error: 'no such host in this test world' });
    });
  });
  afterAll(() => world?.stop());

  const via = () => ['--proxy', world.origin, '--no-probe'];

  it('an OpenAI key sent to DeepSeek → key.wrong-provider (design 8, bu-01..bu-05)', async () => {
    const run = await check(['http://api.deepseek.com/user/balance', '--key-env', 'K', ...via()], {
      env: { K: openaiKey },
      secrets: [openaiKey, deepseekKey],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.wrong-provider',
      findings: ['key.wrong-provider', 'net.insecure-scheme'],
    });
  });

  it('a Datadog key refused with a bare 403 on the US1 site → credential.wrong-region (design 9)', async () => {
    const run = await check(
      ['http://api.datadoghq.com/api/v1/validate', '--key-env', 'K', ...via()],
      {
        env: { K: datadogKey },
        secrets: [datadogKey],
      },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'credential.wrong-region',
      findings: ['credential.wrong-region'],
    });
  });

  it("OpenAI's own headers on a refusal → layer.upstream (info)", async () => {
    const run = await check(['http://api.openai.com/v1/models', '--key-env', 'K', ...via()], {
      env: { K: openaiKey },
      secrets: [openaiKey],
    });
    expect(ids(run)).toContain('layer.upstream');
    expect(run.json?.verdict.cause).toBe('credential.invalid');
  });

  it('control: the DeepSeek key over plain http is accepted, with net.insecure-scheme as a warning', async () => {
    const run = await check(['http://api.deepseek.com/user/balance', '--key-env', 'K', ...via()], {
      env: { K: deepseekKey },
      secrets: [deepseekKey],
    });
    expectAccepted(run);
    expect(ids(run)).toContain('net.insecure-scheme');
  });
});
