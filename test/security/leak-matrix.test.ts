/**
 * The leak matrix (issue 13): every place a credential can be — listed and invented header names,
 * query parameters, path segments, userinfo, proxy URL, form and JSON body fields, a cookie —
 * crossed with every output channel (human, --json, --curl, stderr, capture's lines, --log, echo,
 * run) and every command that sends or watches requests. For each: a fresh canary, and
 *  - no output holds 9 consecutive characters of it, in any form it travels in (as is,
 *    percent-encoded, base64, hex), nor in the output with invisible characters removed and
 *    percent-escapes decoded;
 *  - no request that reaches a second origin (the one a 307 points at) carries it, in its head
 *    or its body.
 * The API answers 401 with every header, the URL and the body echoed back: a server that repeats
 * the key is the common case, not the exotic one.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, CLI, send, startCli } from '../capture/support.js';
import { ROOT } from '../e2e/run-cli.js';
import { describeRun, why401 } from './run.js';

/** A canary no provider's shape matches, random each time (never a real key). */
const canary = () => `Cn${randomBytes(21).toString('base64url')}`;

interface Recorder {
  readonly origin: string;
  /** Each request's head and body as text: what a leak test searches. */
  readonly seen: string[];
  stop(): Promise<void>;
}

async function recorder(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const head = [`${req.method ?? ''} ${req.url ?? ''}`];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        head.push(`${req.rawHeaders[i] ?? ''}: ${req.rawHeaders[i + 1] ?? ''}`);
      seen.push(`${head.join('\n')}\n\n${body}`);
      handle(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  } satisfies Recorder;
}

/** 401 with everything that arrived echoed back, as is and percent-encoded. */
function echoing(req: IncomingMessage, res: ServerResponse, body: string): void {
  const said = `${req.url ?? ''} ${JSON.stringify(req.headers)} ${body}`;
  res.writeHead(401, {
    'content-type': 'application/json',
    'www-authenticate': 'Bearer realm="api", error="invalid_token"',
    'x-echo': encodeURIComponent(said).slice(0, 4000),
  });
  res.end(JSON.stringify({ error: { message: `Invalid credentials: ${said}` }, raw: said }));
}

/** The forms a key travels in; a 9-character run of any of them is a leak. */
function forms(key: string): string[] {
  return [
    key,
    encodeURIComponent(key),
    Buffer.from(key).toString('base64'),
    Buffer.from(key).toString('hex'),
  ];
}

function views(text: string): string[] {
  const visible = text.replace(
    /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2060\ufeff]/g,
    '',
  );
  let decoded = visible;
  try {
    decoded = decodeURIComponent(visible.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  } catch {
    // a stray escape: the raw text is searched
  }
  return [text, visible, decoded];
}

function leaksIn(text: string, keys: readonly string[]): string[] {
  const found: string[] = [];
  for (const key of keys)
    for (const form of forms(key))
      for (const view of views(text))
        for (let i = 0; i + 9 <= form.length; i++)
          if (view.includes(form.slice(i, i + 9))) {
            found.push(`${form === key ? 'raw' : 'encoded'} run at ${i}: ${form.slice(i, i + 9)}`);
            break;
          }
  return [...new Set(found)];
}

/** A place a credential can be, for `check` and `curl`: how the command line puts it there. */
interface Place {
  readonly name: string;
  /** The canaries this place uses (two for "a stale parameter beside a new header"). */
  readonly keys: number;
  readonly check: (
    k: readonly string[],
    url: string,
  ) => { args: string[]; env?: Record<string, string> };
}

const header = (name: string, scheme = ''): Place => ({
  name: `header ${name}`,
  keys: 1,
  check: ([k], url) => ({ args: [url, '-H', `${name}: ${scheme}${k}`] }),
});

const query = (name: string, prefix = ''): Place => ({
  name: `query ?${name}=`,
  keys: 1,
  check: ([k], url) => ({ args: [`${url}?limit=10&${name}=${prefix}${k}`] }),
});

const PLACES: readonly Place[] = [
  {
    name: '--key-env (placed as Bearer)',
    keys: 1,
    check: ([k], url) => ({ args: [url, '--key-env', 'API_KEY'], env: { API_KEY: k ?? '' } }),
  },
  header('Authorization', 'Bearer '),
  header('x-api-key'),
  header('X-Custom-Key'),
  header('X-RapidAPI-Key'),
  header('X-Appwrite-Key'),
  header('X-Master-Key'),
  header('X-Shop-Pass'),
  header('X-Tenant'), // a name that says nothing: the value's shape decides
  header('Cookie', 'session='),
  {
    name: 'header Authorization: Basic user:key',
    keys: 1,
    check: ([k], url) => ({
      args: [
        url,
        '-H',
        `Authorization: Basic ${Buffer.from(`dev@acme.dev:${k}`).toString('base64')}`,
      ],
    }),
  },
  query('api_key'),
  query('private_token', 'glpat-'),
  query('client_secret'),
  query('API_KEY'),
  query('Key'),
  query('api_token'),
  query('access-token'),
  query('password'),
  query('sig'),
  query('X-Amz-Signature'),
  query('accessCode'),
  {
    name: 'a stale ?api_key= beside a new x-api-key header',
    keys: 2,
    check: ([a, b], url) => ({ args: [`${url}?api_key=${a}`, '-H', `x-api-key: ${b}`] }),
  },
  {
    name: 'a bot token in the path beside a header key',
    keys: 2,
    check: ([a, b], url) => ({
      args: [`${url}/bot123456789:${a}/getMe`, '-H', `Authorization: Bearer ${b}`],
    }),
  },
  {
    name: 'a key-shaped path segment',
    keys: 1,
    check: ([k], url) => ({ args: [`${url}/hooks/${k}/run`] }),
  },
  {
    name: 'userinfo password',
    keys: 1,
    check: ([k], url) => ({ args: [url.replace('http://', `http://deploy:${k}@`)] }),
  },
  {
    name: 'a form body field',
    keys: 1,
    check: ([k], url) => ({
      args: [url, '-X', 'POST', '-d', `grant_type=client_credentials&client_secret=${k}`],
    }),
  },
  {
    name: 'a JSON body field of an invented name',
    keys: 1,
    check: ([k], url) => ({
      args: [url, '-X', 'POST', '-d', `{"model":"m1","accessPhrase":"${k}"}`],
    }),
  },
];

const keysFor = (p: Place) => Array.from({ length: p.keys }, canary);

let api: Recorder;
let other: Recorder;

beforeAll(async () => {
  other = await recorder(echoing);
  api = await recorder((req, res, body) => {
    // Every path under /hop/ moves to the other origin with a 307: the method and body stay.
    if (req.url?.startsWith('/hop')) {
      res.writeHead(307, { location: `${other.origin}${req.url}`, 'content-length': '0' });
      res.end();
      return;
    }
    echoing(req, res, body);
  });
});

afterAll(async () => {
  await api.stop();
  await other.stop();
});

/** Nothing another origin received holds any canary of this case. */
function expectOtherOriginClean(keys: readonly string[], from: number): void {
  for (const raw of other.seen.slice(from)) expect(leaksIn(raw, keys), raw).toEqual([]);
}

describe.concurrent('check: every place × human, --curl, --json × direct and across a 307', () => {
  for (const place of PLACES)
    for (const path of ['/v1/items', '/hop/v1/items'])
      for (const mode of [['--curl'], ['--json']])
        it(`${place.name} · ${path.startsWith('/hop') ? 'redirected' : 'direct'} · ${mode[0]}`, async () => {
          const keys = keysFor(place);
          const given = place.check(keys, `${api.origin}${path}`);
          const run = await why401(
            ['check', ...given.args, ...mode, '--timeout', '3000', '--probe-unsafe'],
            { env: given.env ?? {} },
          );
          expect(run.killed, describeRun(run)).toBe(false);
          expect(leaksIn(`${run.stdout}\n${run.stderr}`, keys), describeRun(run)).toEqual([]);
          expect(other.seen.every((raw) => leaksIn(raw, keys).length === 0)).toBe(true);
          expectOtherOriginClean(keys, 0);
        });
});

describe.concurrent('curl: a pasted command line, every place it can take', () => {
  const CURL: readonly { name: string; args: (k: string, url: string) => string[] }[] = [
    { name: '-H Authorization', args: (k, u) => ['-H', `Authorization: Bearer ${k}`, u] },
    { name: '-H X-Custom-Key', args: (k, u) => ['-H', `X-Custom-Key: ${k}`, u] },
    { name: '-u user:key', args: (k, u) => ['-u', `deploy:${k}`, u] },
    { name: '?private_token=', args: (k, u) => [`${u}?private_token=${k}`] },
    {
      name: '-d client_secret= (POST)',
      args: (k, u) => ['-X', 'POST', u, '-d', `client_secret=${k}`],
    },
    { name: '-d JSON secret', args: (k, u) => [u, '-d', `{"secret":"${k}"}`] },
    { name: '-b cookie', args: (k, u) => ['-b', `sid=${k}`, u] },
  ];
  for (const c of CURL)
    for (const path of ['/v1/items', '/hop/token'])
      it(`${c.name} · ${path}`, async () => {
        const k = canary();
        const run = await why401(['curl', '--', 'curl', ...c.args(k, `${api.origin}${path}`)]);
        expect(run.killed, describeRun(run)).toBe(false);
        expect(leaksIn(`${run.stdout}\n${run.stderr}`, [k]), describeRun(run)).toEqual([]);
        expectOtherOriginClean([k], 0);
      });
});

describe.concurrent('a key given where a name, a URL or a header name belongs', () => {
  const CASES: readonly { name: string; args: (k: string, url: string) => string[] }[] = [
    { name: '--key-env KEY', args: (k, u) => ['check', u, '--key-env', k] },
    { name: '--provider KEY', args: (k, u) => ['check', u, '--provider', k, '--key', 'x'] },
    { name: 'check KEY (as the URL)', args: (k) => ['check', k] },
    { name: 'a header named as the key', args: (k, u) => ['check', u, '-H', `${k}: 1`] },
    {
      name: 'a URL password holding a slash',
      args: (k) => ['check', `http://u:${k}/x@127.0.0.1:1/`],
    },
    {
      name: 'a proxy URL password',
      args: (k, u) => ['check', u, '--proxy', `http://u:${k}@127.0.0.1:1`],
    },
    { name: 'explain KEY', args: (k) => ['explain', k] },
    { name: 'providers KEY', args: (k) => ['providers', k] },
    { name: 'an unknown command', args: (k) => [k] },
  ];
  for (const c of CASES)
    it(c.name, async () => {
      const k = canary();
      const run = await why401([...c.args(k, `${api.origin}/v1/items`), '--timeout', '2000']);
      expect(run.killed, describeRun(run)).toBe(false);
      expect(leaksIn(`${run.stdout}\n${run.stderr}`, [k]), describeRun(run)).toEqual([]);
    });
});

describe('capture, echo and run: the lines, --json, --log', () => {
  /** What an app sends, each with its canaries: one request per place. */
  const appCalls = (url: string) =>
    PLACES.filter((p) => p.keys === 1 && !p.name.startsWith('--key-env')).map((p) => {
      const k = canary();
      const given = p.check([k], url).args;
      const headers: [string, string][] = [];
      let target = given[0] ?? url;
      let method = 'GET';
      let body: string | undefined;
      for (let i = 1; i < given.length; i += 2) {
        const [flag, value] = [given[i], given[i + 1] ?? ''];
        if (flag === '-H')
          headers.push([value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 2)]);
        if (flag === '-X') method = value;
        if (flag === '-d') body = value;
      }
      target = target.replace(/^http:\/\/deploy:[^@]+@/, 'http://');
      if (p.name === 'userinfo password')
        headers.push(['Authorization', `Basic ${Buffer.from(`deploy:${k}`).toString('base64')}`]);
      return { name: p.name, key: k, target, method, headers, body };
    });

  it('capture: no line, --json line or --log line shows any of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'why401-matrix-'));
    const log = join(dir, 'calls.jsonl');
    const capture = await startCli([
      'capture',
      '--target',
      api.origin,
      '--port',
      '0',
      '--json',
      '--log',
      log,
    ]);
    try {
      const calls = appCalls(capture.origin);
      for (const c of calls)
        await send(c.target, {
          method: c.method,
          headers: c.headers,
          ...(c.body ? { body: c.body } : {}),
        });
      await capture.lines(calls.length, (l) => l.startsWith('{'));
      const { stdout, stderr } = await capture.stop('SIGINT');
      const keys = calls.map((c) => c.key);
      expect(leaksIn(`${stdout}\n${stderr}`, keys)).toEqual([]);
      expect(leaksIn(readFileSync(log, 'utf8'), keys)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('capture, human lines', async () => {
    const capture = await startCli(['capture', '--target', api.origin, '--port', '0']);
    const calls = appCalls(capture.origin);
    for (const c of calls)
      await send(c.target, {
        method: c.method,
        headers: c.headers,
        ...(c.body ? { body: c.body } : {}),
      });
    const { stdout, stderr } = await capture.stop('SIGINT');
    expect(
      leaksIn(
        `${stdout}\n${stderr}`,
        calls.map((c) => c.key),
      ),
    ).toEqual([]);
  });

  it('capture --target with a bot token in its path', async () => {
    const k = canary();
    const capture = await startCli([
      'capture',
      '--target',
      `${api.origin}/bot123456789:${k}`,
      '--port',
      '0',
    ]);
    await send(`${capture.origin}/getMe`);
    const { stdout, stderr } = await capture.stop('SIGINT');
    expect(leaksIn(`${stdout}\n${stderr}`, [k])).toEqual([]);
  });

  it('echo: every place, human and --json', async () => {
    for (const mode of [[], ['--json']]) {
      const echo = await startCli(['echo', '--port', '0', ...mode]);
      const calls = appCalls(echo.origin);
      for (const c of calls)
        await send(c.target, {
          method: c.method,
          headers: c.headers,
          ...(c.body ? { body: c.body } : {}),
        });
      const { stdout, stderr } = await echo.stop('SIGINT');
      expect(
        leaksIn(
          `${stdout}\n${stderr}`,
          calls.map((c) => c.key),
        ),
        mode.join(' '),
      ).toEqual([]);
    }
  });

  it('run: a Node app calling with every place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'why401-matrix-'));
    try {
      const calls = appCalls(api.origin);
      const script = join(dir, 'app.mjs');
      writeFileSync(
        script,
        `const calls = ${JSON.stringify(calls)};\n` +
          `for (const c of calls) {\n` +
          `  const u = new URL(c.target);\n` +
          `  await fetch(u, { method: c.method, headers: c.headers, body: c.body }).then((r) => r.text()).catch(() => {});\n` +
          `}\n`,
      );
      const out = await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'run', '--', process.execPath, script], {
          cwd: ROOT,
          env: cleanEnv(),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let text = '';
        child.stdout.on('data', (d: Buffer) => (text += d.toString()));
        child.stderr.on('data', (d: Buffer) => (text += d.toString()));
        child.on('close', () => resolve(text));
      });
      expect(out).toMatch(/401/);
      expect(
        leaksIn(
          out,
          calls.map((c) => c.key),
        ),
      ).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
