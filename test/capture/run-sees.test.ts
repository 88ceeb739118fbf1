/**
 * `why401 run` sees what really happened (issue 14, item 7): calls through an HTTP forward proxy
 * (absolute-form targets: the URL is the API's, not the proxy's), calls from worker threads, a
 * redirect to a login page that fetch followed, a 200 whose body is an auth error, and a refusal
 * repeated many times (one line and a count; --log keeps every call).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { ROOT } from '../e2e/run-cli.js';
import { hasBinary, startSquidStripper, type Layer } from '../support/layers.js';
import {
  CLI,
  cleanEnv,
  expectNoCredential,
  jsonLines,
  startOrigin,
  type Origin,
} from './support.js';

const KEY = makeKey('t0k-', 40);
const WRONG = makeKey('t0k-', 40);

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: cleanEnv({ NODE_NO_WARNINGS: '1', ...env }),
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

const why401Lines = (stderr: string) =>
  stderr.split('\n').filter((l) => l.startsWith('why401: ') && !l.startsWith('why401: run:'));

describe('why401 run sees what really happened', () => {
  let api: Origin;
  let dir: string;
  beforeAll(async () => {
    api = await startOrigin((req, res) => {
      const url = req.url ?? '/';
      const auth = req.headers['authorization'];
      if (url === '/login') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          '<html><body><form method="post" action="/login"><input name="user"><input type="password" name="pw"></form></body></html>',
        );
      } else if (url.startsWith('/sso/')) {
        // a gateway in front: no valid key, off to the sign-in page
        if (auth === `Bearer ${KEY}`) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"data":[]}');
        } else {
          res.writeHead(302, { location: '/login' });
          res.end();
        }
      } else if (url.startsWith('/gz/')) {
        // Slack style again, gzip-encoded and large: the head is read, not the whole body
        const ok = auth === `Bearer ${KEY}`;
        const body = JSON.stringify({
          ok,
          ...(ok ? {} : { error: 'invalid_auth' }),
          members: Array.from({ length: 20_000 }, (_, i) => ({ id: `U${i}`, name: `user ${i}` })),
        });
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(body));
      } else if (url.startsWith('/api/')) {
        // Slack style: every answer is a 200, the body says whether it worked
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          auth === `Bearer ${KEY}`
            ? '{"ok":true,"channels":[]}'
            : '{"ok":false,"error":"invalid_auth"}',
        );
      } else if (auth === `Bearer ${KEY}`) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":[]}');
      } else {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
        res.end(
          JSON.stringify({
            error: { message: auth ? 'Invalid API key.' : 'No API key provided.' },
          }),
        );
      }
    });
    dir = mkdtempSync(join(tmpdir(), 'why401-run-sees-'));
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const app = (name: string, source: string) => {
    const path = join(dir, name);
    writeFileSync(path, source);
    return path;
  };

  describe.skipIf(!hasBinary('squid'))('through a forward proxy (squid)', () => {
    let squid: Layer;
    beforeAll(async () => {
      squid = await startSquidStripper();
    }, 30_000);
    afterAll(async () => {
      await squid?.stop();
    });

    it('reports a call sent in absolute form (as axios does with HTTP_PROXY) with the API URL', async () => {
      // What an HTTP_PROXY-aware client sends: the request to the proxy, the target in the path.
      const path = app(
        'proxied.mjs',
        `
import http from 'node:http';
const proxy = new URL(process.env.HTTP_PROXY);
const target = new URL('/v1/models', process.env.API_BASE);
const status = await new Promise((resolve, reject) => {
  http.get({ host: proxy.hostname, port: proxy.port, path: target.href,
    headers: { host: target.host, authorization: 'Bearer ' + process.env.GOOD_KEY } }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  }).on('error', reject);
});
console.log('app: via proxy', status);
`,
      );
      const log = join(dir, 'proxied.jsonl');
      const result = await runCli(['run', '--log', log, '--', process.execPath, path], {
        API_BASE: api.origin,
        HTTP_PROXY: squid.url,
        GOOD_KEY: KEY,
      });
      expect(result.stdout).toBe('app: via proxy 401\n'); // squid drops Authorization
      expect(result.code).toBe(0);
      const lines = why401Lines(result.stderr);
      expect(lines).toHaveLength(1);
      // The user's own proxy: no forward proxy of run's, so calls are shown by path.
      expect(lines[0]).toMatch(/GET \/v1\/models {2}401 .*[Aa]uthorization: Bearer …\w{4}/);
      const [record] = jsonLines(readFileSync(log, 'utf8'));
      expect(record?.['url']).toBe(`${api.origin}/v1/models`);
      expect(result.stderr).toMatch(/1 call, 1 refused/);
      expectNoCredential(result.stderr + result.stdout, [KEY], 'output');
    });
  });

  it('reports calls made in worker threads, one with an environment of its own too', async () => {
    app(
      'worker.mjs',
      `
const res = await fetch(process.env.API_BASE + '/v1/models', {
  headers: { authorization: 'Bearer ' + process.env.BAD_KEY },
});
await res.text();
const http = await import('node:http');
await new Promise((resolve) => http.get(process.env.API_BASE + '/v1/models', (r) => { r.resume(); r.on('end', resolve); }));
`,
    );
    const main = app(
      'threads.mjs',
      `
import { Worker } from 'node:worker_threads';
// A worker given an environment of its own (only what it needs): the FIFO's name is not in it.
const env = { API_BASE: process.env.API_BASE, BAD_KEY: process.env.BAD_KEY };
const worker = new Worker(new URL('./worker.mjs', import.meta.url), { env });
await new Promise((resolve, reject) => { worker.once('exit', resolve); worker.once('error', reject); });
console.log('app: worker done');
`,
    );
    const result = await runCli(['run', '--', process.execPath, main], {
      API_BASE: api.origin,
      BAD_KEY: WRONG,
    });
    expect(result.stdout).toBe('app: worker done\n');
    const lines = why401Lines(result.stderr);
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toMatch(
      /GET 127\.0\.0\.1:\d+\/v1\/models {2}401 .*[Aa]uthorization: Bearer …\w{4}/,
    );
    expect(lines.join('\n')).toMatch(/GET 127\.0\.0\.1:\d+\/v1\/models {2}401 .*no credential/);
    expect(result.stderr).toMatch(
      /1 Node process \(and 1 worker thread\) watched · 2 calls, 2 refused/,
    );
    expectNoCredential(result.stderr, [WRONG], 'output');
  });

  it('reports a redirect to a sign-in page as status.login-redirect, followed or not', async () => {
    const path = app(
      'login.mjs',
      `
import http from 'node:http';
const res = await fetch(process.env.API_BASE + '/sso/v1/items', {
  headers: { authorization: 'Bearer ' + process.env.BAD_KEY, accept: 'application/json' },
});
console.log('app: fetch', res.status, res.redirected, (await res.text()).length > 0);
const status = await new Promise((resolve) => http.get(process.env.API_BASE + '/sso/v2/items',
  { headers: { authorization: 'Bearer ' + process.env.BAD_KEY } }, (r) => { r.resume(); r.on('end', () => resolve(r.statusCode)); }));
console.log('app: http', status);
const manual = await fetch(process.env.API_BASE + '/sso/v3/items', { redirect: 'manual',
  headers: { authorization: 'Bearer ' + process.env.BAD_KEY } });
console.log('app: manual', manual.status);
const good = await fetch(process.env.API_BASE + '/sso/v1/items', {
  headers: { authorization: 'Bearer ' + process.env.GOOD_KEY } });
console.log('app: good', good.status, await good.text());
`,
    );
    const log = join(dir, 'login.jsonl');
    const result = await runCli(['run', '--log', log, '--', process.execPath, path], {
      API_BASE: api.origin,
      BAD_KEY: WRONG,
      GOOD_KEY: KEY,
    });
    expect(result.stdout).toBe(
      'app: fetch 200 true true\napp: http 302\napp: manual 302\napp: good 200 {"data":[]}\n',
    );
    const lines = why401Lines(result.stderr);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /GET 127\.0\.0\.1:\d+\/sso\/v1\/items {2}200 .*✖ status\.login-redirect/,
    );
    expect(lines[1]).toMatch(
      /GET 127\.0\.0\.1:\d+\/sso\/v2\/items {2}302 .*✖ status\.login-redirect/,
    );
    expect(lines[2]).toMatch(
      /GET 127\.0\.0\.1:\d+\/sso\/v3\/items {2}302 .*✖ status\.login-redirect/,
    );
    const records = jsonLines(readFileSync(log, 'utf8'));
    expect(records.map((r) => r['url'])).toEqual([
      `${api.origin}/sso/v1/items`,
      `${api.origin}/sso/v2/items`,
      `${api.origin}/sso/v3/items`,
    ]);
    expect(result.stderr).toMatch(/4 calls, 3 refused: status\.login-redirect ×3/);
    expectNoCredential(result.stderr + readFileSync(log, 'utf8'), [KEY, WRONG], 'output');
  });

  it('reports a 200 whose body is an auth error ({"ok":false,"error":"invalid_auth"})', async () => {
    const path = app(
      'slack.mjs',
      `
import http from 'node:http';
const res = await fetch(process.env.API_BASE + '/api/conversations.list', {
  headers: { authorization: 'Bearer ' + process.env.BAD_KEY } });
console.log('app: fetch', res.status, await res.text());
const body = await new Promise((resolve) => http.get(process.env.API_BASE + '/api/users.list',
  { headers: { authorization: 'Bearer ' + process.env.BAD_KEY } }, (r) => {
    let b = ''; r.setEncoding('utf8'); r.on('data', (c) => (b += c)); r.on('end', () => resolve(b)); }));
console.log('app: http', body);
const good = await fetch(process.env.API_BASE + '/api/conversations.list', {
  headers: { authorization: 'Bearer ' + process.env.GOOD_KEY } });
console.log('app: good', await good.text());
`,
    );
    const result = await runCli(['run', '--provider', 'slack', '--', process.execPath, path], {
      API_BASE: api.origin,
      BAD_KEY: WRONG,
      GOOD_KEY: KEY,
    });
    expect(result.stdout).toBe(
      'app: fetch 200 {"ok":false,"error":"invalid_auth"}\napp: http {"ok":false,"error":"invalid_auth"}\napp: good {"ok":true,"channels":[]}\n',
    );
    const lines = why401Lines(result.stderr);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/GET 127\.0\.0\.1:\d+\/api\/conversations\.list {2}200 .*✖ /);
    expect(lines[1]).toMatch(/GET 127\.0\.0\.1:\d+\/api\/users\.list {2}200 .*✖ /);
    expect(result.stderr).toMatch(/3 calls, 2 refused/);
    expectNoCredential(result.stderr, [KEY, WRONG], 'output');
  });

  it('reads the head of a large gzip 200: the auth error in it is seen, a good answer is not reported', async () => {
    const path = app(
      'gzip.mjs',
      `
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
const get = (key) => new Promise((resolve) => http.get(process.env.API_BASE + '/gz/users.list',
  { headers: { authorization: 'Bearer ' + key } }, (r) => {
    const chunks = []; r.on('data', (c) => chunks.push(c));
    r.on('end', () => resolve(JSON.parse(gunzipSync(Buffer.concat(chunks))).ok)); }));
console.log('app: bad', await get(process.env.BAD_KEY));
console.log('app: good', await get(process.env.GOOD_KEY));
`,
    );
    const result = await runCli(['run', '--provider', 'slack', '--', process.execPath, path], {
      API_BASE: api.origin,
      BAD_KEY: WRONG,
      GOOD_KEY: KEY,
    });
    expect(result.stdout).toBe('app: bad false\napp: good true\n');
    const lines = why401Lines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/GET 127\.0\.0\.1:\d+\/gz\/users\.list {2}200 .*✖ /);
    expect(result.stderr).toMatch(/2 calls, 1 refused/);
    expectNoCredential(result.stderr, [KEY, WRONG], 'output');
  });

  it('prints a refusal repeated the same way once, then a count; --log keeps every call', async () => {
    const path = app(
      'retry.mjs',
      `
for (let i = 0; i < 60; i++) {
  const res = await fetch(process.env.API_BASE + '/v1/models', {
    headers: { authorization: 'Bearer ' + process.env.BAD_KEY } });
  await res.text();
}
const other = await fetch(process.env.API_BASE + '/v1/other');
await other.text();
console.log('app: gave up');
`,
    );
    const log = join(dir, 'retry.jsonl');
    const result = await runCli(['run', '--log', log, '--', process.execPath, path], {
      API_BASE: api.origin,
      BAD_KEY: WRONG,
    });
    expect(result.stdout).toBe('app: gave up\n');
    const lines = why401Lines(result.stderr);
    const full = lines.filter((l) => l.includes('✖'));
    expect(full).toHaveLength(2); // the retried call once, the other call once
    expect(full[0]).toMatch(/GET 127\.0\.0\.1:\d+\/v1\/models {2}401 /);
    expect(full[1]).toMatch(/GET 127\.0\.0\.1:\d+\/v1\/other {2}401 /);
    const counts = lines.filter((l) => / ×\d+ since \d\d:\d\d:\d\d, same cause: /.test(l));
    expect(counts.length).toBeGreaterThanOrEqual(1);
    expect(counts.at(-1)).toMatch(
      /GET 127\.0\.0\.1:\d+\/v1\/models {2}401 {2}×60 since \d\d:\d\d:\d\d, same cause: credential\.invalid/,
    );
    expect(lines.length).toBeLessThan(20);
    expect(jsonLines(readFileSync(log, 'utf8'))).toHaveLength(61);
    expect(result.stderr).toMatch(/61 calls, 61 refused/);
  });
});
