/**
 * `why401 run` with real programs found on a developer's machine: Debian's wget (GnuTLS: it reads
 * no SSL_CERT_FILE, only its wgetrc) given by name and started by a shell, and git (libcurl:
 * https_proxy and GIT_SSL_CAINFO) asking a Git server for its refs. Each calls a host by name,
 * mapped with --map to a loopback server. And gcloud, reading the bundle's path from its variable.
 * Skipped when the program is missing.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { expectNoCredential } from './support.js';
import { runCli as runOpenAiCli } from './openai-401.js';

const KEY = `sk-proj-${makeKey('', 48)}T3BlbkFJ${makeKey('', 48)}`;
const WGET = '/usr/bin/wget';
const GIT = '/usr/bin/git';
const GCLOUD = '/usr/bin/gcloud';

interface Seen {
  readonly host: string | undefined;
  readonly url: string | undefined;
  readonly auth: string | undefined;
  readonly fromWgetrc: string | undefined;
}

describe('why401 run with wget and git', () => {
  let api: Server;
  let maps: string[];
  let home: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    api = createServer((req, res) => {
      seen.push({
        host: req.headers.host,
        url: req.url,
        auth: req.headers.authorization,
        fromWgetrc: req.headers['x-from-wgetrc'] as string | undefined,
      });
      if (req.url?.startsWith('/repo.git/')) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
        res.end('authentication required\n');
        return;
      }
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            message: `Incorrect API key provided: sk-proj-****${KEY.slice(-4)}.`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        }),
      );
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    maps = ['--map', `api.openai.test=${origin}`, '--map', `git.example.test=${origin}`];
    // The user's own home: a wgetrc with a header of theirs (kept under run), no git config.
    home = mkdtempSync(join(tmpdir(), 'why401-run-programs-'));
    writeFileSync(join(home, '.wgetrc'), 'header = X-From-Wgetrc: yes\ntries = 1\n');
  });

  afterAll(() => {
    api.close();
    rmSync(home, { recursive: true, force: true });
  });

  const runCli = (args: string[]) =>
    runOpenAiCli(KEY, ['run', '--no-env', ...maps, '--', ...args], {
      HOME: home,
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
    });
  const wget = [WGET, '-q', '-O-', '--header', `Authorization: Bearer ${KEY}`];
  const why401Lines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('why401:'));

  it.skipIf(!existsSync(WGET))(
    'wget by name: trusts the run’s CA through WGETRC, the user’s wgetrc still read; the refusal diagnosed by host',
    async () => {
      seen.length = 0;
      const r = await runCli([...wget, 'https://api.openai.test/v1/models']);
      expect(r.code).toBe(6); // wget's "username/password authentication failure" (a 401)
      expect(seen).toEqual([
        { host: 'api.openai.test', url: '/v1/models', auth: `Bearer ${KEY}`, fromWgetrc: 'yes' },
      ]);
      const [line] = why401Lines(r.stderr);
      expect(line).toMatch(/GET api\.openai\.test\/v1\/models {2}401 .*✖ credential\.invalid/);
      expect(r.stderr).toMatch(
        /exited with 6 · watched through the forward proxy \(HTTPS intercepted\) · 1 call, 1 refused/,
      );
      expect(r.stderr).not.toContain('refused the TLS handshake');
      expectNoCredential(r.stdout + r.stderr, [KEY], 'wget run');
    },
  );

  it.skipIf(!existsSync(WGET))(
    'sh -c "wget …" (not known by name: preload and proxy): the call is seen by the proxy and named by host',
    async () => {
      seen.length = 0;
      const quoted = wget.map((a) => `'${a}'`).join(' ');
      const r = await runCli(['sh', '-c', `${quoted} https://api.openai.test/v1/models`]);
      expect(r.code).toBe(6);
      expect(seen).toHaveLength(1);
      const [line] = why401Lines(r.stderr);
      expect(line).toMatch(/GET api\.openai\.test\/v1\/models {2}401 .*✖ credential\.invalid/);
      expect(r.stderr).toMatch(
        /exited with 6 · no Node process, watched through the forward proxy · 1 call, 1 refused/,
      );
      expectNoCredential(r.stdout + r.stderr, [KEY], 'sh -c wget run');
    },
  );

  it.skipIf(!existsSync(WGET))(
    'wget told to trust the system roots only: the refusal after the handshake is said, and the summary says what watched',
    async () => {
      seen.length = 0;
      const r = await runCli([
        'sh',
        '-c',
        `'${WGET}' -q -O- --ca-certificate=/etc/ssl/certs/ca-certificates.crt https://api.openai.test/v1/models`,
      ]);
      expect(r.code).toBe(5); // wget's "SSL verification failure"
      expect(seen).toEqual([]);
      expect(r.stderr).toContain(
        'why401 run: api.openai.test:443: the client closed the connection right after the TLS handshake',
      );
      expect(r.stderr).toContain(
        'exited with 5 · watched through the forward proxy (HTTPS intercepted) and a Node.js preload · no call seen.',
      );
    },
  );

  it.skipIf(!existsSync(GIT))(
    'git ls-remote: the refs request goes through the proxy (GIT_SSL_CAINFO), the refusal shown with its host',
    async () => {
      seen.length = 0;
      const r = await runCli([GIT, 'ls-remote', 'https://git.example.test/repo.git']);
      expect(r.code).toBe(128); // git could not ask for a password (GIT_TERMINAL_PROMPT=0)
      expect(seen[0]).toMatchObject({
        host: 'git.example.test',
        url: '/repo.git/info/refs?service=git-upload-pack',
      });
      const [line] = why401Lines(r.stderr);
      expect(line).toMatch(
        /GET git\.example\.test\/repo\.git\/info\/refs\?service=git-upload-pack {2}401 /,
      );
      expect(r.stderr).not.toContain('refused the TLS handshake');
    },
  );

  it.skipIf(!existsSync(GCLOUD))(
    'gcloud reads the bundle from CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE (offline: its config only)',
    async () => {
      const r = await runCli([GCLOUD, 'config', 'get', 'core/custom_ca_certs_file']);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toMatch(/\/why401-ca-[^/]+\/bundle\.pem$/);
      expect(r.stderr).not.toContain('Invalid value'); // gcloud checks that the file exists
    },
  );
});
