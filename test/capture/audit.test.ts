import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';
import { makeKey } from '../e2e/servers.js';
import {
  CLI,
  cleanEnv,
  expectNoCredential,
  send,
  startCli,
  startOrigin,
  type Origin,
  type Running,
} from './support.js';

const KEY = makeKey('sk-proj-', 40);

/** Everything the server sends on one connection for one raw request, until it closes. */
function rawExchange(origin: string, request: string): Promise<Buffer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

describe('capture: answers and lines a user relies on', () => {
  let upstream: Origin;
  let cap: Running;
  let down: Running;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'why401-audit-'));
    upstream = await startOrigin((req, res) => {
      req.resume();
      if (req.headers['authorization'] === `Bearer ${KEY}`)
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      else res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad key"}');
    });
    cap = await startCli([
      'capture',
      '--target',
      upstream.origin,
      '--port',
      '0',
      '--json',
      '--log',
      join(dir, 'calls.jsonl'),
    ]);
    const gone = await startOrigin(() => undefined);
    await gone.stop();
    down = await startCli(['capture', '--target', gone.origin, '--port', '0']);
  });
  afterAll(async () => {
    for (const r of [cap, down]) if (r.child.exitCode === null) await r.stop();
    await upstream.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a HEAD whose API is down gets a 502 head without a body (a keep-alive client parses it)', async () => {
    const bytes = await rawExchange(down.origin, 'HEAD /v1/models HTTP/1.1\r\nHost: x\r\n\r\n');
    const text = bytes.toString('latin1');
    expect(text).toMatch(/^HTTP\/1\.1 502 /);
    expect(text).toMatch(/content-length: [1-9]/i); // what a GET would get
    expect(text.indexOf('\r\n\r\n') + 4).toBe(bytes.length);
    const got = await send(`${down.origin}/v1/models`, { method: 'HEAD' });
    expect(got.status).toBe(502);
    expect(got.body.length).toBe(0);
  });

  it('after a key sent with its quotes, every --json line and --log line is still JSON', async () => {
    const quoted = await send(`${cap.origin}/v1/models`, {
      headers: [['Authorization', `Bearer "${KEY}"`]],
    });
    expect(quoted.status).toBe(401);
    const ok = await send(`${cap.origin}/v1/models`, {
      headers: [['Authorization', `Bearer ${KEY}`]],
    });
    expect(ok.status).toBe(200);
    const lines = await cap.lines(2);
    const { code, stdout, stderr } = await cap.stop();
    expect(code).toBe(1); // a refused call was seen
    const log = readFileSync(join(dir, 'calls.jsonl'), 'utf8').trim().split('\n');
    for (const text of [lines, log]) {
      expect(text).toHaveLength(2);
      const calls = text.map((l) => JSON.parse(l) as { credential: { redacted: string } });
      expect(calls[1]?.credential.redacted).toBe(`sk-proj-…${KEY.slice(-4)}`);
    }
    for (const [where, text] of [
      ['stdout', stdout],
      ['stderr', stderr],
      ['log', log.join('\n')],
    ] as const)
      expectNoCredential(text, [KEY, `"${KEY}"`], where);
  });
});

describe('echo --json: a key sent with its quotes', () => {
  it('prints valid JSON for it and for the requests after it; Ctrl-C ends with a count, exit 0', async () => {
    const echo = await startCli(['echo', '--port', '0', '--json']);
    await send(`${echo.origin}/a`, { headers: [['X-Api-Key', `"${KEY}"`]] });
    await send(`${echo.origin}/b`, { headers: [['X-Api-Key', KEY]] });
    const lines = await echo.lines(2);
    const reports = lines.map((l) => JSON.parse(l) as { path: string });
    expect(reports.map((r) => r.path)).toEqual(['/a', '/b']);
    const { code, stdout, stderr } = await echo.stop('SIGINT');
    expect(code).toBe(0);
    expect(stderr).toContain('why401 echo: 2 requests shown');
    expectNoCredential(stdout + stderr, [KEY, `"${KEY}"`], 'echo output');
  });
});

describe('run: a command that cannot start', () => {
  const runCli = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'run', '--', ...args], {
        env: cleanEnv(),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.once('close', (code) => resolve({ code, stderr }));
    });

  it('not found: says so by name, exit 127 as a shell', async () => {
    const { code, stderr } = await runCli(['no-such-command-here', 'arg']);
    expect(code).toBe(127);
    expect(stderr).toContain('no-such-command-here: command not found');
  });

  it('not executable: says so, exit 126 as a shell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'why401-run-'));
    const file = join(dir, 'app.sh');
    writeFileSync(file, 'echo hi\n');
    chmodSync(file, 0o644);
    const { code, stderr } = await runCli([file]);
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(126);
    expect(stderr).toContain('not executable');
  });
});

describe('run: SIGINT sent to why401 alone (an IDE, a supervisor)', () => {
  it('reaches the command, which ends; why401 reports and exits as the command did', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'run',
        '--',
        process.execPath,
        '-e',
        'console.log("ready"); setInterval(() => {}, 1000)',
      ],
      { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        if (c.includes('ready')) resolve();
      }),
    );
    child.kill('SIGINT'); // why401's pid only, not its process group
    expect(await closed).toBe(130);
    expect(stderr).toContain('was ended by SIGINT');
  });
});

describe('capture and echo on a port this user may not open', () => {
  // root may open any port: the CLI then runs as nobody; skipped where low ports are open to all
  const start = (() => {
    try {
      return Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
    } catch {
      return 0;
    }
  })();
  const root = process.getuid?.() === 0;
  /**
   * As root the CLI runs as nobody, who must be able to read it: a clone in a private folder
   * (`mktemp -d`, 0700) is not readable by nobody, so the built CLI is copied to a folder that is.
   * Undefined (skipped) when nobody cannot run node itself.
   */
  const cliForNobody = (() => {
    if (!root) return CLI;
    const asNobody = (cli: string) =>
      spawnSync(process.execPath, [cli, '--version'], { uid: 65534, gid: 65534 }).status === 0;
    if (asNobody(CLI)) return CLI;
    const dir = mkdtempSync(join(tmpdir(), 'why401-nobody-'));
    chmodSync(dir, 0o755);
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    const copy = join(dir, 'dist', 'cli', 'why401.cjs');
    return asNobody(copy) ? copy : undefined;
  })();
  it.skipIf(start <= 81 || cliForNobody === undefined)(
    'a usage error (exit 2) that names the port, not an internal error',
    async () => {
      for (const args of [
        ['capture', '--target', 'http://127.0.0.1:9', '--port', '81'],
        ['echo', '--port', '81'],
      ]) {
        const child = spawn(process.execPath, [cliForNobody ?? CLI, ...args], {
          env: cleanEnv(),
          stdio: ['ignore', 'ignore', 'pipe'],
          ...(root ? { uid: 65534, gid: 65534 } : {}),
        });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
        const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
        expect(code, stderr).toBe(2);
        expect(stderr).toContain('port 81 needs privileges');
      }
    },
  );
});

describe('capture: a WebSocket handshake (realtime and speech APIs)', () => {
  let upstream: Origin;
  let cap: Running;
  beforeAll(async () => {
    upstream = await startOrigin((_req, res) => res.end('plain'));
    upstream.server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
      if (req.headers['authorization'] !== `Bearer ${KEY}`) {
        const body = '{"error":{"message":"invalid api key","code":"invalid_api_key"}}';
        socket.end(
          'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n' +
            `Content-Length: ${body.length}\r\n\r\n${body}`,
        );
        return;
      }
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      );
      socket.on('data', (d: Buffer) => socket.write(Buffer.concat([Buffer.from('echo:'), d])));
      socket.on('end', () => socket.end()); // the app left: capture passed its close on
    });
    cap = await startCli(['capture', '--target', upstream.origin, '--port', '0', '--json']);
  });
  afterAll(async () => {
    if (cap.child.exitCode === null) await cap.stop();
    await upstream.stop();
  });

  const handshake = (key: string) =>
    'GET /v1/realtime HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
    `Authorization: Bearer ${key}\r\n\r\n`;

  it('accepted: 101 passed on, then bytes both ways; the line is not a refusal', async () => {
    const { port } = new URL(cap.origin);
    const got = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(handshake(KEY)));
      let text = '';
      socket.setEncoding('latin1').on('data', (c: string) => {
        text += c;
        if (text.includes('\r\n\r\n') && !text.includes('ping')) socket.write('ping');
        if (text.includes('echo:ping')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
    });
    expect(got).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(got).toContain('Upgrade: websocket');
    const [line] = await cap.lines(1, (l) => l.includes('"status":101'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ status: 101, refused: false });
  });

  it('refused: the 401 and its body reach the app, and the line diagnoses it', async () => {
    const bytes = await rawExchange(cap.origin, handshake('sk-proj-not-the-right-key-0123456789'));
    const text = bytes.toString('latin1');
    expect(text).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(text.endsWith('{"error":{"message":"invalid api key","code":"invalid_api_key"}}')).toBe(
      true,
    );
    const [line] = await cap.lines(1, (l) => l.includes('"status":401'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ status: 401, refused: true });
    expectNoCredential(cap.stdout() + cap.stderr(), [KEY], 'capture output');
  });
});

describe('capture taken for a forward proxy (HTTPS_PROXY pointed at it)', () => {
  it('answers CONNECT with 405 and why, and says so on stderr', async () => {
    const upstream = await startOrigin((_req, res) => res.end('plain'));
    const cap = await startCli(['capture', '--target', upstream.origin, '--port', '0']);
    const bytes = await rawExchange(
      cap.origin,
      'CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com:443\r\n\r\n',
    );
    const { stderr } = await cap.stop();
    await upstream.stop();
    expect(bytes.toString()).toMatch(/^HTTP\/1\.1 405 /);
    expect(bytes.toString()).toContain('not a forward proxy');
    expect(stderr).toContain('CONNECT api.example.com:443');
    expect(stderr).toContain("point the app's base URL at it");
  });
});

describe('capture: Ctrl-C while a stream is open', () => {
  it('the call in flight is printed before the summary, and counted in it', async () => {
    const upstream = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"token":"one"}\n\n'); // and nothing more: an LLM still thinking
    });
    const cap = await startCli(['capture', '--target', upstream.origin, '--port', '0', '--json']);
    const res = await fetch(`${cap.origin}/v1/stream`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // the first event arrived: the call is in flight
    const drained = (async () => {
      try {
        while (!(await reader.read()).done);
      } catch {
        // cut by capture's exit, as expected
      }
    })();
    const { code, stdout, stderr } = await cap.stop('SIGINT');
    await drained;
    await upstream.stop();
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toMatchObject({ path: '/v1/stream', status: 200 });
    expect(stderr, stderr).toContain('why401 capture: 1 call, 0 refused');
    expectNoCredential(stdout + stderr, [KEY], 'capture output');
  });
});

describe('echo: a large upload', () => {
  it('is read to its end and answered with its size (it was cut off past 1 MiB)', async () => {
    const echo = await startCli(['echo', '--port', '0', '--json']);
    const body = Buffer.alloc(5 * 1024 * 1024 + 3, 'x');
    const got = await send(`${echo.origin}/v1/files`, { method: 'POST', body });
    expect(got.status).toBe(200);
    expect(JSON.parse(got.body.toString())).toMatchObject({ bodyBytes: body.length });
    const [line] = await echo.lines(1);
    expect(JSON.parse(line ?? '{}')).toMatchObject({ path: '/v1/files', bodyBytes: body.length });
    await echo.stop();
  });
});

describe('capture: a request it cannot read (a key sent with its newline by a raw client)', () => {
  it('answers 400 as the API would, and says on stderr why no line was printed', async () => {
    const upstream = await startOrigin((_req, res) => res.end('plain'));
    const cap = await startCli(['capture', '--target', upstream.origin, '--port', '0']);
    const bytes = await rawExchange(
      cap.origin,
      `GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\n\r\nConnection: close\r\n\r\n`,
    );
    const { stdout, stderr } = await cap.stop();
    await upstream.stop();
    expect(bytes.toString()).toMatch(/^HTTP\/1\.1 400 /);
    expect(stderr).toContain('could not read as HTTP/1.1');
    expect(stderr).toContain('line break');
    expectNoCredential(stdout + stderr, [KEY], 'capture output');
  });
});
