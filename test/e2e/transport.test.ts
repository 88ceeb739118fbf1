/**
 * The transport under the diagnosis (issue 13): an https:// proxy spoken to over TLS, every
 * request on the wire counted (resends included) within the 6 of a check, and --timeout bounding
 * a DNS lookup that never ends.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsOrigin } from '../capture/tls.js';
import { hasBinary, startTinyproxyAuth, type Layer } from '../support/layers.js';
import { startTlsProxy, type TlsProxy } from '../support/tls-proxy.js';
import { check, describeRun, expectDiagnosis, expectNoLeak, ROOT, type CliRun } from './run-cli.js';
import { makeKey } from './servers.js';

/**
 * A server that answers the first request of a connection (kept alive) and drops the connection,
 * unanswered, when a second request arrives on it: tinyproxy's habit, seen from the client. `/v1`
 * redirects to `/v2` on the same origin (the second hop reuses the connection); `/v2` is a 401.
 * It counts the requests that reached it, and those that carried the key.
 */
async function startCloser(key: string) {
  const counts = { requests: 0, carrying: 0 };
  const server = createServer((socket) => {
    let seen = 0;
    let buffered = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      let end: number;
      while ((end = buffered.indexOf('\r\n\r\n')) >= 0) {
        const head = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        counts.requests++;
        if (head.includes(key)) counts.carrying++;
        seen++;
        if (seen > 1) socket.destroy();
        else if (head.startsWith('GET /v1/'))
          socket.write('HTTP/1.1 302 Found\r\nlocation: /v2/items\r\ncontent-length: 0\r\n\r\n');
        else
          socket.write(
            'HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: 27\r\n\r\n{"error":"invalid api key"}',
          );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    counts,
    origin: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Requests on the wire as the JSON reports them: every exchange, plus its resends. */
const reportedOnWire = (run: CliRun): number =>
  ((run.json?.exchanges ?? []) as readonly { resent?: number }[]).reduce(
    (n, x) => n + 1 + (x.resent ?? 0),
    0,
  );

describe('a server that closes kept-alive connections without answering', () => {
  const key = makeKey();
  let closer: Awaited<ReturnType<typeof startCloser>>;
  beforeAll(async () => {
    closer = await startCloser(key);
  });
  afterAll(() => closer.stop());

  it.each([
    ['a 401 and its probes', '/v2/items'],
    ['a same-origin redirect (the second hop reuses the connection) and probes', '/v1/items'],
  ])(
    '%s: every request on the wire is in the output, resends included, at most 6',
    async (_name, path) => {
      closer.counts.requests = 0;
      closer.counts.carrying = 0;
      const run = await check([`${closer.origin}${path}`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key],
      });
      expect(run.json, describeRun(run)).toBeDefined();
      expectNoLeak(run);
      expect(
        { seen: closer.counts.requests, reported: reportedOnWire(run) },
        describeRun(run),
      ).toEqual({ seen: closer.counts.requests, reported: closer.counts.requests });
      expect(closer.counts.requests).toBeLessThanOrEqual(6);
      expect(closer.counts.carrying).toBeLessThanOrEqual(6);
    },
  );

  it('a resend is shown: in JSON (`resent`) and in "Requests sent"', async () => {
    closer.counts.requests = 0;
    const args = [`${closer.origin}/v1/items`, '--key-env', 'API_KEY', '--no-probe'];
    const run = await check(args, { env: { API_KEY: key }, secrets: [key] });
    expect(run.json?.exchanges.map((x) => (x as { resent?: number }).resent ?? 0)).toEqual([0, 1]);
    expect(closer.counts.requests).toBe(3);
    expect(reportedOnWire(run)).toBe(3);
    const human = await runHuman(args, { API_KEY: key });
    expect(human).toMatch(
      /redirect 1 .* · sent 2 times \(a kept-alive connection closed unanswered\)/,
    );
    expect(human).not.toContain(key.slice(-9));
  });
});

/** The human report (no --json): stdout. */
function runHuman(args: readonly string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'dist', 'cli', 'why401.cjs'), 'check', ...args],
      {
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_COLOR: '1', ...env },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.once('error', reject);
    child.once('close', () => resolve(out));
  });
}

describe('an https:// proxy', () => {
  const key = makeKey();
  let proxy: TlsProxy;
  let origin: Awaited<ReturnType<typeof startHttpsOrigin>>;
  beforeAll(async () => {
    proxy = await startTlsProxy({ user: 'proxyuser', pass: 'Pr0xy-pass-3x4mple' });
    origin = await startHttpsOrigin((_req, res) =>
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid api key"}'),
    );
  });
  afterAll(async () => {
    await proxy.stop();
    await origin.stop();
  });

  it.each([
    ['--proxy', (url: string) => ({ args: ['--proxy', url], env: {} })],
    ['HTTPS_PROXY', (url: string) => ({ args: [], env: { HTTPS_PROXY: url } })],
  ])(
    '%s https://user:pass@…: the CONNECT and its password go inside TLS, never in clear',
    async (_name, how) => {
      const before = proxy.connects.length;
      const { args, env } = how(proxy.url('proxyuser', 'Pr0xy-pass-3x4mple'));
      const run = await check(
        [`${origin.origin}/v1/items`, '--key-env', 'API_KEY', '--insecure', ...args],
        {
          env: { API_KEY: key, NODE_EXTRA_CA_CERTS: proxy.caFile, ...env },
          secrets: [key, 'Pr0xy-pass-3x4mple'],
        },
      );
      expectNoLeak(run);
      expect(proxy.plaintext, describeRun(run)).toEqual([]);
      expect(proxy.connects.length, describeRun(run)).toBeGreaterThan(before);
      expect(
        proxy.connects.slice(before).every((c) => c.auth === 'proxyuser:Pr0xy-pass-3x4mple'),
      ).toBe(true);
      expect(run.json?.exchanges[0]?.response?.status, describeRun(run)).toBe(401);
    },
  );

  it("a proxy whose certificate is not trusted: nothing is sent to it (--insecure is the origin's)", async () => {
    const before = proxy.connects.length;
    const run = await check(
      [
        `${origin.origin}/v1/items`,
        '--key-env',
        'API_KEY',
        '--insecure',
        '--no-probe',
        '--proxy',
        proxy.url('proxyuser', 'Pr0xy-pass-3x4mple'),
      ],
      { env: { API_KEY: key }, secrets: [key, 'Pr0xy-pass-3x4mple'] },
    );
    expectDiagnosis(run, {
      exit: 3,
      status: 'unreachable',
      cause: 'net.tls-error',
      findings: ['net.tls-error'],
    });
    expect(proxy.plaintext).toEqual([]);
    expect(proxy.connects.length).toBe(before);
    const tls = run.json?.findings.find((f) => f.id === 'net.tls-error');
    expect(String(tls?.evidence)).toContain(`TLS with the proxy 127.0.0.1:${proxy.port} failed`);
  });
});

describe('--timeout and a DNS server that never answers', () => {
  let dir = '';
  let preload = '';
  beforeAll(() => {
    // getaddrinfo against a silent resolver: no answer, and the process held open meanwhile (a
    // pending lookup is active work). Simulated in the CLI's own process: the host's resolver
    // cannot be pointed at a silent server without root.
    dir = mkdtempSync(join(tmpdir(), 'why401-dns-'));
    preload = join(dir, 'silent-dns.mjs');
    writeFileSync(
      preload,
      "import dns from 'node:dns';\ndns.lookup = () => { setTimeout(() => {}, 600_000); };\n",
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the run ends with the deadline: no HTTP answer, exit 3, the DNS lookup named', async () => {
    const key = makeKey();
    const run = await check(
      ['http://api.example.test:8080/v1/items', '--key-env', 'API_KEY', '--timeout', '1500'],
      { env: { API_KEY: key, NODE_OPTIONS: `--import ${preload}` }, secrets: [key] },
    );
    expectDiagnosis(run, {
      exit: 3,
      status: 'unreachable',
      cause: 'net.unreachable',
      findings: ['net.unreachable'],
    });
    const evidence = JSON.stringify(run.json?.findings.find((f) => f.id === 'net.unreachable'));
    expect(evidence, `${describeRun(run)}\n${run.stderr}`).toMatch(
      /DNS lookup did not finish before the timeout/,
    );
    expect(run.json?.exchanges[0]?.error).toMatch(/no answer within \d+ ms/);
  });
});

describe('a proxy why401 cannot speak to', () => {
  it('ALL_PROXY=socks5://…: a usage error naming the variable, nothing sent around it', async () => {
    const key = makeKey();
    const origin = await startCloser(key);
    try {
      const run = await check([`${origin.origin}/v2/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key, ALL_PROXY: 'socks5://user:S0cks-secret-pw@127.0.0.1:1080' },
        secrets: [key, 'S0cks-secret-pw'],
      });
      expectNoLeak(run);
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).toMatch(/ALL_PROXY names a socks5:\/\/ proxy/);
      expect(origin.counts.requests).toBe(0);
    } finally {
      await origin.stop();
    }
  });
});

describe.skipIf(!hasBinary('tinyproxy'))(
  'through a real tinyproxy (it closes kept-alive connections)',
  () => {
    const key = makeKey();
    const pass = makeKey('pw', 16);
    let tinyproxy: Layer;
    let api: HttpServer;
    let apiPort = 0;
    let carrying = 0;
    beforeAll(async () => {
      tinyproxy = await startTinyproxyAuth({ user: 'e2euser', pass });
      api = createHttpServer((req, res) => {
        if (Object.values(req.headers).some((v) => String(v).includes(key))) carrying++;
        req.resume();
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"error":"invalid api key"}');
      });
      await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
      apiPort = (api.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await tinyproxy?.stop();
      await new Promise<void>((resolve) => api.close(() => resolve()));
    });

    it('the API sees no more requests carrying the key than why401 reports, and at most 6', async () => {
      carrying = 0;
      const run = await check(
        [
          `http://127.0.0.1:${apiPort}/v1/items`,
          '--key-env',
          'API_KEY',
          '--proxy',
          `http://e2euser:${pass}@127.0.0.1:${tinyproxy.port}`,
        ],
        { env: { API_KEY: key }, secrets: [key, pass] },
      );
      expect(run.json, describeRun(run)).toBeDefined();
      expectNoLeak(run);
      const reported = reportedOnWire(run);
      expect(reported, describeRun(run)).toBeLessThanOrEqual(6);
      expect(carrying, describeRun(run)).toBeLessThanOrEqual(reported);
    });
  },
);
