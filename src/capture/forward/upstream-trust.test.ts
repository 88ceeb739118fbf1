/**
 * The forward proxy with an API whose certificate does not verify (a self-signed loopback server):
 * curl's connection is passed on untouched, so curl sees the real certificate and decides; once
 * the certificate is trusted (the user's CA files, in the proxy's roots) or with --insecure, the
 * call is intercepted and seen.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSigned } from '../../../test/support/self-signed.js';
import type { ObservedCall } from '../call/observed-call.js';
import { CertificateAuthority } from './certs.js';
import { startForwardProxy, type ForwardProxy } from './forward-proxy.js';
import { parseMap, type HostMap } from './map.js';
import { certificateProblem } from './upstream-trust.js';

function curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-sS', '--max-time', '20', ...args],
      { env: { PATH: process.env['PATH'] ?? '' } },
      (e, stdout, stderr) =>
        resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the forward proxy and an API whose certificate does not verify', () => {
  let api: Server;
  let url: string;
  let dir: string;
  let serverCert: string;
  let serverPem: string;
  let runCa: string;
  const ca = new CertificateAuthority();
  const proxies: ForwardProxy[] = [];

  beforeAll(async () => {
    const tls = selfSigned();
    api = createServer(tls, (_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(api.address() as AddressInfo).port}/v1/models`;
    dir = mkdtempSync(join(tmpdir(), 'why401-upstream-trust-'));
    serverCert = join(dir, 'server.pem');
    serverPem = tls.cert.toString('utf8');
    writeFileSync(serverCert, serverPem);
    runCa = join(dir, 'ca.pem');
    writeFileSync(runCa, ca.certPem);
  });

  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (options: { roots?: string[]; insecure?: boolean; maps?: HostMap[] }) => {
    const calls: ObservedCall[] = [];
    const notices: string[] = [];
    const proxy = await startForwardProxy({
      port: 0,
      ca,
      maps: options.maps ?? [],
      upstreamRoots: options.roots,
      insecure: options.insecure,
      onCall: (call) => calls.push(call),
      onNotice: (text) => notices.push(text),
    });
    proxies.push(proxy);
    return { proxy, calls, notices };
  };

  it('passes the connection on untouched: curl trusting the server’s own certificate gets the real server; said once; the host stays tunnelled', async () => {
    const { proxy, calls, notices } = await start({ roots: [...rootCertificates] });
    const first = await curl(['--proxy', proxy.origin, '--cacert', serverCert, url]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('invalid_api_key');
    // The app's own TLS decision: curl trusting only the run's CA now fails on the real certificate.
    const own = await curl(['--proxy', proxy.origin, '--cacert', runCa, url]);
    expect(own.code).toBe(60); // CURLE_PEER_FAILED_VERIFICATION, as without the proxy
    const direct = await curl(['--cacert', runCa, url]);
    expect(direct.code).toBe(60);
    expect(calls).toHaveLength(0);
    expect(notices).toHaveLength(2); // each connection says it; run and capture say a kind once
    expect(new Set(notices).size).toBe(1);
    expect(notices[0]).toBe(
      `127.0.0.1:${new URL(url).port}: its certificate does not verify against the system's roots or your CA files (self-signed? DEPTH_ZERO_SELF_SIGNED_CERT): tunnelled so your app decides, not seen. Add its CA to SSL_CERT_FILE or NODE_EXTRA_CA_CERTS, or use --insecure, to see its calls.`,
    );
  });

  it.each([
    ['its certificate is among the roots (the user’s CA files)', { roots: 'with-server' }],
    ['--insecure', { insecure: true }],
  ] as const)('%s: intercepted and seen', async (_name, how) => {
    const { proxy, calls, notices } = await start(
      'roots' in how
        ? { roots: [...rootCertificates, serverPem] }
        : { roots: [...rootCertificates], insecure: true },
    );
    for (let i = 0; i < 2; i++) {
      const r = await curl(['--proxy', proxy.origin, '--cacert', runCa, url]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('invalid_api_key');
    }
    await expect.poll(() => calls.length).toBe(2);
    expect(calls[0]?.response?.status).toBe(401);
    expect(notices).toEqual([]);
  });

  /** A port nothing listens on. */
  const closedPort = () =>
    new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });

  it.each([
    [
      'a --map to a target whose certificate does not verify (tunnelled, the app would meet a certificate for another name)',
      async () => ({
        maps: [parseMap(`api.openai.test=${new URL(url).origin}`)],
        target: 'https://api.openai.test/v1/models',
      }),
    ],
    [
      'an API that does not answer at all',
      async () => ({ maps: [], target: `https://127.0.0.1:${await closedPort()}/` }),
    ],
  ])('%s: intercepted as before, the app gets the proxy’s 502', async (_name, setup) => {
    const { maps, target } = await setup();
    const { proxy, notices } = await start({ roots: [...rootCertificates], maps });
    const r = await curl([
      '--proxy',
      proxy.origin,
      '--cacert',
      runCa,
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      target,
    ]);
    expect(r.stdout).toBe('502');
    expect(notices.join('\n')).not.toContain('its certificate');
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /self-signed\?/],
    ['SELF_SIGNED_CERT_IN_CHAIN', /self-signed\?/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', /a company's or a local CA\?/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /a company's or a local CA\?/],
    ['CERT_HAS_EXPIRED', /^has expired/],
    ['CERT_NOT_YET_VALID', /the clock\?/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /^does not name this host/],
    ['CERT_REVOKED', /^does not verify \(CERT_REVOKED\)/],
  ])('%s is worded', (code, words) => {
    expect(certificateProblem(code)).toMatch(words);
    expect(certificateProblem(code)).toContain(code);
  });
});
