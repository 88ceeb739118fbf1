/**
 * `why401 run` with an app calling a local HTTPS API whose certificate is self-signed (a dev
 * server, mkcert): the proxy cannot verify it, so it does not intercept. The app gets exactly
 * what it gets without why401 (its own TLS error: the bug may be that very error), and one
 * notice says why the call was not seen. With the certificate in the user's SSL_CERT_FILE (which
 * Python and Ruby read, and the run's bundle keeps), the app trusts it, so does the proxy: the
 * call is intercepted and diagnosed. Python (urllib) and Ruby (net/http); each skipped when it is
 * not installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { selfSigned } from '../support/self-signed.js';
import { cleanEnv, expectNoCredential, jsonLines } from './support.js';
import { runCli as runOpenAiCli } from './openai-401.js';

const KEY = `sk-proj-${makeKey('', 48)}T3BlbkFJ${makeKey('', 48)}`;
const has = (command: string, args: string[]) => {
  try {
    return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
};

/** Each app prints `app: <status>` or `app: error <its TLS error>`, and exits 0. */
const APPS = [
  {
    name: 'python3 (urllib)',
    available: has('python3', ['-c', 'import ssl']),
    command: (url: string) => [
      'python3',
      '-c',
      [
        'import os, urllib.request, urllib.error',
        `req = urllib.request.Request(${JSON.stringify(url)}, headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]})`,
        'try:',
        '    print("app:", urllib.request.urlopen(req, timeout=20).status)',
        'except urllib.error.HTTPError as e:',
        '    print("app:", e.code)',
        'except Exception as e:',
        '    print("app: error", e)',
      ].join('\n'),
    ],
  },
  {
    name: 'ruby (net/http)',
    available: has('ruby', ['-rnet/https', '-e', '']),
    command: (url: string) => [
      'ruby',
      '-rnet/https',
      '-e',
      [
        `u = URI(${JSON.stringify(url)})`,
        'begin',
        '  r = Net::HTTP.start(u.host, u.port, use_ssl: true) { |h| h.get(u.path, { "Authorization" => "Bearer #{ENV.fetch("OPENAI_API_KEY")}" }) }',
        '  puts "app: #{r.code}"',
        'rescue OpenSSL::SSL::SSLError => e',
        '  puts "app: error #{e.message}"',
        'end',
      ].join('\n'),
    ],
  },
];

/** The app alone, without why401 (async: the API lives in this process). */
function alone(argv: string[], env: Record<string, string>) {
  return new Promise<string>((resolve, reject) => {
    const [program = '', ...args] = argv;
    const child = spawn(program, args, {
      env: cleanEnv({ OPENAI_API_KEY: KEY, ...env }),
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.once('error', reject);
    child.once('close', () => resolve(stdout));
  });
}

describe('why401 run: an app calling a local HTTPS API with a self-signed certificate', () => {
  let api: Server;
  let url: string;
  let dir: string;
  let certFile: string;
  let seen = 0;

  beforeAll(async () => {
    const tls = selfSigned();
    api = createServer(tls, (_req, res) => {
      seen++;
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(api.address() as AddressInfo).port}/v1/models`;
    dir = mkdtempSync(join(tmpdir(), 'why401-run-untrusted-'));
    certFile = join(dir, 'dev-server.pem');
    writeFileSync(certFile, tls.cert);
  });

  afterAll(() => {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (argv: string[], env: Record<string, string> = {}) =>
    runOpenAiCli(KEY, ['run', '--no-env', '--json', '--', ...argv], env);

  describe.each(APPS)('$name', ({ available, command }) => {
    it.skipIf(!available)(
      'its own TLS error, exactly as without why401, and a notice saying why the call was not seen',
      async () => {
        const without = await alone(command(url), {});
        expect(without).toMatch(/^app: error .*certificate verify failed/);
        const r = await run(command(url));
        expect(r.code, r.stderr).toBe(0);
        // Ruby names the address its socket is connected to: the run's proxy, through a tunnel.
        const samePeer = (text: string) => text.replace(/peeraddr=\S+/, 'peeraddr=…');
        expect(samePeer(r.stdout)).toBe(samePeer(without));
        expect(r.stderr).toContain(
          `why401 run: 127.0.0.1:${new URL(url).port}: its certificate does not verify against the system's roots or your CA files (self-signed? DEPTH_ZERO_SELF_SIGNED_CERT): tunnelled so your app decides, not seen.`,
        );
        expect(jsonLines(r.stderr)).toEqual([]);
        expectNoCredential(r.stdout + r.stderr, [KEY], 'untrusted run');
      },
    );

    it.skipIf(!available)(
      'with the certificate in the user’s SSL_CERT_FILE: the app trusts it, the proxy too, the call is diagnosed',
      async () => {
        const without = await alone(command(url), { SSL_CERT_FILE: certFile });
        expect(without).toBe('app: 401\n');
        const before = seen;
        const r = await run(command(url), { SSL_CERT_FILE: certFile });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toBe(without);
        expect(seen - before).toBe(1);
        const calls = jsonLines(r.stderr);
        expect(calls.map((call) => [call['status'], call['url']])).toEqual([[401, url]]);
        expect(JSON.stringify(calls[0])).toContain('credential.invalid');
        expect(r.stderr).not.toContain('its certificate');
        expectNoCredential(r.stdout + r.stderr, [KEY], 'trusted run');
      },
    );
  });
});
