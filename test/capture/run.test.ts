import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { ROOT } from '../e2e/run-cli.js';
import { CLI, cleanEnv, expectNoCredential, jsonLines } from './support.js';
import { startHttpsOrigin } from './tls.js';

const KEY = makeKey('t0k-', 40);
const WRONG = makeKey('t0k-', 40);

/** The app under test: https.request and fetch against a self-signed loopback API. */
const APP = `
import https from 'node:https';
const base = process.env.API_BASE;
const get = (path, headers) => new Promise((resolve, reject) => {
  https.get(base + path, { headers, rejectUnauthorized: false }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => resolve(res.statusCode));
  }).on('error', reject);
});
console.log('app: good key', await get('/v1/models', { Authorization: 'Bearer ' + process.env.GOOD_KEY }));
console.log('app: bad key', await get('/v1/models', { Authorization: 'Bearer ' + process.env.BAD_KEY }));
const res = await fetch(base + '/v1/models');
await res.text();
console.log('app: fetch without key', res.status);
process.exitCode = 7;
`;

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: cleanEnv(env),
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

describe('why401 run -- <command>', () => {
  let api: Awaited<ReturnType<typeof startHttpsOrigin>>;
  let dir: string;
  beforeAll(async () => {
    api = await startHttpsOrigin((req, res) => {
      const auth = req.headers['authorization'];
      if (auth === `Bearer ${KEY}`) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":[]}');
        return;
      }
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
      res.end(
        JSON.stringify({ error: { message: auth ? 'Invalid API key.' : 'No API key provided.' } }),
      );
    });
    dir = mkdtempSync(join(tmpdir(), 'why401-run-test-'));
    writeFileSync(join(dir, 'app.mjs'), APP);
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports each refused call of a Node app (https and fetch), keeps its output and exit code', async () => {
    const log = join(dir, 'run.jsonl');
    const result = await runCli(
      ['run', '--log', log, '--', process.execPath, join(dir, 'app.mjs')],
      {
        API_BASE: api.origin,
        GOOD_KEY: KEY,
        BAD_KEY: WRONG,
        NODE_TLS_REJECT_UNAUTHORIZED: '0', // for fetch; https.get passes rejectUnauthorized: false
        NODE_NO_WARNINGS: '1',
      },
    );
    expect(result.code).toBe(7);
    expect(result.stdout).toBe('app: good key 200\napp: bad key 401\napp: fetch without key 401\n');
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('why401: '));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /GET 127\.0\.0\.1:\d+\/v1\/models {2}401 .*Authorization: Bearer …\w{4} .*✖ credential\.invalid/,
    );
    expect(lines[1]).toMatch(
      /GET 127\.0\.0\.1:\d+\/v1\/models {2}401 .*no credential .*✖ header\.missing/,
    );
    expect(result.stderr).toMatch(/exited with 7 · 1 Node process watched · 3 calls, 2 refused/);
    const records = jsonLines((await import('node:fs')).readFileSync(log, 'utf8'));
    expect(records.map((r) => (r['verdict'] as { cause: string }).cause)).toEqual([
      'credential.invalid',
      'header.missing',
    ]);
    const body = (records[1]?.['exchange'] as { response: { body: string } }).response.body;
    expect(body).toContain('No API key provided'); // fetch's answer body, read from a clone
    expectNoCredential(result.stderr + result.stdout, [KEY, WRONG], 'output');
  });

  it('says what was watched when a command not known by name makes no call, and keeps the exit code', async () => {
    const result = await runCli(['run', '--', 'sh', '-c', 'exit 4'], {});
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      '`sh -c exit 4` exited with 4 · watched through the forward proxy (HTTPS intercepted) and a Node.js preload · no call seen.',
    );
    expect(result.stderr).not.toContain('no Node.js process started');
  });

  it('with the user’s own proxy (no forward proxy), says what it cannot see when no Node process starts', async () => {
    const result = await runCli(['run', '--', 'sh', '-c', 'exit 4'], {
      HTTPS_PROXY: 'http://127.0.0.1:9',
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('no Node.js process started under it');
    expect(result.stderr).toContain('why401 capture --forward');
    expect(result.stderr).toContain('why401 run -- python3 app.py');
  });

  it('refuses a missing command as a usage error', async () => {
    const result = await runCli(['run', '--'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run needs a command');
  });
});
