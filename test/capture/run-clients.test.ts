/**
 * `why401 run -- <real client>` through the intercepting forward proxy: Python's httpx and
 * aiohttp, Ruby's net/http, Go's net/http, each calling https://api.openai.test by name (mapped
 * with --map to a loopback server answering as OpenAI does to a wrong key). Each test asserts
 * the diagnosis, the app's own output and exit code, that no key is shown, and that the run's
 * private folder (CA bundle, helpers) is gone after. A client whose binary or library is not
 * installed is skipped, with the reason in the test's name.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { ROOT } from '../e2e/run-cli.js';
import { CLI, cleanEnv, expectNoCredential, jsonLines } from './support.js';

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

function runCli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: cleanEnv({ OPENAI_API_KEY: KEY, ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('why401 run -- <real clients>: through the forward proxy', () => {
  let api: Server;
  let map: string;
  let dir: string;
  const seen: { host: string | undefined; auth: string | undefined }[] = [];

  beforeAll(async () => {
    api = createServer((req, res) => {
      seen.push({ host: req.headers.host, auth: req.headers.authorization });
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            message: `Incorrect API key provided: sk-proj-****${KEY.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        }),
      );
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    map = `api.openai.test=http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'why401-run-clients-'));
    writeFileSync(join(dir, 'httpx_app.py'), HTTPX_APP);
    writeFileSync(join(dir, 'aiohttp_app.py'), AIOHTTP_APP);
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
});
