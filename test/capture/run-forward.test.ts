import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { ROOT } from '../e2e/run-cli.js';
import { CLI, cleanEnv, expectNoCredential, jsonLines } from './support.js';
import { runCli as runOpenAiCli, startOpenAi401, type OpenAi401 } from './openai-401.js';

/** An OpenAI-shaped key (random): the API refuses it as OpenAI does. */
const KEY = `sk-proj-${makeKey('', 48)}T3BlbkFJ${makeKey('', 48)}`;
const HAS_REQUESTS = spawnSync('/usr/bin/python3', ['-c', 'import requests']).status === 0;

/** The app: Python's requests, calling https://api.openai.test by name; tells where its CA bundle is. */
const PY_APP = `
import os, sys, stat, requests
bundle = os.environ["REQUESTS_CA_BUNDLE"]
folder = os.path.dirname(bundle)
print("app: ca folder", folder, oct(stat.S_IMODE(os.stat(folder).st_mode)))
r = requests.get("https://api.openai.test/v1/models", headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]})
print("app: status", r.status_code, r.json()["error"]["code"])
sys.exit(3)
`;

const runCli = (args: string[], env: Record<string, string> = {}) => runOpenAiCli(KEY, args, env);

describe('why401 run -- <not Node>: the intercepting forward proxy, with real clients', () => {
  let api: OpenAi401;
  let map: string;
  let dir: string;
  let seen: OpenAi401['seen'] = [];

  beforeAll(async () => {
    api = await startOpenAi401(KEY);
    ({ map, seen } = api);
    dir = mkdtempSync(join(tmpdir(), 'why401-run-forward-'));
    writeFileSync(join(dir, 'app.py'), PY_APP);
  });

  afterAll(() => {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('curl: the refused HTTPS call is diagnosed, the app’s output and exit code kept, no key shown', async () => {
    seen.length = 0;
    const r = await runCli([
      'run',
      '--no-env',
      '--json',
      '--map',
      map,
      '--',
      'curl',
      '-sS',
      '--fail-with-body',
      '-H',
      `Authorization: Bearer ${KEY}`,
      'https://api.openai.test/v1/models',
    ]);
    expect(r.code).toBe(22); // curl's own code for --fail-with-body on a 401
    expect(r.stdout).toContain('invalid_api_key');
    expect(seen).toEqual([{ host: 'api.openai.test', auth: `Bearer ${KEY}` }]);
    const [call] = jsonLines(r.stderr);
    expect(call).toMatchObject({ status: 401, url: 'https://api.openai.test/v1/models' });
    expect(JSON.stringify(call)).toContain('credential.invalid');
    expect(r.stderr).toMatch(
      /exited with 22 · watched through the forward proxy \(HTTPS intercepted\) · 1 call, 1 refused/,
    );
    expectNoCredential(r.stdout + r.stderr, [KEY], 'curl run');
  });

  it.skipIf(!HAS_REQUESTS)(
    'python3 + requests: diagnosed, exit code kept, the CA folder private and gone after',
    async () => {
      seen.length = 0;
      const r = await runCli([
        'run',
        '--no-env',
        '--map',
        map,
        '--',
        '/usr/bin/python3',
        join(dir, 'app.py'),
      ]);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('app: status 401 invalid_api_key');
      const folder = /app: ca folder (\S+) 0o700/.exec(r.stdout)?.[1];
      expect(folder, r.stdout).toBeDefined();
      expect(existsSync(folder ?? '/')).toBe(false);
      expect(r.stderr).toContain('credential.invalid');
      expect(r.stderr).toMatch(/GET api\.openai\.test\/v1\/models {2}401/);
      expect(seen).toHaveLength(1);
      expectNoCredential(r.stdout + r.stderr, [KEY], 'python run');
    },
  );

  it.skipIf(!HAS_REQUESTS)(
    'the CA folder is removed when why401 is stopped with SIGTERM during the command',
    async () => {
      const app = join(dir, 'sleepy.py');
      writeFileSync(
        app,
        'import os, sys, time\nprint(os.path.dirname(os.environ["SSL_CERT_FILE"]), flush=True)\ntime.sleep(30)\n',
      );
      const child = spawn(
        process.execPath,
        [CLI, 'run', '--no-env', '--', '/usr/bin/python3', app],
        {
          cwd: ROOT,
          env: cleanEnv(),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      const folder = await new Promise<string>((resolve) =>
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          if (out.includes('\n')) resolve(out.trim());
        }),
      );
      expect(statSync(folder).isDirectory()).toBe(true);
      expect(existsSync(join(folder, 'bundle.pem'))).toBe(true);
      const code = await new Promise<number | null>((resolve) => {
        child.once('close', resolve);
        child.kill('SIGTERM');
      });
      expect(code).toBe(143); // the command's: 128 + SIGTERM
      expect(existsSync(folder)).toBe(false);
      expect(existsSync(dirname(folder))).toBe(true);
    },
  );

  it('each command gets only the set-up it needs: not Node, no FIFO; Node with a proxy of its own, no CA nor proxy', async () => {
    const tmp = join(dir, 'tmp-setup');
    rmSync(tmp, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', tmp]);
    // What the command finds in TMPDIR (folder names without their random tail) and its
    // environment while it runs; perl is not Node, by name.
    writeFileSync(
      join(dir, 'look.pl'),
      String.raw`opendir(my $d, $ENV{TMPDIR}); my @n = sort map { s/-\w+$//r } grep { !/^\./ } readdir $d;
print join("|", $ENV{WHY401_RUN_FIFO} // "", $ENV{JAVA_TOOL_OPTIONS} // "", join(",", @n)), "
";`,
    );
    const look = String.raw`const fs = require('fs'); console.log(JSON.stringify({ tmp: fs.readdirSync(process.env.TMPDIR).map((n) => n.replace(/-\w+$/, '')).sort(), fifo: process.env.WHY401_RUN_FIFO !== undefined, proxy: process.env.HTTPS_PROXY, java: process.env.JAVA_TOOL_OPTIONS ?? null }))`;
    const perl = await runCli(['run', '--no-env', '--', 'perl', join(dir, 'look.pl')], {
      TMPDIR: tmp,
    });
    expect(perl.code, perl.stderr).toBe(0);
    const [fifo, java, folders] = perl.stdout.trim().split('|');
    expect(fifo).toBe(''); // not Node: no preload, no FIFO, no poll
    expect(java).toContain('-Djavax.net.ssl.trustStore=');
    expect(folders).toBe('why401-ca');

    const node = await runCli(['run', '--no-env', '--', process.execPath, '-e', look], {
      TMPDIR: tmp,
      HTTPS_PROXY: 'http://proxy.example.test:3128',
    });
    expect(node.code, node.stderr).toBe(0);
    expect(JSON.parse(node.stdout)).toEqual({
      tmp: ['why401-run'], // the FIFO's folder only: no CA, no bundle, no proxy
      fifo: true,
      proxy: 'http://proxy.example.test:3128',
      java: null,
    });
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('--no-intercept-tls: a CONNECT is tunnelled untouched, and nothing is seen', async () => {
    seen.length = 0;
    const r = await runCli([
      'run',
      '--no-env',
      '--no-intercept-tls',
      '--map',
      map,
      '--',
      'curl',
      '-sS',
      '--proxytunnel',
      'http://api.openai.test:443/v1/models',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('invalid_api_key');
    expect(seen).toHaveLength(1);
    expect(r.stderr).toContain('(HTTPS tunnelled, not seen) · 0 calls, 0 refused');
  });
});
