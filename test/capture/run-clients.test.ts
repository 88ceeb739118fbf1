/**
 * `why401 run -- <real client>` through the intercepting forward proxy: Python's httpx and
 * aiohttp, Ruby's net/http, Go's net/http, each calling https://api.openai.test by name (mapped
 * with --map to a loopback server answering as OpenAI does to a wrong key). Each test asserts
 * the diagnosis, the app's own output and exit code, that no key is shown, and that the run's
 * private folder (CA bundle, helpers) is gone after. A client whose binary or library is not
 * installed is skipped, with the reason in the test's name.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { ROOT } from '../e2e/run-cli.js';
import { expectNoCredential, jsonLines } from './support.js';
import {
  expectInvalidKeyCalls,
  runCli as runOpenAiCli,
  startOpenAi401,
  type OpenAi401,
} from './openai-401.js';
import { selfSigned } from './tls.js';

/** An OpenAI-shaped key (random): the API refuses it as OpenAI does. */
const KEY = `sk-proj-${makeKey('', 48)}T3BlbkFJ${makeKey('', 48)}`;

const PYTHON = '/usr/bin/python3';
const has = (command: string, args: string[]) => {
  try {
    return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
};
const HAS_HTTPX = has(PYTHON, ['-c', 'import httpx']);
const HAS_AIOHTTP = has(PYTHON, ['-c', 'import aiohttp']);
const HAS_RUBY = has('ruby', ['-rnet/http', '-e', '']);
const HAS_GO = has('go', ['version']);

/** Ruby's net/http reads https_proxy (lower case first) and OpenSSL's SSL_CERT_FILE. */
const RUBY_APP = [
  'puts "app: folder #{File.dirname(ENV.fetch("SSL_CERT_FILE"))}"',
  'u = URI("https://api.openai.test/v1/models")',
  'r = Net::HTTP.start(u.host, u.port, use_ssl: true) { |h| h.get(u.path, { "Authorization" => "Bearer #{ENV.fetch("OPENAI_API_KEY")}" }) }',
  'puts "app: status #{r.code} #{JSON.parse(r.body)["error"]["code"]}"',
  'exit 6',
].join('\n');

/** Go's net/http: HTTPS_PROXY (never for loopback names: api.openai.test is not) and SSL_CERT_FILE. */
const GO_APP = `package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
)

func main() {
	fmt.Println("app: folder", filepath.Dir(os.Getenv("SSL_CERT_FILE")))
	req, _ := http.NewRequest("GET", "https://api.openai.test/v1/models", nil)
	req.Header.Set("Authorization", "Bearer "+os.Getenv("OPENAI_API_KEY"))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println("app: error", err)
		os.Exit(2)
	}
	var body struct{ Error struct{ Code string } }
	_ = json.NewDecoder(res.Body).Decode(&body)
	fmt.Println("app: status", res.StatusCode, body.Error.Code)
	os.Exit(8)
}
`;

/** Each app prints where its CA bundle's folder is, then calls the API and exits with its own code. */
const HTTPX_APP = `
import os, sys, httpx
print("app: folder", os.path.dirname(os.environ["SSL_CERT_FILE"]))
r = httpx.get("https://api.openai.test/v1/models", headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]})
print("app: status", r.status_code, r.json()["error"]["code"])
sys.exit(4)
`;

const AIOHTTP_APP = `
import asyncio, os, sys, aiohttp
print("app: folder", os.path.dirname(os.environ["SSL_CERT_FILE"]))
async def main():
    # No trust_env=True: aiohttp's default ignores the proxy variables; run's helper turns it on.
    async with aiohttp.ClientSession() as session:
        async with session.get("https://api.openai.test/v1/models", headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]}) as r:
            print("app: status", r.status, (await r.json())["error"]["code"])
asyncio.run(main())
sys.exit(5)
`;

/**
 * A Node app with four ways out: https.request on a CONNECT tunnel it opens itself and axios
 * (which honours HTTPS_PROXY) are seen by the preload and pass through the proxy (each must be
 * reported once); HTTP written by hand on TLS, and curl started by the app, only by the proxy.
 */
const NODE_APP = `import { createRequire } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import https from 'node:https';
import { execFileSync } from 'node:child_process';

const proxy = new URL(process.env.HTTPS_PROXY);
const key = process.env.OPENAI_API_KEY;
const tunnel = () =>
  new Promise((resolve, reject) => {
    const s = net.connect(Number(proxy.port), proxy.hostname, () =>
      s.write('CONNECT api.openai.test:443 HTTP/1.1\\r\\nHost: api.openai.test:443\\r\\n\\r\\n'),
    );
    let head = '';
    const onData = (c) => {
      head += c;
      if (!head.includes('\\r\\n\\r\\n')) return;
      s.off('data', onData);
      resolve(s);
    };
    s.on('data', onData);
    s.on('error', reject);
  });

// 1. https.request on a CONNECT tunnel of its own: seen by the preload, and by the proxy.
const s1 = await tunnel();
const status = await new Promise((resolve, reject) => {
  const req = https.request(
    {
      host: 'api.openai.test',
      port: 443,
      defaultPort: 443,
      path: '/v1/models',
      headers: { Authorization: \`Bearer \${key}\` },
      createConnection: () => tls.connect({ socket: s1, servername: 'api.openai.test' }),
    },
    (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    },
  );
  req.on('error', reject);
  req.end();
});
console.log('app: https.request', status);
s1.destroy();

// 2. axios, which honours HTTPS_PROXY (absolute-form https:// to the proxy): preload and proxy.
const axios = createRequire(process.env.AXIOS_FROM)('axios');
const answer = await axios
  .get('https://api.openai.test/v1/models', { headers: { Authorization: \`Bearer \${key}\` } })
  .catch((e) => e.response);
console.log('app: axios', answer.status);

// 3. HTTP written by hand on TLS through a tunnel: the preload cannot see it; the proxy does.
const t = tls.connect({ socket: await tunnel(), servername: 'api.openai.test' });
const raw = await new Promise((resolve, reject) => {
  let out = '';
  t.setEncoding('utf8');
  t.on('data', (c) => (out += c));
  t.on('end', () => resolve(out));
  t.on('error', reject);
  t.write(
    \`GET /v1/models HTTP/1.1\\r\\nHost: api.openai.test\\r\\nAuthorization: Bearer \${key}\\r\\nConnection: close\\r\\n\\r\\n\`,
  );
});
console.log('app: raw', raw.split(' ')[1]);

// 4. curl, started by the app: not Node, so only the proxy sees it.
const code = execFileSync(
  'curl',
  ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-H', \`Authorization: Bearer \${key}\`, 'https://api.openai.test/v1/models'],
  { encoding: 'utf8' },
);
console.log('app: curl', code);
process.exit(9);
`;

/** Go's caches and settings inside the test's temp folder: nothing written elsewhere, no network. */
const goEnv = (dir: string): Record<string, string> => ({
  GOCACHE: join(dir, 'go-cache'),
  GOPATH: join(dir, 'go-path'),
  GOFLAGS: '-mod=mod',
  GOPROXY: 'off',
  GOTOOLCHAIN: 'local',
});

const runCli = (args: string[], env: Record<string, string> = {}) => runOpenAiCli(KEY, args, env);

describe('why401 run -- <real clients>: through the forward proxy', () => {
  let api: OpenAi401;
  let map: string;
  let dir: string;
  let seen: OpenAi401['seen'] = [];

  beforeAll(async () => {
    api = await startOpenAi401(KEY);
    ({ map, seen } = api);
    dir = mkdtempSync(join(tmpdir(), 'why401-run-clients-'));
    writeFileSync(join(dir, 'httpx_app.py'), HTTPX_APP);
    writeFileSync(join(dir, 'aiohttp_app.py'), AIOHTTP_APP);
    writeFileSync(join(dir, 'main.go'), GO_APP);
    writeFileSync(join(dir, 'app.mjs'), NODE_APP);
    if (HAS_GO) {
      // Compiles the standard library's packages once into the test's own cache, so that each
      // `go run` below only links. No module, no network: the standard library only.
      const built = spawnSync('go', ['build', '-o', join(dir, 'go-app'), join(dir, 'main.go')], {
        env: { ...goEnv(dir), PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
        encoding: 'utf8',
      });
      if (built.status !== 0) throw new Error(`go build: ${built.stderr}`);
    }
  });

  afterAll(() => {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What every client's run must show: one call seen by the API, diagnosed, nothing left, no key. */
  const expectDiagnosed = (
    r: { code: number | null; stdout: string; stderr: string },
    code: number,
    where: string,
  ) => {
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout).toContain('app: status 401 invalid_api_key');
    expect(seen).toEqual([{ host: 'api.openai.test', auth: `Bearer ${KEY}` }]);
    const [call] = jsonLines(r.stderr);
    expect(call).toMatchObject({ status: 401, url: 'https://api.openai.test/v1/models' });
    expect(JSON.stringify(call)).toContain('credential.invalid');
    expect(r.stderr).toMatch(
      new RegExp(
        `exited with ${code} · watched through the forward proxy \\(HTTPS intercepted\\) · 1 call, 1 refused`,
      ),
    );
    const folder = /app: folder (\S+)/.exec(r.stdout)?.[1];
    expect(folder, r.stdout).toMatch(/why401-ca-/);
    expect(existsSync(folder ?? '/')).toBe(false);
    expectNoCredential(r.stdout + r.stderr, [KEY], where);
  };

  it.skipIf(!HAS_HTTPX)(
    'python3 + httpx (skipped when python3-httpx is not installed): diagnosed through the variables alone',
    async () => {
      seen.length = 0;
      const r = await runCli([
        'run',
        '--no-env',
        '--json',
        '--map',
        map,
        '--',
        PYTHON,
        join(dir, 'httpx_app.py'),
      ]);
      expectDiagnosed(r, 4, 'httpx run');
    },
  );

  it.skipIf(!HAS_AIOHTTP)(
    'python3 + aiohttp without trust_env (skipped when python3-aiohttp is not installed): the sitecustomize helper turns the proxy on',
    async () => {
      seen.length = 0;
      const r = await runCli([
        'run',
        '--no-env',
        '--json',
        '--map',
        map,
        '--',
        PYTHON,
        join(dir, 'aiohttp_app.py'),
      ]);
      expectDiagnosed(r, 5, 'aiohttp run');
    },
  );

  it.skipIf(!has(PYTHON, ['-c', '']))(
    'python3 (skipped without /usr/bin/python3): the user’s own sitecustomize still runs, and an app without aiohttp is untouched',
    async () => {
      const own = join(dir, 'own');
      rmSync(own, { recursive: true, force: true });
      spawnSync('mkdir', ['-p', own]);
      writeFileSync(join(own, 'sitecustomize.py'), 'import os\nos.environ["OWN_SITE"] = "ran"\n');
      const r = await runCli(
        [
          'run',
          '--no-env',
          '--',
          PYTHON,
          '-c',
          'import os, sys; print("app:", os.environ.get("OWN_SITE"), "aiohttp" in sys.modules, os.environ["PYTHONPATH"].split(os.pathsep)[1]); sys.exit(7)',
        ],
        { PYTHONPATH: own },
      );
      expect(r.code, r.stderr).toBe(7);
      expect(r.stdout.trim()).toBe(`app: ran False ${own}`);
    },
  );

  it.skipIf(!HAS_RUBY)(
    'ruby -rnet/http (skipped when ruby is not installed): diagnosed through https_proxy and SSL_CERT_FILE',
    async () => {
      seen.length = 0;
      const r = await runCli([
        'run',
        '--no-env',
        '--json',
        '--map',
        map,
        '--',
        'ruby',
        '-rnet/http',
        '-rjson',
        '-e',
        RUBY_APP,
      ]);
      expectDiagnosed(r, 6, 'ruby run');
    },
  );

  it.skipIf(!HAS_GO)(
    'go run (skipped when golang-go is not installed): diagnosed through HTTPS_PROXY and SSL_CERT_FILE',
    async () => {
      seen.length = 0;
      const r = await runCli(
        ['run', '--no-env', '--json', '--map', map, '--', 'go', 'run', join(dir, 'main.go')],
        goEnv(dir),
      );
      // go run ends with 1 when the program does not end with 0, and says the program's code.
      expect(r.stderr).toContain('exit status 8');
      expectDiagnosed(r, 1, 'go run');
    },
  );

  it.skipIf(!HAS_GO)(
    'a program run does not know by name (a Go binary; skipped without golang-go): the proxy sees it too',
    async () => {
      seen.length = 0;
      const r = await runCli([
        'run',
        '--no-env',
        '--json',
        '--map',
        map,
        '--',
        join(dir, 'go-app'),
      ]);
      expect(r.code, r.stderr).toBe(8);
      expect(r.stdout).toContain('app: status 401 invalid_api_key');
      expect(seen).toHaveLength(1);
      const [call] = jsonLines(r.stderr);
      expect(JSON.stringify(call)).toContain('credential.invalid');
      expect(r.stderr).toMatch(
        /exited with 8 · no Node process, watched through the forward proxy · 1 call, 1 refused/,
      );
      expect(existsSync(/app: folder (\S+)/.exec(r.stdout)?.[1] ?? '/')).toBe(false);
      expectNoCredential(r.stdout + r.stderr, [KEY], 'go binary run');
    },
  );

  it('node: the preload and the proxy together, each call reported once (https.request on its own tunnel, axios through HTTPS_PROXY, raw TLS, curl started by the app)', async () => {
    seen.length = 0;
    const r = await runCli(
      ['run', '--no-env', '--json', '--map', map, '--', 'node', join(dir, 'app.mjs')],
      {
        AXIOS_FROM: join(ROOT, 'package.json'),
      },
    );
    expect(r.code, r.stderr).toBe(9);
    expect(r.stdout).toBe('app: https.request 401\napp: axios 401\napp: raw 401\napp: curl 401\n');
    expect(seen).toHaveLength(4);
    expect(seen.map((s) => s.host)).toEqual(Array(4).fill('api.openai.test'));
    expect(seen.every((s) => s.auth === `Bearer ${KEY}`)).toBe(true);
    expectInvalidKeyCalls(r.stderr, 4);
    expect(r.stderr).toMatch(
      /exited with 9 · 1 Node process watched · 4 calls \(2 through the forward proxy\), 4 refused/,
    );
    expectNoCredential(r.stdout + r.stderr, [KEY], 'node run');
  });

  it('node: a CA the user trusts (NODE_EXTRA_CA_CERTS) is still trusted, in the run’s bundle with its own CA', async () => {
    const tls = selfSigned();
    const own = createHttpsServer(tls, (_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}');
    });
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    try {
      const caFile = join(dir, 'company-ca.pem');
      writeFileSync(caFile, tls.cert);
      const url = `https://127.0.0.1:${(own.address() as AddressInfo).port}/v1/models`;
      writeFileSync(
        join(dir, 'own-ca.mjs'),
        `const r = await fetch(${JSON.stringify(url)}, { headers: { authorization: 'Bearer ' + process.env.OPENAI_API_KEY } }).catch((e) => ({ status: String(e.cause?.code ?? e) }));\nconsole.log('app:', r.status, process.env.NODE_EXTRA_CA_CERTS === ${JSON.stringify(caFile)});\n`,
      );
      const r = await runCli(['run', '--no-env', '--json', '--', 'node', join(dir, 'own-ca.mjs')], {
        NODE_EXTRA_CA_CERTS: caFile,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('app: 401 false\n');
      expect(jsonLines(r.stderr)).toHaveLength(1);
      expectNoCredential(r.stdout + r.stderr, [KEY], 'own CA run');
    } finally {
      own.close();
    }
  });
});
