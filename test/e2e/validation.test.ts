/**
 * `check --provider X` without a URL sends the provider's own validation request, the key where
 * the provider expects it (spec/cli.md: "why401 sends the key the way the provider expects");
 * `--base-url` moves any request, an absolute URL's too, to another origin.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, describeRun, expectNoLeak, ids } from './run-cli.js';
import { makeKey, serve, type TestServer } from './servers.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** A loopback API that refuses everything and remembers what arrived. */
async function recorder(): Promise<TestServer & { seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = await serve((req, res, body) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end('{"message":"invalid key"}');
  });
  return Object.assign(server, { seen });
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('validation requests on a --base-url origin', () => {
  let api: TestServer & { seen: Seen[] };
  beforeAll(async () => {
    api = await recorder();
  });
  afterAll(() => api?.stop());

  const run = async (provider: string, key: string, ...extra: string[]) => {
    api.seen.length = 0;
    const r = await check(
      ['--provider', provider, '--base-url', api.origin, '--key-env', 'K', '--no-probe', ...extra],
      { env: { K: key }, secrets: [key] },
    );
    expectNoLeak(r);
    expect(api.seen, describeRun(r)).toHaveLength(1);
    return { r, seen: api.seen[0] as Seen };
  };

  it('mailgun: Basic base64(api:<key>), and no key.basic-malformed about it', async () => {
    const key = makeKey('key-');
    const { r, seen } = await run('mailgun', key);
    expect(seen.method).toBe('GET');
    expect(seen.url).toBe('/v3/domains');
    expect(seen.headers.authorization).toBe(`Basic ${b64(`api:${key}`)}`);
    expect(r.code, describeRun(r)).toBe(1);
    expect(ids(r)).not.toContain('key.basic-malformed');
  });

  it('telegram: the token in the path after /bot, no Authorization header', async () => {
    const key = `123456789:${makeKey('AA', 33)}`;
    const { r, seen } = await run('telegram', key);
    expect(seen.method).toBe('GET');
    expect(seen.url).toBe(`/bot${key}/getMe`);
    expect(seen.headers.authorization).toBeUndefined();
    // The JSON shows the URL with the token redacted.
    for (const x of r.json?.exchanges ?? []) expect(x.request.url).not.toContain(key.slice(-9));
  });

  it('mapbox: the token as ?access_token=, no Authorization header', async () => {
    const key = `pk.${makeKey('eyJ', 60)}`;
    const { seen } = await run('mapbox', key);
    expect(seen.url).toBe(`/tokens/v2?access_token=${key}`);
    expect(seen.headers.authorization).toBeUndefined();
  });

  it('cohere: POST, as the catalog says, with the key as Bearer', async () => {
    const key = makeKey('', 40);
    const { seen } = await run('cohere', key);
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/v1/check-api-key');
    expect(seen.headers.authorization).toBe(`Bearer ${key}`);
  });

  it('newrelic: POST with the documented GraphQL body', async () => {
    const key = makeKey('NRAK-', 27);
    const { r, seen } = await run('newrelic', key);
    // API-Key is New Relic's own header, not a near-miss of its alternative X-Api-Key.
    expect(ids(r)).not.toContain('header.wrong-name');
    expect(seen.method).toBe('POST');
    expect(JSON.parse(seen.body)).toEqual({ query: '{ requestContext { userId } }' });
    expect(seen.headers['api-key']).toBe(key);
    expect(seen.headers['content-type']).toBe('application/json');
  });

  it("twilio: --param AccountSID fills the path and is the Basic user; github: why401's User-Agent", async () => {
    const key = makeKey('', 32);
    const sid = `AC${'0123456789abcdef'.repeat(2)}`;
    const { seen } = await run('twilio', key, '--param', `AccountSID=${sid}`);
    expect(seen.url).toBe(`/2010-04-01/Accounts/${sid}.json`);
    expect(seen.headers.authorization).toBe(`Basic ${b64(`${sid}:${key}`)}`);
    const gh = await run('github', makeKey('ghp_', 36));
    expect(gh.seen.headers['user-agent']).toMatch(/^why401\//);
  });

  it('twilio without the Account SID: a one-line usage error naming it, nothing sent', async () => {
    api.seen.length = 0;
    const key = makeKey('', 32);
    const r = await check(['--provider', 'twilio', '--base-url', api.origin, '--key-env', 'K'], {
      env: { K: key },
      secrets: [key],
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^why401: .*--param AccountSID=/);
    expect(api.seen).toEqual([]);
  });
});

describe('validation requests of fixed-host providers, without --base-url', () => {
  it.each([
    ['mapbox', 'api.mapbox.com:443'],
    ['firebase', 'identitytoolkit.googleapis.com:443'],
    ['telegram', 'api.telegram.org:443'],
    ['google-oauth-vertex', 'oauth2.googleapis.com:443'],
  ])('%s: goes to %s (seen by a proxy that refuses the tunnel)', async (provider, target) => {
    const tunnels: string[] = [];
    const proxy = createServer((_req, res) => res.writeHead(400).end());
    proxy.on('connect', (req: IncomingMessage, socket: Socket) => {
      tunnels.push(req.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const port = (proxy.address() as AddressInfo).port;
    const key = makeKey('', 40);
    try {
      const r = await check(
        [
          '--provider',
          provider,
          '--key-env',
          'K',
          '--proxy',
          `http://127.0.0.1:${port}`,
          '--no-probe',
          '--timeout',
          '3000',
        ],
        { env: { K: key }, secrets: [key] },
      );
      expectNoLeak(r);
      expect(r.code, describeRun(r)).not.toBe(2);
      expect(tunnels).toEqual([target]);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });
});

describe('--base-url with an absolute URL', () => {
  it("goes to the base origin with the URL's path and query; the URL's host names the provider", async () => {
    const api = await recorder();
    const other = await recorder();
    const key = makeKey('sk-proj-', 40);
    try {
      const r = await check(
        [
          `${other.origin}/v1/models?limit=1`,
          '--provider',
          'openai',
          '--base-url',
          `${api.origin}/gw`,
          '--key-env',
          'K',
        ],
        { env: { K: key }, secrets: [key] },
      );
      expectNoLeak(r);
      expect(other.seen, describeRun(r)).toEqual([]);
      expect(api.seen.length).toBeGreaterThan(0);
      expect(api.seen[0]?.url).toBe('/gw/v1/models?limit=1');
      for (const x of r.json?.exchanges ?? [])
        expect(new URL(x.request.url).origin).toBe(api.origin);

      const detected = await check(
        [
          'https://api.openai.com/v1/models',
          '--base-url',
          api.origin,
          '--key-env',
          'K',
          '--no-probe',
        ],
        { env: { K: key }, secrets: [key] },
      );
      expect(detected.json?.exchanges.map((x) => new URL(x.request.url).origin)).toEqual([
        api.origin,
      ]);
      expect((detected.json as unknown as { target: { provider: string } }).target.provider).toBe(
        'openai',
      );
    } finally {
      await api.stop();
      await other.stop();
    }
  });
});
