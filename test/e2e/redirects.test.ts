/** Redirects: the credential stays on the origin the user named (rd-*, gw-11, gw-12). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, describeRun, expectAccepted, expectDiagnosis, expectNoLeak } from './run-cli.js';
import {
  makeKey,
  startBearerApi,
  startLoginRedirectApi,
  startRedirectLoops,
  startRedirector,
  startSameOriginRedirectApi,
  type TestServer,
} from './servers.js';

/** spec/cli.md: at most 6 requests per check, the redirect hops included. */
const MAX_REQUESTS = 6;

describe('redirects: 307 to another port (design 5, rd-02/rd-06)', () => {
  const key = makeKey();
  let api: TestServer;
  let front: TestServer;
  beforeAll(async () => {
    api = await startBearerApi(key);
    front = await startRedirector(() => api.origin);
  });
  afterAll(async () => {
    await front?.stop();
    await api?.stop();
  });

  it('the hop to another origin goes without the key → net.redirect-drops-auth', async () => {
    const run = await check([`${front.origin}/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'net.redirect-drops-auth',
      findings: ['net.redirect-drops-auth'],
    });
  });

  it('control: calling the canonical URL on the API directly → accepted', async () => {
    const run = await check([`${api.origin}/items/`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectAccepted(run);
  });
});

describe('redirects: a relative redirect on the same origin', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startSameOriginRedirectApi(key);
  });
  afterAll(() => api?.stop());

  it('control: the credential rides along on the same origin → accepted', async () => {
    const run = await check([`${api.origin}/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectAccepted(run);
  });
});

describe('redirects: loops are bounded', () => {
  const key = makeKey();
  let loops: TestServer;
  beforeAll(async () => {
    loops = await startRedirectLoops();
  });
  afterAll(() => loops?.stop());

  for (const [name, path] of [
    ['a cycle /a → /b → /a', '/a'],
    ['an endless chain of new URLs /spiral?n=1, 2, …', '/spiral'],
  ] as const) {
    it(`${name}: ends, exit 1, never accepted, at most ${MAX_REQUESTS} requests`, async () => {
      const run = await check(
        [`${loops.origin}${path}`, '--key-env', 'API_KEY', '--timeout', '5000'],
        {
          env: { API_KEY: key },
          secrets: [key],
        },
      );
      expect(run.killed, describeRun(run)).toBe(false);
      expectNoLeak(run);
      expect(run.code, describeRun(run)).toBe(1);
      expect(['rejected', 'inconclusive'], describeRun(run)).toContain(run.json?.verdict.status);
      expect(run.json?.exchanges.length ?? Infinity, describeRun(run)).toBeLessThanOrEqual(
        MAX_REQUESTS,
      );
    });
  }
});

describe('redirects: 302 to a login page on another host name (gw-11, gw-12)', () => {
  const key = makeKey();
  let sso: TestServer;
  beforeAll(async () => {
    sso = await startLoginRedirectApi();
  });
  afterAll(() => sso?.stop());

  it('127.0.0.1 → localhost/login (HTML 200) → status.login-redirect', async () => {
    const run = await check([`${sso.origin}/api/data`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'status.login-redirect',
      findings: ['status.login-redirect'],
    });
    // The headline names the redirect, not only the login page's 200.
    expect(run.json?.verdict.summary).toMatch(/^Refused \(302 → 200\)/);
  });
});

describe('redirects: 302 to an SSO login that does not answer (gw-11, no DNS or a dead host)', () => {
  const key = makeKey();
  let sso: { origin: string; close: () => void };
  beforeAll(async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      // port 1 on the loopback: nothing listens, the client cannot reach the login page
      res.writeHead(302, { location: 'http://127.0.0.1:1/cdn-cgi/access/login/app' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as import('node:net').AddressInfo;
    sso = { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
  });
  afterAll(() => sso?.close());

  it('the API answered 302 to a login: rejected, status.login-redirect first, exit 1 (not 3)', async () => {
    const run = await check([`${sso.origin}/api/data`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'status.login-redirect',
      findings: ['status.login-redirect'],
    });
    expect(run.json?.findings[0]?.id).toBe('status.login-redirect');
  });
});

describe('redirects: 307 to another origin that answers anyone', () => {
  const key = makeKey();
  let open: { origin: string; close: () => void };
  let front: TestServer;
  beforeAll(async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as import('node:net').AddressInfo;
    open = { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
    front = await startRedirector(() => open.origin);
  });
  afterAll(async () => {
    await front?.stop();
    open?.close();
  });

  it('a 200 there is not "the credential works": the key never reached it', async () => {
    const run = await check([`${front.origin}/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expect(run.json?.verdict.status, describeRun(run)).toBe('accepted');
    expect(run.json?.verdict.summary).toMatch(/got no credential/);
    expect(run.json?.verdict.summary).not.toMatch(/credential works/);
  });
});
