/** The path between client and API: no answer, TLS, clocks (net.*, ck-*). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, hasBinary } from '../support/layers.js';
import { selfSigned } from '../support/self-signed.js';
import { check, describeRun, expectAccepted, expectDiagnosis } from './run-cli.js';
import {
  makeJwt,
  makeKey,
  serveTls,
  signQuery,
  startBlackHole,
  startJwtApi,
  startSignedApi,
  type TestServer,
} from './servers.js';

/** The server's clock in the skew scenarios: 90 s behind ours. */
const SKEW_MS = -90_000;

describe('net: no HTTP answer', () => {
  const key = makeKey();

  it('nothing listens on the port → net.unreachable, exit 3', async () => {
    const port = await freePort();
    const run = await check([`http://127.0.0.1:${port}/v1/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 3,
      status: 'unreachable',
      cause: 'net.unreachable',
      findings: ['net.unreachable'],
    });
  });

  describe('a server that accepts and never answers', () => {
    let hole: TestServer;
    beforeAll(async () => {
      hole = await startBlackHole();
    });
    afterAll(() => hole?.stop());

    it('--timeout 1500 → the run ends, exit 3, net.unreachable', async () => {
      const run = await check(
        [`${hole.origin}/v1/items`, '--key-env', 'API_KEY', '--timeout', '1500'],
        { env: { API_KEY: key }, secrets: [key] },
      );
      expect(run.killed, describeRun(run)).toBe(false);
      expectDiagnosis(run, {
        exit: 3,
        status: 'unreachable',
        cause: 'net.unreachable',
        findings: ['net.unreachable'],
      });
    });
  });
});

describe.skipIf(!hasBinary('openssl'))('net: a self-signed TLS certificate', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    // The Bearer API of the other scenarios, over TLS with a certificate nobody signed.
    api = await serveTls((req, res) => {
      const ok = req.headers.authorization === `Bearer ${key}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { items: [] } : { detail: 'Not authenticated' }));
    }, selfSigned());
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('the handshake fails → net.tls-error, exit 3', async () => {
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 3,
      status: 'unreachable',
      cause: 'net.tls-error',
      findings: ['net.tls-error'],
    });
  });

  it('control: --insecure → accepted', async () => {
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY', '--insecure'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectAccepted(run);
  });
});

describe('net: an HMAC-signed request against a server clock 90 s behind (ck-03)', () => {
  const key = makeKey('mbx-', 48);
  const secret = makeKey('hs-', 48);
  let skewed: TestServer;
  let synced: TestServer;
  beforeAll(async () => {
    skewed = await startSignedApi({ key, secret, skewMs: SKEW_MS });
    synced = await startSignedApi({ key, secret, skewMs: 0 });
  });
  afterAll(async () => {
    await skewed?.stop();
    await synced?.stop();
  });

  /** The URL an exchange client builds: timestamp = our clock, signed query. */
  const signedUrl = (origin: string): string => {
    const query = `symbol=E2EUSD&recvWindow=5000&timestamp=${Date.now()}`;
    return `${origin}/api/v3/account?${query}&signature=${signQuery(secret, query)}`;
  };

  it('400 -1021 "outside of the recvWindow" with Date 90 s behind → net.clock-skew', async () => {
    const run = await check([signedUrl(skewed.origin), '-H', `X-MBX-APIKEY: ${key}`], {
      secrets: [key, secret],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'net.clock-skew',
      findings: ['net.clock-skew'],
    });
  });

  it('control: the same signed request to a server on time → accepted', async () => {
    const run = await check([signedUrl(synced.origin), '-H', `X-MBX-APIKEY: ${key}`], {
      secrets: [key, secret],
    });
    expectAccepted(run);
  });
});

describe('net: a JWT issued now, checked by a server clock 90 s behind (ck-04)', () => {
  const secret = makeKey('jwt-', 48);
  let skewed: TestServer;
  let synced: TestServer;
  beforeAll(async () => {
    skewed = await startJwtApi({ secret, skewMs: SKEW_MS });
    synced = await startJwtApi({ secret, skewMs: 0 });
  });
  afterAll(async () => {
    await skewed?.stop();
    await synced?.stop();
  });

  const freshJwt = (): string => {
    const now = Math.floor(Date.now() / 1000);
    return makeJwt(secret, { sub: 'e2e-user', iat: now, exp: now + 3600, jti: makeKey('', 16) });
  };

  it('iat ahead of the server clock → 401 "used before issued" → key.not-yet-valid', async () => {
    const token = freshJwt();
    const run = await check([`${skewed.origin}/v1/me`, '--key-env', 'ACCESS_TOKEN'], {
      env: { ACCESS_TOKEN: token },
      secrets: [token, secret],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.not-yet-valid',
      findings: ['key.not-yet-valid', 'net.clock-skew'],
    });
  });

  it('control: the same kind of token to a server on time → accepted', async () => {
    const token = freshJwt();
    const run = await check([`${synced.origin}/v1/me`, '--key-env', 'ACCESS_TOKEN'], {
      env: { ACCESS_TOKEN: token },
      secrets: [token, secret],
    });
    expectAccepted(run);
  });
});

// Not here: net.insecure-scheme needs http:// to a non-local host name, which cannot be
// reached offline (only 127.0.0.1 is used by this suite).
