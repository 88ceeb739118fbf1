import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/demo/sandbox.js';
import { sampleKey } from '../support/key-samples.js';
import {
  formatDiagnosis,
  isWhy401Error,
  withWhy401,
  type Diagnosis,
  type FetchLike,
} from '../../src/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'with-why401' });
});
afterAll(() => sandbox.close());

/** withWhy401(fetch) whose refusals are collected, not printed. */
function collecting(options: { provider?: string; probe?: boolean } = {}) {
  const seen: { diagnosis: Diagnosis; response: Response | undefined }[] = [];
  const fetch401 = withWhy401(fetch, {
    ...options,
    onRefused: (diagnosis, response) => {
      seen.push({ diagnosis, response });
    },
  });
  return { fetch401, seen };
}

/** No output, JSON or inspect form carries 9 consecutive characters of the key. */
function expectNoKey(d: Diagnosis, key: string): void {
  const forms = [JSON.stringify(d), inspect(d, { depth: 20 }), formatDiagnosis(d)];
  for (const text of forms)
    for (let i = 0; i + 9 <= key.length; i++) expect(text).not.toContain(key.slice(i, i + 9));
}

describe('withWhy401(fetch): refused calls are diagnosed offline', () => {
  it('quotes kept in the key: onRefused gets key.quoted, the caller still reads the body', async () => {
    const { fetch401, seen } = collecting({ provider: 'openai' });
    const key = sandbox.keys.openai;
    const res = await fetch401(`${sandbox.urls.openai}/v1/models`, {
      headers: { Authorization: `Bearer "${key}"` },
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('invalid_api_key');
    expect(seen).toHaveLength(1);
    const [{ diagnosis, response }] = seen as [(typeof seen)[number]];
    expect(response).toBe(res);
    expect(diagnosis.verdict.status).toBe('rejected');
    expect(diagnosis.verdict.cause).toBe('key.quoted');
    expect(diagnosis.exchanges).toHaveLength(1);
    expect(diagnosis.credential?.redacted).not.toContain(key.slice(8, 20));
    expectNoKey(diagnosis, key);
  });

  it.each([
    [
      'Bearer undefined',
      'openai',
      () => `${sandbox.urls.openai}/v1/models`,
      () => ({ Authorization: 'Bearer undefined' }),
      'key.missing',
    ],
    [
      'a quota 429',
      'openai',
      () => `${sandbox.urls.openai}/v1/chat/completions`,
      () => ({
        Authorization: `Bearer ${sandbox.keys.openaiNoCredit}`,
        'Content-Type': 'application/json',
      }),
      'status.quota-exceeded',
    ],
    [
      'Slack: 200 with ok:false',
      'slack',
      () => `${sandbox.urls.slack}/api/auth.test`,
      () => ({ Authorization: `Bearer ${sandbox.keys.slackRevoked}` }),
      'status.error-in-body',
    ],
    [
      'a GitHub 404 for a missing scope (offline: the scope headers tell)',
      'github',
      () => `${sandbox.urls.github}/repos/acme/private`,
      () => ({ Authorization: `Bearer ${sandbox.keys.githubReadOrg}` }),
      'credential.insufficient-scope',
    ],
  ])('%s', async (_name, provider, url, headers, cause) => {
    const { fetch401, seen } = collecting({ provider });
    const method = url().endsWith('/completions') || url().endsWith('auth.test') ? 'POST' : 'GET';
    const res = await fetch401(url(), {
      method,
      headers: headers(),
      ...(method === 'POST' ? { body: JSON.stringify({ model: 'demo-mini', messages: [] }) } : {}),
    });
    await res.text();
    expect(seen.map((s) => s.diagnosis.verdict.cause)).toEqual([cause]);
  });

  it('an Anthropic key sent as Bearer: header.wrong-name offline (its shape is an API key, not an OAuth token); probe: true confirms it', async () => {
    const headers = {
      Authorization: `Bearer ${sandbox.keys.anthropic}`,
      'anthropic-version': '2023-06-01',
    };
    const offline = collecting({ provider: 'anthropic' });
    await (await offline.fetch401(`${sandbox.urls.anthropic}/v1/models`, { headers })).text();
    expect(offline.seen.map((s) => s.diagnosis.verdict.cause)).toEqual(['header.wrong-name']);
    expect(offline.seen[0]?.diagnosis.findings[0]?.confidence).not.toBe('confirmed');
    const probing = collecting({ provider: 'anthropic', probe: true });
    await (await probing.fetch401(`${sandbox.urls.anthropic}/v1/models`, { headers })).text();
    expect(probing.seen.map((s) => s.diagnosis.verdict.cause)).toEqual(['header.wrong-name']);
    expect(probing.seen[0]?.diagnosis.findings[0]?.confidence).toBe('confirmed');
  });

  it('a cross-origin redirect fetch followed: net.redirect-drops-auth, from the hop fetch hid', async () => {
    const { fetch401, seen } = collecting();
    const res = await fetch401(`${sandbox.urls.redirect}/items`, {
      headers: { Authorization: `Bearer ${sandbox.keys.redirectApi}` },
    });
    expect(res.redirected).toBe(true);
    expect(res.status).toBe(401);
    expect(seen).toHaveLength(1);
    const d = (seen[0] as (typeof seen)[number]).diagnosis;
    expect(d.verdict.cause).toBe('net.redirect-drops-auth');
    expect(d.exchanges.map((x) => x.label)).toEqual([
      'request (redirect followed by the client)',
      'redirect 1',
    ]);
  });

  it('an accepted call passes through: no callback, body untouched', async () => {
    const { fetch401, seen } = collecting();
    const res = await fetch401(`${sandbox.urls.healthy}/v1/items`, {
      headers: { Authorization: `Bearer ${sandbox.keys.healthy}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [{ id: 1, name: 'demo' }] });
    expect(seen).toEqual([]);
  });

  it('a Request object: its URL, method and headers are diagnosed', async () => {
    const { fetch401, seen } = collecting({ provider: 'openai' });
    const req = new Request(`${sandbox.urls.openai}/v1/models`, {
      headers: { Authorization: 'Bearer undefined' },
    });
    const res = await fetch401(req);
    expect(res.status).toBe(401);
    expect(seen.map((s) => s.diagnosis.verdict.cause)).toEqual(['key.missing']);
  });

  it('throw: true rejects with a Why401Error carrying the diagnosis and the unread response', async () => {
    const fetch401 = withWhy401(fetch, { throw: true, provider: 'openai' });
    const error: unknown = await fetch401(`${sandbox.urls.openai}/v1/models`, {
      headers: { Authorization: 'Bearer undefined' },
    }).catch((e: unknown) => e);
    expect(isWhy401Error(error)).toBe(true);
    if (!isWhy401Error(error)) return;
    expect(error.code).toBe('WHY401_E_REFUSED');
    expect(error.diagnosis?.verdict.cause).toBe('key.missing');
    expect(error.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v1\/models: Refused \(401\)/);
    expect(error.message).toContain('(key.missing: why401 explain key.missing)');
    expect(error.response?.status).toBe(401);
    expect(await error.response?.json()).toHaveProperty('error');
  });

  it('without onRefused or throw, the diagnosis is printed with console.warn', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const res = await withWhy401(fetch, { provider: 'openai' })(
        `${sandbox.urls.openai}/v1/models`,
        { headers: { Authorization: 'Bearer undefined' } },
      );
      expect(res.status).toBe(401);
      expect(warn).toHaveBeenCalledTimes(1);
      const printed = String(warn.mock.calls[0]?.[0]);
      expect(printed).toContain('cause: key.missing');
      expect(printed).toContain('Requests sent:');
    } finally {
      warn.mockRestore();
    }
  });

  it('an unknown provider is a usage error when the wrapper is made', () => {
    let error: unknown;
    try {
      withWhy401(fetch, { provider: 'nope' });
    } catch (e) {
      error = e;
    }
    expect(isWhy401Error(error) && error.code).toBe('WHY401_E_USAGE');
  });
});

describe('withWhy401(fetch): a request fetch will not send', () => {
  it('a line break inside the key: key.newline, and fetch\u2019s own error is rethrown', async () => {
    const { fetch401, seen } = collecting({ provider: 'openai' });
    const key = `${sandbox.keys.openai.slice(0, 20)}\n${sandbox.keys.openai.slice(20)}`;
    const error: unknown = await fetch401(`${sandbox.urls.openai}/v1/models`, {
      headers: { Authorization: `Bearer ${key}` },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(seen).toHaveLength(1);
    const { diagnosis, response } = seen[0] as (typeof seen)[number];
    expect(response).toBeUndefined();
    expect(diagnosis.verdict.cause).toBe('key.newline');
    expect(diagnosis.verdict.summary).toMatch(/^Not sent/);
    expectNoKey(diagnosis, key.replace('\n', ''));
  });

  it('an en dash pasted into the key: key.non-ascii; with throw, a Why401Error whose cause is the TypeError', async () => {
    const fetch401 = withWhy401(fetch, { throw: true, provider: 'openai' });
    const error: unknown = await fetch401(`${sandbox.urls.openai}/v1/models`, {
      headers: [['Authorization', `Bearer sk\u2013demo-${sandbox.keys.openai.slice(8)}`]],
    }).catch((e: unknown) => e);
    expect(isWhy401Error(error)).toBe(true);
    if (!isWhy401Error(error)) return;
    expect(error.diagnosis?.verdict.cause).toBe('key.non-ascii');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.response).toBeUndefined();
  });

  it('a network failure is not a refusal: the error passes through, nothing is reported', async () => {
    const { fetch401, seen } = collecting();
    const error: unknown = await fetch401('http://127.0.0.1:1/v1/me', {
      headers: { Authorization: 'Bearer tok_123456789012345' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(seen).toEqual([]);
  });
});

/** A loopback server that counts requests and answers as told. */
async function server(handler: http.RequestListener) {
  let count = 0;
  const s = http.createServer((req, res) => {
    count++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    count: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        s.closeAllConnections();
        s.close(() => resolve());
      }),
  };
}

describe('withWhy401(fetch): what it sends and reads', () => {
  it('offline by default: one request per call; probe: true adds read-only probes', async () => {
    const srv = await server((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      res.end('{"error":"invalid token"}');
    });
    try {
      const headers = { Authorization: 'Bearer " tok_abcdefghijklmnopqrstuvwxyz"' };
      const offline = collecting();
      await (await offline.fetch401(`${srv.url}/v1/me`, { headers })).text();
      expect(srv.count()).toBe(1);
      expect(offline.seen).toHaveLength(1);

      const probing = collecting({ probe: true });
      await (await probing.fetch401(`${srv.url}/v1/me`, { headers })).text();
      expect(srv.count()).toBeGreaterThan(2);
      const labels = probing.seen[0]?.diagnosis.exchanges.map((x) => x.label) ?? [];
      expect(labels[0]).toBe('request');
      expect(labels.some((l) => l.startsWith('probe: '))).toBe(true);
    } finally {
      await srv.close();
    }
  });

  it('a large refused body: the caller gets every byte, the diagnosis reads at most 64 KiB', async () => {
    const big = `{"error":"invalid_api_key","pad":"${'x'.repeat(1024 * 1024)}"}`;
    const srv = await server((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(big);
    });
    try {
      const { fetch401, seen } = collecting();
      const res = await fetch401(`${srv.url}/v1/me`, {
        headers: { Authorization: 'Bearer tok_abcdefghijklmnopqrstuvwxyz' },
      });
      expect(await res.text()).toBe(big);
      expect(seen).toHaveLength(1);
      const body = seen[0]?.diagnosis.exchanges[0]?.response?.body ?? '';
      expect(body.length).toBeLessThanOrEqual(4097);
    } finally {
      await srv.close();
    }
  });

  it('a streaming 2xx is handed back at once, not read to its end', async () => {
    let finish: (() => void) | undefined;
    const srv = await server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"data":[1,');
      finish = () => res.end('2]}');
    });
    try {
      const { fetch401, seen } = collecting();
      const started = Date.now();
      const res = await fetch401(`${srv.url}/v1/stream`);
      expect(Date.now() - started).toBeLessThan(2000);
      finish?.();
      expect(await res.json()).toEqual({ data: [1, 2] });
      expect(seen).toEqual([]);
    } finally {
      await srv.close();
    }
  });

  it('a redirect to a login page, followed by fetch or not: status.login-redirect', async () => {
    const srv = await server((req, res) => {
      if (req.url?.startsWith('/login')) {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<!doctype html><title>Sign in</title>');
        return;
      }
      res.writeHead(302, { Location: '/login?next=/v1/me' });
      res.end();
    });
    try {
      const headers = { Authorization: 'Bearer a1b2c3d4e5f6g7h8i9j0k1l2m3n4' };
      const { fetch401, seen } = collecting();
      const followed = await fetch401(`${srv.url}/v1/me`, { headers });
      expect([followed.status, followed.redirected]).toEqual([200, true]);
      expect(await followed.text()).toContain('Sign in');
      const manual = await fetch401(`${srv.url}/v1/me`, { headers, redirect: 'manual' });
      expect(manual.status).toBe(302);
      expect(seen.map((x) => x.diagnosis.verdict.cause)).toEqual([
        'status.login-redirect',
        'status.login-redirect',
      ]);
    } finally {
      await srv.close();
    }
  });

  it('a 500 is not a refusal', async () => {
    const srv = await server((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"error":"boom"}');
    });
    try {
      const { fetch401, seen } = collecting();
      const res = await fetch401(`${srv.url}/v1/me`, { headers: { Authorization: 'Bearer x' } });
      expect(res.status).toBe(500);
      expect(seen).toEqual([]);
    } finally {
      await srv.close();
    }
  });

  it('wraps any fetch-shaped function', async () => {
    const calls: string[] = [];
    const fake: FetchLike = async (input) => {
      calls.push(String(input));
      return new Response('{"ok":false,"error":"invalid_auth"}', {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    };
    const seen: string[] = [];
    const res = await withWhy401(fake, {
      provider: 'slack',
      onRefused: (d) => void seen.push(d.verdict.cause ?? ''),
    })('https://slack.com/api/auth.test', {
      headers: { Authorization: `Bearer ${sampleKey('slack')}` },
    });
    expect(await res.json()).toEqual({ ok: false, error: 'invalid_auth' });
    expect(calls).toEqual(['https://slack.com/api/auth.test']);
    expect(seen).toEqual(['status.error-in-body']);
  });
});
