import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasBinary,
  startSquidPlain,
  startTinyproxyAuth,
  type Layer,
} from '../../../test/support/layers.js';
import { judgeCall } from '../call/judge-call.js';
import type { ObservedCall } from '../call/observed-call.js';
import { CertificateAuthority } from './certs.js';
import { startForwardProxy, type ForwardProxy } from './forward-proxy.js';
import { parseMap } from './map.js';

const KEY = `sk-proj-${randomBytes(24).toString('hex')}`;
const PASS = `pp${randomBytes(12).toString('hex')}`;

function curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-sS', '-H', `Authorization: Bearer ${KEY}`, ...args],
      { env: { PATH: process.env['PATH'] ?? '' } },
      (e, stdout, stderr) =>
        resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const refuse = (res: import('node:http').ServerResponse) => {
  res.writeHead(401, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: { message: 'Incorrect API key', code: 'invalid_api_key' } }));
};

describe.skipIf(!hasBinary('squid') || !hasBinary('tinyproxy'))(
  "the user's own proxy stays in the path (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)",
  () => {
    let api: HttpsServer;
    let plainApi: HttpServer;
    let squid: Layer;
    let tinyproxy: Layer;
    let dir: string;
    let caFile: string;
    let apiPort = 0;
    let plainPort = 0;
    const seen: string[] = [];
    const calls: ObservedCall[] = [];
    const notices: string[] = [];
    const proxies: ForwardProxy[] = [];
    let ca: CertificateAuthority;

    const start = async (userEnv: Record<string, string>) => {
      const proxy = await startForwardProxy({
        port: 0,
        ca,
        maps: [parseMap(`mapped.test=https://127.0.0.1:${apiPort}`)],
        insecure: true,
        userEnv,
        onCall: (c) => calls.push(c),
        onNotice: (t) => notices.push(t),
      });
      proxies.push(proxy);
      return proxy;
    };
    /** curl through `proxy`, trusting the run's CA. */
    const via = (proxy: ForwardProxy, args: string[]) =>
      curl(['--proxy', proxy.origin, '--cacert', caFile, ...args]);
    const squidLog = () => readFileSync(join(squid.dir, 'access.log'), 'utf8');

    beforeAll(async () => {
      ca = new CertificateAuthority();
      const leaf = ca.leafFor('127.0.0.1');
      api = createHttpsServer({ key: leaf.key, cert: leaf.cert }, (req, res) => {
        seen.push(`${req.method} ${req.headers.host} ${req.headers.authorization}`);
        refuse(res);
      });
      plainApi = createHttpServer((req, res) => {
        seen.push(`${req.method} ${req.headers.host} ${req.headers.authorization}`);
        refuse(res);
      });
      await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
      await new Promise<void>((r) => plainApi.listen(0, '127.0.0.1', r));
      apiPort = (api.address() as AddressInfo).port;
      plainPort = (plainApi.address() as AddressInfo).port;
      [squid, tinyproxy] = await Promise.all([
        startSquidPlain(),
        startTinyproxyAuth({ user: 'puser', pass: PASS }),
      ]);
      dir = mkdtempSync(join(tmpdir(), 'why401-user-proxy-'));
      caFile = join(dir, 'ca.pem');
      writeFileSync(caFile, ca.certPem);
    }, 30_000);

    afterAll(async () => {
      await Promise.all(proxies.map((p) => p.close().catch(() => undefined)));
      await Promise.all([squid?.stop(), tinyproxy?.stop()]);
      api?.close();
      plainApi?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('https: the call is intercepted, then goes through squid by CONNECT (its access log shows it)', async () => {
      const proxy = await start({ HTTPS_PROXY: squid.url, HTTP_PROXY: squid.url });
      calls.length = 0;
      const r = await via(proxy, [`https://127.0.0.1:${apiPort}/v1/models`]);
      expect(r.stdout).toContain('invalid_api_key');
      expect(seen.at(-1)).toBe(`GET 127.0.0.1:${apiPort} Bearer ${KEY}`);
      await expect.poll(() => calls.length).toBe(1);
      expect(calls[0]?.response?.status).toBe(401);
      expect(calls[0]?.viaProxy?.from).toBe('HTTPS_PROXY');
      // squid logs a CONNECT when its tunnel ends: the proxy's pooled connection, at close
      await proxy.close();
      await expect.poll(squidLog).toContain(`CONNECT 127.0.0.1:${apiPort}`);

      // plain http: in absolute form to squid
      const again = await start({ HTTPS_PROXY: squid.url, HTTP_PROXY: squid.url });
      const plain = await curl(['--proxy', again.origin, `http://127.0.0.1:${plainPort}/v1/chat`]);
      expect(plain.stdout).toContain('invalid_api_key');
      await expect.poll(squidLog).toContain(`GET http://127.0.0.1:${plainPort}/v1/chat`);

      // a --map to the loopback goes straight there, not through squid
      const before = squidLog();
      const mapped = await via(again, ['https://mapped.test/v1/mapped']);
      expect(mapped.stdout).toContain('invalid_api_key');
      expect(seen.at(-1)).toBe(`GET mapped.test Bearer ${KEY}`);
      expect(squidLog()).toBe(before);
      expect(notices.join('\n')).toContain(`HTTPS_PROXY=http://127.0.0.1:${squid.port}`);
    });

    it('NO_PROXY keeps a host off the user’s proxy, as their clients would', async () => {
      const proxy = await start({ HTTPS_PROXY: squid.url, NO_PROXY: '127.0.0.1' });
      const before = squidLog();
      const r = await via(proxy, [`https://127.0.0.1:${apiPort}/v1/no-proxy`]);
      expect(r.stdout).toContain('invalid_api_key');
      expect(squidLog()).toBe(before);
    });

    it('a 407 from the user’s proxy reaches the app and is diagnosed status.proxy-auth; its password is never shown', async () => {
      const proxy = await start({ HTTPS_PROXY: tinyproxy.url });
      calls.length = 0;
      notices.length = 0;
      const r = await via(proxy, [
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        `https://127.0.0.1:${apiPort}/v1/models`,
      ]);
      expect(r.stdout).toBe('407');
      await expect.poll(() => calls.length).toBe(1);
      const call = calls[0] as ObservedCall;
      expect(call.response?.status).toBe(407);
      const report = await judgeCall(call);
      expect(report.findings.map((f) => f.id)).toContain('status.proxy-auth');
      expect(notices.join('\n')).toContain('407');

      // with the user:password the user set, the call gets through to the API
      const authed = await start({
        HTTPS_PROXY: `http://puser:${PASS}@127.0.0.1:${tinyproxy.port}`,
      });
      const ok = await via(authed, [`https://127.0.0.1:${apiPort}/v1/authed`]);
      expect(ok.stdout).toContain('invalid_api_key');
      expect(notices.join('\n')).not.toContain(PASS);
      expect(notices.join('\n')).toContain(`HTTPS_PROXY=http://127.0.0.1:${tinyproxy.port}`);
    });
  },
);
