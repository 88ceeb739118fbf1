import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import {
  expectNoCredential,
  jsonLines,
  send,
  startCli,
  startOrigin,
  type Origin,
  type Running,
} from './support.js';
import { startHttpsOrigin } from './tls.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const KEY = makeKey('t0k-', 40);
const BLOB = randomBytes(3 * 1024 * 1024 + 17);

/** The SSE test's lock-step: event 2 is written only once the client has event 1. */
let releaseSecond: (() => void) | undefined;

function api(): Promise<Origin> {
  return startOrigin((req, res) => {
    const url = req.url ?? '/';
    if (url === '/blob') {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': BLOB.length,
      });
      res.end(BLOB);
    } else if (url === '/echo-body') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked back
      req.pipe(res);
    } else if (url === '/sse') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('data: {"token":"one"}\n\n');
      new Promise<void>((r) => (releaseSecond = r)).then(() =>
        res.end('data: {"token":"two"}\n\n'),
      );
    } else if (url === '/endless') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first chunk\n');
      req.socket.on('close', () => res.destroy());
    } else if (url === '/cut') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      res.write('only part of it');
      setImmediate(() => res.socket?.destroy());
    } else if (url === '/silent') {
      // never answers
    } else if (req.headers['authorization'] === `Bearer ${KEY}`) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":[{"id":"model-a"}]}');
    } else {
      const said = req.headers['authorization'] ?? '';
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': 'Bearer realm="api"',
      });
      // Echoes part of what it got, like real APIs do: capture must scrub it.
      res.end(
        JSON.stringify({
          error: {
            message: `Incorrect API key provided: ${said.slice(7)}`,
            code: 'invalid_api_key',
          },
        }),
      );
    }
  });
}

describe('capture: a transparent, streaming reverse proxy', () => {
  let upstream: Origin;
  let cap: Running;
  beforeAll(async () => {
    upstream = await api();
    cap = await startCli([
      'capture',
      '--target',
      upstream.origin,
      '--port',
      '0',
      '--json',
      '--timeout',
      '400',
    ]);
  });
  afterAll(async () => {
    await cap.stop();
    await upstream.stop();
  });

  it('passes a 3 MiB answer and a 2 MiB upload byte for byte', async () => {
    const got = await send(`${cap.origin}/blob`);
    expect(got.status).toBe(200);
    expect(sha(got.body)).toBe(sha(BLOB));
    const upload = randomBytes(2 * 1024 * 1024 + 5);
    const echoed = await send(`${cap.origin}/echo-body`, { method: 'POST', body: upload });
    expect(sha(echoed.body)).toBe(sha(upload));
  });

  it('streams an SSE answer event by event (event 2 is sent only after event 1 arrived)', async () => {
    const events: string[] = [];
    const body = await new Promise<string>((resolve, reject) => {
      request(`${cap.origin}/sse`, (res) => {
        let all = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          all += chunk;
          events.push(chunk);
          if (all.includes('"one"') && releaseSecond) {
            releaseSecond(); // only now does the API write the second event
            releaseSecond = undefined;
          }
        });
        res.on('end', () => resolve(all));
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
    expect(body).toBe('data: {"token":"one"}\n\ndata: {"token":"two"}\n\n');
    expect(events[0]).toContain('"one"');
    expect(events[0]).not.toContain('"two"');
    expect(sha(Buffer.from(body))).toBe(
      sha(Buffer.from('data: {"token":"one"}\n\ndata: {"token":"two"}\n\n')),
    );
  });

  it('answers 504 with a JSON body and a finding when the API is silent', async () => {
    const got = await send(`${cap.origin}/silent`);
    expect(got.status).toBe(504);
    const body = JSON.parse(got.body.toString()) as { error: { finding: string; type: string } };
    expect(body.error).toMatchObject({
      finding: 'net.unreachable',
      type: 'why401_upstream_unreachable',
    });
    const [line] = await cap.lines(1, (l) => l.includes('"/silent"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      status: null,
      refused: true,
      verdict: { status: 'unreachable', cause: 'net.unreachable' },
    });
  });

  it('survives an app that hangs up mid-stream and an API that resets mid-answer', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${cap.origin}/endless`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('close', resolve);
      req.end();
    }).catch(() => undefined);
    await cap.lines(1, (l) => l.includes('"/endless"'));
    await new Promise<void>((resolve) => {
      const req = request(`${cap.origin}/cut`, (res) => {
        res.on('data', () => undefined);
        res.on('error', () => resolve());
        res.on('close', () => resolve());
      });
      req.on('error', () => resolve());
      req.end();
    });
    const lines = jsonLines(cap.stdout());
    expect(lines.find((l) => l['path'] === '/endless')).toMatchObject({
      interrupted: 'client-aborted',
    });
    const [cut] = await cap.lines(1, (l) => l.includes('"/cut"'));
    expect(JSON.parse(cut ?? '{}')).toMatchObject({ status: 200, interrupted: 'upstream-reset' });
    // still serving
    expect(
      (await send(`${cap.origin}/v1/models`, { headers: [['Authorization', `Bearer ${KEY}`]] }))
        .status,
    ).toBe(200);
  });
});

describe('capture: refused calls diagnosed by the same checks as check', () => {
  let upstream: Origin;
  let dir: string;
  beforeAll(async () => {
    upstream = await api();
    dir = mkdtempSync(join(tmpdir(), 'why401-capture-'));
  });
  afterAll(async () => {
    await upstream.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one line per call, names the cause of each refusal, and leaks no key', async () => {
    const log = join(dir, 'calls.jsonl');
    const cap = await startCli([
      'capture',
      '--target',
      upstream.origin,
      '--port',
      '0',
      '--log',
      log,
    ]);
    const wrong = makeKey('t0k-', 40);
    const invisible = `${KEY}\u00e2\u0080\u008b`; // U+200B as the UTF-8 bytes an app sends
    const ok = await send(`${cap.origin}/v1/models`, {
      headers: [['Authorization', `Bearer ${KEY}`]],
    });
    const spaced = await send(`${cap.origin}/v1/models`, {
      headers: [['Authorization', `Bearer ${KEY} `]],
    });
    const none = await send(`${cap.origin}/v1/models`);
    const hidden = await send(`${cap.origin}/v1/models`, {
      headers: [['Authorization', `Bearer ${invisible}`]],
    });
    const bad = await send(`${cap.origin}/v1/models?x=1`, {
      headers: [['Authorization', `Bearer ${wrong}`]],
    });
    expect([ok.status, spaced.status, none.status, hidden.status, bad.status]).toEqual([
      200, 200, 401, 401, 401,
    ]);
    await cap.lines(8); // 5 calls, 3 of them with a fix line
    const { stdout, stderr, code } = await cap.stop();
    const lines = stdout.split('\n').filter((l) => /^\d\d:\d\d:\d\d/.test(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/GET \/v1\/models {2}200 {2}\d+ ms {2}Authorization: Bearer …\w{4}$/);
    expect(lines[1]).toMatch(/200 .*⟨SPACE⟩$/); // the trailing space the app sent, as it went out
    expect(lines[2]).toMatch(/401 .*no credential .*✖ header\.missing/);
    expect(lines[3]).toMatch(/401 .*⟨ZERO WIDTH SPACE⟩ .*✖ key\.invisible/);
    expect(lines[4]).toMatch(/GET \/v1\/models\?x=1 {2}401 .*✖ credential\.invalid/);
    expect(stderr).toContain('5 calls, 3 refused');
    expect(code).toBe(1);
    const logged = readFileSync(log, 'utf8');
    const records = jsonLines(logged);
    expect(records.map((r) => r['refused'])).toEqual([false, false, true, true, true]);
    expect(records[3]).toMatchObject({
      schema: 'why401/call@1',
      verdict: { cause: 'key.invisible' },
    });
    for (const [text, where] of [
      [stdout, 'stdout'],
      [stderr, 'stderr'],
      [logged, 'log'],
    ] as const)
      expectNoCredential(text, [KEY, wrong], where);
  });

  it('with --probe, confirms the cause with the few read-only probes check sends', async () => {
    const cap = await startCli([
      'capture',
      '--target',
      upstream.origin,
      '--port',
      '0',
      '--json',
      '--probe',
    ]);
    const quoted = await send(`${cap.origin}/v1/models`, {
      headers: [['Authorization', `Bearer "${KEY}"`]],
    });
    expect(quoted.status).toBe(401); // the app's own call is passed on as it was
    const [line] = await cap.lines(1);
    const call = JSON.parse(line ?? '{}') as {
      verdict: { cause: string };
      findings: { id: string; confidence: string }[];
    };
    expect(call.verdict.cause).toBe('key.quoted');
    // the key without its quotes was accepted: a probe, not a guess
    expect(call.findings.find((f) => f.id === 'key.quoted')?.confidence).toBe('confirmed');
    const { stdout, stderr } = await cap.stop();
    expectNoCredential(stdout + stderr, [KEY], 'capture --probe output');
  });

  it('passes calls on to an HTTPS API (--insecure for its self-signed certificate)', async () => {
    const tls = await startHttpsOrigin((req, res) => {
      res.writeHead(req.headers['x-api-key'] === KEY ? 200 : 403, {
        'content-type': 'application/json',
      });
      res.end('{"ok":true}');
    });
    const cap = await startCli([
      'capture',
      '--target',
      tls.origin,
      '--port',
      '0',
      '--insecure',
      '--json',
    ]);
    const got = await send(`${cap.origin}/v2/items`, { headers: [['X-Api-Key', KEY]] });
    expect(got.status).toBe(200);
    const [line] = await cap.lines(1);
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      status: 200,
      refused: false,
      credential: { where: 'X-Api-Key' },
    });
    await cap.stop();
    await tls.stop();
  });

  it('answers 502 with a JSON body and net.unreachable when nothing listens at the target', async () => {
    const gone = await startOrigin(() => undefined);
    await gone.stop();
    const cap = await startCli(['capture', '--target', gone.origin, '--port', '0', '--json']);
    const got = await send(`${cap.origin}/v1/models`, {
      headers: [['Authorization', `Bearer ${KEY}`]],
    });
    expect(got.status).toBe(502);
    expect(JSON.parse(got.body.toString())).toMatchObject({
      error: { finding: 'net.unreachable', code: 'ECONNREFUSED' },
    });
    const [line] = await cap.lines(1);
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      refused: true,
      verdict: { status: 'unreachable', cause: 'net.unreachable' },
    });
    const { stdout } = await cap.stop();
    expectNoCredential(stdout, [KEY], 'stdout');
  });
});
