import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservedCall } from '../call/observed-call.js';
import { CertificateAuthority } from './certs.js';
import { startForwardProxy, type ForwardProxy } from './forward-proxy.js';
import { parseMap } from './map.js';

const KEY = `sk-proj-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;

const WGET = '/usr/bin/wget';

/** Debian's wget (GnuTLS), told to trust the system's roots only: not the run's CA. */
function wgetTrustingSystemRootsOnly(proxy: string, url: string, wgetrc: string): Promise<number> {
  return new Promise((resolve) => {
    execFile(
      WGET,
      ['-q', '-O-', '--tries=1', '--ca-certificate=/etc/ssl/certs/ca-certificates.crt', url],
      { env: { PATH: process.env['PATH'] ?? '', https_proxy: proxy, WGETRC: wgetrc } },
      (e) => resolve(e ? Number((e as { code?: number }).code ?? 1) : 0),
    );
  });
}

function curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-sS', ...args],
      { env: { PATH: process.env['PATH'] ?? '' } },
      (e, stdout, stderr) =>
        resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Plain http inside a CONNECT tunnel: what a tunnelled connection carries here. */
const curlThroughTunnel = (proxy: string, url: string) =>
  curl(['--proxytunnel', '--proxy', proxy, url]);

describe('the intercepting forward proxy, with curl', () => {
  let api: Server;
  let apiOrigin: string;
  let dir: string;
  let caFile: string;
  const calls: ObservedCall[] = [];
  const notices: string[] = [];
  const hosts: string[] = [];
  let intercepting: ForwardProxy;
  let tunnelling: ForwardProxy;

  beforeAll(async () => {
    api = createServer((req, res) => {
      hosts.push(req.headers.host ?? '');
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: 'Incorrect API key provided', code: 'invalid_api_key' },
        }),
      );
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const ca = new CertificateAuthority();
    dir = mkdtempSync(join(tmpdir(), 'why401-fwd-test-'));
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, ca.certPem);
    writeFileSync(join(dir, 'empty-wgetrc'), ''); // not the user's (wget refuses /dev/null)
    const maps = [
      parseMap(`api.openai.test=${apiOrigin}`),
      parseMap(`plain.test:80=${apiOrigin}`),
      parseMap(`gnutls.test=${apiOrigin}`),
    ];
    const common = { port: 0, maps, onCall: (c: ObservedCall) => calls.push(c) };
    intercepting = await startForwardProxy({ ...common, ca, onNotice: (t) => notices.push(t) });
    tunnelling = await startForwardProxy({ ...common, ca: undefined });
  });

  afterAll(async () => {
    await intercepting.close();
    await tunnelling.close();
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends TLS for a CONNECT with a leaf curl trusts through the CA, and reports the call under the URL the app asked for', async () => {
    calls.length = 0;
    const r = await curl([
      '--proxy',
      intercepting.origin,
      '--cacert',
      caFile,
      '-H',
      `Authorization: Bearer ${KEY}`,
      'https://api.openai.test/v1/models',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('invalid_api_key');
    await expect.poll(() => calls.length).toBe(1);
    const call = calls[0];
    expect(call?.url.href).toBe('https://api.openai.test/v1/models');
    expect(call?.response?.status).toBe(401);
    expect(call?.requestHeaders).toContainEqual(['Authorization', `Bearer ${KEY}`]);
    expect(hosts.at(-1)).toBe('api.openai.test'); // Host as the app sent it (curl's --connect-to)
  });

  it('relays absolute-form http:// requests', async () => {
    calls.length = 0;
    const r = await curl(['--proxy', intercepting.origin, 'http://plain.test/v1/chat']);
    expect(r.stdout).toContain('invalid_api_key');
    await expect.poll(() => calls.length).toBe(1);
    expect(calls[0]?.url.href).toBe('http://plain.test/v1/chat');
  });

  it('tunnels a CONNECT untouched with --no-intercept-tls (seen by nobody)', async () => {
    calls.length = 0;
    const r = await curlThroughTunnel(tunnelling.origin, 'http://api.openai.test:443/v1/models');
    expect(r.stdout).toContain('invalid_api_key');
    expect(calls).toHaveLength(0);
  });

  it('says when a client refuses the CA, and tunnels its next connection to that host', async () => {
    notices.length = 0;
    const refused = await curl([
      '--proxy',
      intercepting.origin,
      'https://api.openai.test/v1/models',
    ]);
    expect(refused.code).not.toBe(0);
    await expect.poll(() => notices.join('\n')).toContain('refused the TLS handshake');
    // the next connection is tunnelled: the loopback API speaks plain http
    const next = await curlThroughTunnel(intercepting.origin, 'http://api.openai.test:443/x');
    expect(next.stdout).toContain('invalid_api_key');
  });

  it.skipIf(!existsSync(WGET))(
    'says when a client drops the connection right after the handshake, before any request (wget with GnuTLS), and tunnels the next one',
    async () => {
      notices.length = 0;
      calls.length = 0;
      const code = await wgetTrustingSystemRootsOnly(
        intercepting.origin,
        'https://gnutls.test/v1/models',
        join(dir, 'empty-wgetrc'),
      );
      expect(code).toBe(5); // wget's "SSL verification failure"
      await expect
        .poll(() => notices.join('\n'))
        .toContain(
          'gnutls.test:443: the client closed the connection right after the TLS handshake',
        );
      expect(calls).toHaveLength(0);
      const next = await curlThroughTunnel(intercepting.origin, 'http://gnutls.test:443/x');
      expect(next.stdout).toContain('invalid_api_key');
    },
  );

  it('a client that sends its request after the handshake is no refusal', async () => {
    notices.length = 0;
    calls.length = 0;
    await curl(['--proxy', intercepting.origin, '--cacert', caFile, 'https://plain.test:443/']);
    await expect.poll(() => calls.length).toBe(1);
    expect(notices).toEqual([]);
  });
});
