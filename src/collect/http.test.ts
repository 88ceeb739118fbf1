import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type LookupFunction, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsOrigin } from '../../test/capture/tls.js';
import { startTlsProxy, type TlsProxy } from '../../test/support/tls-proxy.js';
import {
  pendingLookups,
  AgentPool,
  boundedLookup,
  proxyPort,
  send,
  type WireRequest,
} from './http.js';

/**
 * A server that answers the first request of each connection and drops the connection, unanswered,
 * when a second request arrives on it: what a proxy that closes kept-alive connections without
 * saying so (tinyproxy) looks like to a client that reuses them.
 */
let server: Server;
let port = 0;
let connections = 0;
beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    let requests = 0;
    socket.on('data', () => {
      requests++;
      if (requests === 1) socket.write('HTTP/1.1 401 Unauthorized\r\ncontent-length: 2\r\n\r\nno');
      else socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (method: string): WireRequest => ({
  method,
  url: new URL(`http://127.0.0.1:${port}/v1/items`),
  headers: [],
  ...(method === 'POST' ? { body: '{}' } : {}),
});

describe('send: a kept-alive connection closed before the answer', () => {
  it('a GET is sent again once, on a new connection', async () => {
    const agents = new AgentPool();
    try {
      const first = await send(request('GET'), { timeoutMs: 5000, agents });
      const before = connections;
      const second = await send(request('GET'), { timeoutMs: 5000, agents });
      expect(first.ok && first.response.status).toBe(401);
      expect(second.ok && second.response.status).toBe(401);
      expect(connections).toBe(before + 1);
    } finally {
      agents.destroy();
    }
  });

  it('a POST is not sent twice: the failure is reported', async () => {
    const agents = new AgentPool();
    try {
      await send(request('GET'), { timeoutMs: 5000, agents });
      const post = await send(request('POST'), { timeoutMs: 5000, agents });
      expect(post.ok).toBe(false);
    } finally {
      agents.destroy();
    }
  });
});

describe('send: the request budget and resends', () => {
  it('a resend is counted on the result', async () => {
    const agents = new AgentPool();
    try {
      const first = await send(request('GET'), { timeoutMs: 5000, agents });
      const second = await send(request('GET'), { timeoutMs: 5000, agents });
      expect(first.resent ?? 0).toBe(0);
      expect(second.resent).toBe(1);
    } finally {
      agents.destroy();
    }
  });

  it('no resend when the budget says no: one request on the wire, the failure reported', async () => {
    const agents = new AgentPool();
    try {
      await send(request('GET'), { timeoutMs: 5000, agents });
      const before = connections;
      const second = await send(request('GET'), {
        timeoutMs: 5000,
        agents,
        mayResend: () => false,
      });
      expect(connections).toBe(before);
      expect(second.ok).toBe(false);
      expect(second.resent ?? 0).toBe(0);
      expect(!second.ok && second.error.message).toMatch(/not sent again/);
    } finally {
      agents.destroy();
    }
  });
});

describe('an https:// proxy', () => {
  let proxy: TlsProxy;
  let origin: Awaited<ReturnType<typeof startHttpsOrigin>>;
  let plainOrigin: HttpServer;
  let plainPort = 0;
  beforeAll(async () => {
    proxy = await startTlsProxy({ user: 'proxyuser', pass: 'proxy-pass-w0rd' });
    origin = await startHttpsOrigin((_req, res) => res.writeHead(200).end('tunnelled'));
    plainOrigin = createHttpServer((_req, res) => res.writeHead(200).end('forwarded'));
    await new Promise<void>((resolve) => plainOrigin.listen(0, '127.0.0.1', resolve));
    plainPort = (plainOrigin.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await proxy.stop();
    await origin.stop();
    await new Promise<void>((resolve) => plainOrigin.close(() => resolve()));
  });

  it('an https target: CONNECT and Proxy-Authorization inside TLS, then TLS with the origin', async () => {
    const result = await send(
      { method: 'GET', url: new URL(`${origin.origin}/v1`), headers: [] },
      {
        timeoutMs: 5000,
        proxy: new URL(proxy.url('proxyuser', 'proxy-pass-w0rd')),
        insecure: true,
        proxyInsecure: true,
      },
    );
    expect(result.ok && result.response.body).toBe('tunnelled');
    expect(proxy.connects.at(-1)).toEqual({
      target: origin.origin.replace('https://', ''),
      auth: 'proxyuser:proxy-pass-w0rd',
    });
    expect(proxy.plaintext).toEqual([]);
  });

  it('an http target: the absolute-form request goes over TLS to the proxy too', async () => {
    const agents = new AgentPool();
    try {
      const result = await send(
        { method: 'GET', url: new URL(`http://127.0.0.1:${plainPort}/v1`), headers: [] },
        {
          timeoutMs: 5000,
          proxy: new URL(proxy.url('proxyuser', 'proxy-pass-w0rd')),
          proxyInsecure: true,
          agents,
        },
      );
      expect(result.ok && result.response.body).toBe('forwarded');
      expect(proxy.forwards.at(-1)).toEqual({
        url: `http://127.0.0.1:${plainPort}/v1`,
        auth: 'proxyuser:proxy-pass-w0rd',
      });
      expect(proxy.plaintext).toEqual([]);
    } finally {
      agents.destroy();
    }
  });

  it("the proxy's certificate is checked even with --insecure (the origin's only): nothing sent", async () => {
    const connects = proxy.connects.length;
    const forwards = proxy.forwards.length;
    for (const target of [`${origin.origin}/v1`, `http://127.0.0.1:${plainPort}/v1`]) {
      const result = await send(
        { method: 'GET', url: new URL(target), headers: [] },
        {
          timeoutMs: 5000,
          proxy: new URL(proxy.url('proxyuser', 'proxy-pass-w0rd')),
          insecure: true,
        },
      );
      expect(!result.ok && result.error.kind).toBe('tls');
      expect(!result.ok && result.error.atProxy).toBe(true);
    }
    expect(proxy.connects.length).toBe(connects);
    expect(proxy.forwards.length).toBe(forwards);
    expect(proxy.plaintext).toEqual([]);
  });

  it('without a port: 443 for https://, 80 for http://', () => {
    expect(proxyPort(new URL('https://user:pw@proxy.example'))).toBe(443);
    expect(proxyPort(new URL('https://proxy.example:443'))).toBe(443);
    expect(proxyPort(new URL('https://proxy.example:8443'))).toBe(8443);
    expect(proxyPort(new URL('http://proxy.example'))).toBe(80);
    expect(proxyPort(new URL('http://proxy.example:3128'))).toBe(3128);
  });
});

describe('--timeout bounds the DNS lookup', () => {
  const never: LookupFunction = () => undefined;

  it('boundedLookup: a lookup that never answers ends in ETIMEDOUT', async () => {
    const before = pendingLookups();
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      boundedLookup(never, () => 0)('api.example.test', {}, (err) => resolve(err)),
    );
    expect(error?.code).toBe('ETIMEDOUT');
    expect(pendingLookups()).toBe(before + 1); // still in the resolver: the CLI will not wait
  });

  it('boundedLookup: a late answer is dropped, and the lookup no longer counts as pending', async () => {
    let answer: (() => void) | undefined;
    const late: LookupFunction = (_host, _options, callback) => {
      answer = () => callback(null, '127.0.0.1', 4);
    };
    const before = pendingLookups();
    const calls: unknown[] = [];
    await new Promise<void>((resolve) =>
      boundedLookup(late, () => 0)('api.example.test', {}, (err) => {
        calls.push(err?.code);
        resolve();
      }),
    );
    expect(pendingLookups()).toBe(before + 1);
    answer?.();
    expect(calls).toEqual(['ETIMEDOUT']);
    expect(pendingLookups()).toBe(before);
  });

  it('boundedLookup: an answer in time passes through', async () => {
    const quick: LookupFunction = (_host, _options, callback) => callback(null, '127.0.0.1', 4);
    const address = await new Promise<string>((resolve) =>
      boundedLookup(quick, () => 60_000)('api.example.test', {}, (_err, addr) =>
        resolve(String(addr)),
      ),
    );
    expect(address).toBe('127.0.0.1');
  });

  it('send: a silent resolver → a timeout at the DNS stage', async () => {
    const result = await send(
      { method: 'GET', url: new URL('http://api.example.test/v1'), headers: [] },
      { timeoutMs: 200, lookup: never },
    );
    expect(!result.ok && result.error.kind).toBe('timeout');
    expect(!result.ok && result.error.stage).toBe('dns');
    expect(!result.ok && result.error.message).toMatch(/DNS lookup of api\.example\.test/);
  });

  it('send: a server that accepts and never answers → a timeout at the answer stage, not DNS', async () => {
    const hole = createServer(() => undefined);
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const holePort = (hole.address() as AddressInfo).port;
    // net asks for every address (`all: true`) when it may try several families
    const resolved: LookupFunction = (_host, options, callback) =>
      options.all
        ? (callback as (e: null, all: { address: string; family: number }[]) => void)(null, [
            { address: '127.0.0.1', family: 4 },
          ])
        : callback(null, '127.0.0.1', 4);
    try {
      const result = await send(
        { method: 'GET', url: new URL(`http://api.example.test:${holePort}/v1`), headers: [] },
        { timeoutMs: 300, lookup: resolved },
      );
      expect(!result.ok && result.error.kind).toBe('timeout');
      expect(!result.ok && result.error.stage).toBe('answer');
      expect(!result.ok && result.error.message).not.toMatch(/DNS/);
    } finally {
      hole.close();
    }
  });
});
