/**
 * Terminal injection (issue 13, item 5): whatever a server, a file or an argument supplies reaches
 * the terminal printable. A hostile loopback server puts cursor moves and a fake `✔ Accepted`,
 * OSC 52 (clipboard) and OSC 0 (title), C1 controls, U+202E, zero-width characters, BEL,
 * backspace and CR in its body, reason phrase and headers; every command that shows any of it
 * runs against it, with NO_COLOR and with FORCE_COLOR, and every byte it prints is checked:
 * nothing of U+0000–U+001F but LF (and TAB), nothing of U+007F–U+009F, no bidi or invisible
 * format characters; with colours on, only well-formed SGR sequences (why401's own).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, formatDiagnosis } from '../../src/index.js';
import { makeKey } from '../e2e/servers.js';
import { ROOT } from '../e2e/run-cli.js';

const CLI = join(ROOT, 'dist', 'cli', 'why401.cjs');
const KEY = makeKey('sk-t3rm-', 40);

/** What a terminal acts on or does not show, the way the tests see it. */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u034f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]|[\u{e0000}-\u{e007f}]/u;
/** The SGR parameters of why401's styles (src/report/style.ts): bold, dim, red, green, yellow, cyan. */
const OUR_SGR = new Set(['1', '22', '2', '31', '32', '33', '36', '39']);
/** Shown by name: the proof the hostile text was printed at all, not left out. */
const NAMED = /⟨(ESC|CSI|RLO|ZERO WIDTH SPACE|BEL|BS|CR|LRI|U\+0085|NEL)⟩/;

/** Cursor up, erase the line, a green fake verdict, clipboard and title, and the rest. */
const EVIL =
  'denied\u001b[2K\u001b[1A\u001b[32m✔ Accepted\u001b[0m\u001b]52;c;ZWNobyBwd25lZA==\u0007' +
  '\u001b]0;pwned\u0007\u009b31m\u202egnp.exe\u200b\u2066\u0007\u0008\rFAKE\u007f' +
  '\n✔ Accepted (200): the key works\n'; // no escape needed: a line of its own
/** What a header or a reason phrase can carry past an HTTP parser: UTF-8 bidi and zero-width, C1 bytes. */
const HEAD_EVIL = Buffer.concat([
  Buffer.from('x\u202egnp.exe\u200b\u2066', 'utf8'),
  Buffer.from([0x9b, 0x33, 0x31, 0x6d, 0x85]),
]);
/** Controls in the head itself (ESC, BEL, CR inside a value): for readers that take any byte. */
const HEAD_CONTROLS = Buffer.from('y\u001b[2K\u001b]0;pwned\u0007\u0008z', 'latin1');

export function expectPrintable(text: string, where: string, colour = false): void {
  const rest = colour ? text.replace(/\u001b\[[\d;]*m/g, '') : text;
  const m = UNSAFE.exec(rest);
  const found = m
    ? `${where}: U+${(m[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} in …${JSON.stringify(rest.slice(Math.max(0, m.index - 60), m.index + 30))}`
    : '';
  expect(found).toBe('');
  if (!colour) expect(text, `${where}: an escape with colours off`).not.toContain('\u001b');
  // with colours on, the SGR sequences are why401's own: its codes only, and not the server's
  // green fake verdict (a server's ESC[32m, a code why401 uses too, is named like any other)
  const codes = new Set([...text.matchAll(/\u001b\[([\d;]*)m/g)].map((m) => m[1]));
  expect(
    [...codes].filter((c) => !OUR_SGR.has(c ?? '')),
    where,
  ).toEqual([]);
  expect(text, where).not.toContain('\u001b[32m✔ Accepted');
  // no line of the server's own: a fake verdict at the start of a line
  expect(text.replace(/\u001b\[[\d;]*m/g, ''), where).not.toMatch(
    /^\s*✔ Accepted \(200\): the key works/m,
  );
  // and no colour marker left over (private-use characters, src/secret/printable.ts)
  expect(text, where).not.toMatch(/[\u{f0000}-\u{ffffd}]/u);
}

function expectNoKey(text: string, where: string): void {
  for (let i = 0; i + 9 <= KEY.length; i++)
    expect(text.includes(KEY.slice(i, i + 9)), `${where}: the key`).toBe(false);
}

// ---------------------------------------------------------------- the hostile server

/**
 * A raw server (node:http would refuse to send these heads): every path is refused with a 401
 * whose reason phrase, WWW-Authenticate, Server, Location and X-Custom carry HEAD_EVIL; the body
 * is EVIL as raw bytes (`/raw`), as a JSON string (`\u001b` escapes that a reader decodes), and
 * `/controls` puts ESC, BEL and BS into the head too.
 */
function startHostile(): Promise<{ origin: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((c) => {
    sockets.add(c);
    c.on('error', () => undefined);
    c.on('close', () => sockets.delete(c));
    let head = '';
    c.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const path = head.slice(0, end).split(' ')[1] ?? '/';
      head = '';
      const raw = path.startsWith('/raw');
      const body = raw
        ? Buffer.from(`{"error":{"message":"${EVIL}"}}`, 'utf8')
        : Buffer.from(JSON.stringify({ error: { message: EVIL, type: `\u202e${EVIL}` } }), 'utf8');
      const evil = path.startsWith('/controls')
        ? Buffer.concat([HEAD_EVIL, HEAD_CONTROLS])
        : HEAD_EVIL;
      const line = (s: string) =>
        Buffer.concat([Buffer.from(s, 'latin1'), evil, Buffer.from('\r\n')]);
      c.write(
        Buffer.concat([
          line('HTTP/1.1 401 Nope'),
          line('WWW-Authenticate: Bearer error="invalid_token", error_description='),
          line('Server: evil'),
          line('X-Custom: '),
          line('Location: /next'),
          Buffer.from(
            `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
            'latin1',
          ),
          body,
        ]),
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    }),
  );
}

/** Not HTTP at all: escapes where the status line should be. */
function startGarbage(): Promise<{ origin: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((c) => {
    sockets.add(c);
    c.on('close', () => sockets.delete(c));
    c.on('error', () => undefined);
    c.end(`\u001b]0;pwned\u0007\u001b[2J\u202eHTTP/9 garbage\r\n\r\n`);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    }),
  );
}

// ---------------------------------------------------------------- running the CLI

type Colour = 'none' | 'forced';
const COLOURS: readonly Colour[] = ['none', 'forced'];

function envFor(colour: Colour, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    LANG: 'C.UTF-8',
    ...(colour === 'none' ? { NO_COLOR: '1' } : { FORCE_COLOR: '1' }),
    ...extra,
  };
}

interface Done {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  args: readonly string[],
  colour: Colour,
  extra: Record<string, string> = {},
  cwd = ROOT,
): Promise<Done> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: envFor(colour, extra),
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

function expectClean(done: Done, where: string, colour: Colour): void {
  expect(done.stderr, where).not.toMatch(/\n\s+at |internal error/);
  expectPrintable(done.stdout, `${where} stdout`, colour === 'forced');
  expectPrintable(done.stderr, `${where} stderr`, colour === 'forced');
  expectNoKey(done.stdout + done.stderr, where);
}

/** A long-running command (capture, echo) and its `listening on` address. */
interface Long {
  readonly origin: string;
  readonly child: ChildProcess;
  out(): string;
  err(): string;
  until(test: () => boolean): Promise<void>;
  stop(): Promise<void>;
}

function startLong(args: readonly string[], colour: Colour): Promise<Long> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: envFor(colour),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout
    .setEncoding('utf8')
    .on('data', (c: string) => ((out += c), waiters.forEach((w) => w())));
  child.stderr
    .setEncoding('utf8')
    .on('data', (c: string) => ((err += c), waiters.forEach((w) => w())));
  const closed = new Promise<void>((r) =>
    child.once('close', () => (waiters.forEach((w) => w()), r())),
  );
  const until = (test: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (test()) {
          waiters.delete(check);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          waiters.delete(check);
          reject(new Error(`ended: ${err.slice(0, 500)}`));
        }
      };
      waiters.add(check);
      check();
    });
  const strip = (s: string) => s.replace(/\u001b\[[\d;]*m/g, '');
  return until(() => /listening on http:\/\/[\d.:]+/.test(strip(err))).then(() => ({
    origin: /listening on (http:\/\/[\d.:]+)/.exec(strip(err))?.[1] ?? '',
    child,
    out: () => out,
    err: () => err,
    until,
    stop: async () => {
      child.kill('SIGTERM');
      await closed;
    },
  }));
}

/** One request, bytes exactly as given, the answer read to its end (Connection: close). */
function rawRequest(origin: string, head: Buffer): Promise<Buffer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = connect(Number(port), hostname, () => s.write(head));
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('end', () => resolve(Buffer.concat(chunks)));
    s.on('close', () => resolve(Buffer.concat(chunks)));
    s.on('error', reject);
  });
}

function getHead(path: string, origin: string, extra: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([
    Buffer.from(`GET ${path} HTTP/1.1\r\n`, 'utf8'),
    Buffer.from(`Host: ${new URL(origin).host}\r\nAuthorization: Bearer ${KEY}\r\n`, 'latin1'),
    extra,
    Buffer.from('Connection: close\r\n\r\n', 'latin1'),
  ]);
}

// ---------------------------------------------------------------- the tests

let hostile: Awaited<ReturnType<typeof startHostile>>;
let garbage: Awaited<ReturnType<typeof startGarbage>>;
let dir: string;

beforeAll(async () => {
  hostile = await startHostile();
  garbage = await startGarbage();
  dir = mkdtempSync(join(tmpdir(), 'why401-terminal-'));
});
afterAll(async () => {
  await hostile.stop();
  await garbage.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(COLOURS)('colours %s: a hostile server, every command that shows it', (colour) => {
  it('check (human, -v, --curl): the body, reason, headers shown by name', async () => {
    for (const path of ['/json', '/raw', '/controls']) {
      const done = await run(
        [
          'check',
          `${hostile.origin}${path}`,
          '--key-env',
          'API_KEY',
          '--timeout',
          '3000',
          '-v',
          '--curl',
        ],
        colour,
        { API_KEY: KEY },
      );
      expectClean(done, `check ${path}`, colour);
      if (colour === 'forced') expect(done.stdout).toMatch(/\u001b\[3[13]m(?:\u001b\[1m)?[✖?]/);
      if (path !== '/controls') expect(done.stdout, `check ${path}`).toMatch(NAMED);
    }
  });

  it('check --json: still JSON, the same data, nothing raw', async () => {
    const done = await run(
      [
        'check',
        `${hostile.origin}/json`,
        '--key-env',
        'API_KEY',
        '--timeout',
        '3000',
        '--json',
        '--no-probe',
      ],
      colour,
      { API_KEY: KEY },
    );
    expectClean(done, 'check --json', colour);
    const json = JSON.parse(done.stdout) as { exchanges: { response: { body: string } }[] };
    // the body as data: \u escapes in the text, the very characters once parsed
    expect(json.exchanges[0]?.response.body).toContain('\u202e');
    expect(json.exchanges[0]?.response.body).toContain('\\u001b]52;'); // as the server wrote it
  });

  it('check against a server that does not speak HTTP: the error is printable', async () => {
    const done = await run(
      ['check', `${garbage.origin}/x`, '--key-env', 'API_KEY', '--timeout', '3000', '--no-probe'],
      colour,
      { API_KEY: KEY },
    );
    expectClean(done, 'check garbage', colour);
  });

  it('curl: the same, from a pasted command line', async () => {
    const done = await run(
      [
        'curl',
        '--timeout',
        '3000',
        '--',
        'curl',
        '-H',
        `Authorization: Bearer ${KEY}`,
        `${hostile.origin}/raw`,
      ],
      colour,
    );
    expectClean(done, 'curl', colour);
    expect(done.stdout).toMatch(NAMED);
  });

  it('capture: call lines, --json lines, the --log file and the live view', async () => {
    const log = join(dir, `calls-${colour}.jsonl`);
    for (const json of [false, true]) {
      const args = [
        'capture',
        '--target',
        hostile.origin,
        '--port',
        '0',
        '--ui',
        ...(json ? ['--json'] : ['--log', log]),
      ];
      const cap = await startLong(args, colour);
      try {
        // the last path goes out as UTF-8 bytes in the request line
        for (const path of ['/json', '/raw', '/controls', '/raw\u202e\u200b\u0085'])
          await rawRequest(cap.origin, getHead(`/v1${path}`, cap.origin));
        await cap.until(() => (cap.out().match(/\/v1\/(json|raw|controls)/g) ?? []).length >= 4);
        const calls = await rawRequest(
          cap.origin,
          Buffer.from(
            `GET /__why401/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
          ),
        );
        const text = calls.toString('utf8');
        const body = text.slice(text.indexOf('\r\n\r\n') + 4);
        // the live view shows strings with names, as the terminal does (textContent renders them)
        expectPrintable(JSON.stringify(JSON.parse(body)), 'live view /calls');
        expectPrintable(body, 'live view /calls');
        expect(body).toMatch(NAMED);
      } finally {
        await cap.stop();
      }
      expectClean(
        { code: 0, stdout: cap.out(), stderr: cap.err() },
        `capture json=${json}`,
        colour,
      );
      // (a call line shows no server text: status, cause and the path as sent, percent-encoded)
      if (json)
        for (const line of cap
          .out()
          .split('\n')
          .filter((l) => l.startsWith('{')))
          expect(() => JSON.parse(line) as unknown).not.toThrow();
      // (a call line shows no server text, but the path as sent)
    }
    const logged = readFileSync(log, 'utf8');
    expectPrintable(logged, 'capture --log');
    expect(logged).toContain('\\u202e');
  });

  it('run: the calls an app makes, reported on stderr', async () => {
    const app = join(dir, 'app.mjs');
    writeFileSync(
      app,
      `const h = { authorization: 'Bearer ' + process.env.K };
       for (const p of ['/json', '/raw']) { const r = await fetch(process.env.API + p, { headers: h }); await r.text(); }`,
    );
    for (const json of [false, true]) {
      const done = await run(
        ['run', ...(json ? ['--json'] : []), '--', process.execPath, app],
        colour,
        {
          K: KEY,
          API: hostile.origin,
        },
      );
      expectClean(done, `run json=${json}`, colour);
      if (!json) expect(done.stderr).toMatch(/401/);
    }
  });

  it('echo: what an app sends, shown by name', async () => {
    const echo = await startLong(['echo', '--port', '0'], colour);
    try {
      // controls in a header: node:http refuses the request (400), nothing to print
      await rawRequest(
        echo.origin,
        getHead(
          '/v1/ctl',
          echo.origin,
          Buffer.concat([Buffer.from('X-Ctl: '), HEAD_CONTROLS, Buffer.from('\r\n')]),
        ),
      );
      // a decoded query holds anything: ESC, U+202E, and a line break before a fake verdict
      await rawRequest(
        echo.origin,
        getHead(
          '/v1/x?q=%1B%5B2J%E2%80%AE%0A%E2%9C%94%20Accepted%20(200)%3A%20the%20key%20works&%0A%E2%9C%94%20Accepted%20(200)%3A%20the%20key%20works=1',
          echo.origin,
          Buffer.concat([Buffer.from('X-Evil: '), HEAD_EVIL, Buffer.from('\r\n')]),
        ),
      );
      await echo.until(() => echo.out().includes('X-Evil'));
    } finally {
      await echo.stop();
    }
    expectClean({ code: 0, stdout: echo.out(), stderr: echo.err() }, 'echo', colour);
    expect(echo.out()).toMatch(/⟨(ESC|CTRL U\+001B)⟩\[2J⟨RLO⟩⟨LF⟩/);
  });
});

describe.each(COLOURS)('colours %s: hostile files and arguments', (colour) => {
  it('env and check --env-dir: a .env with escapes in names, values and comments', async () => {
    const project = join(dir, `project-${colour}`);
    rmSync(project, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(project);
    writeFileSync(
      join(project, '.env'),
      [
        `# \u001b]0;pwned\u0007 \u001b[2J a comment`,
        `API_KEY=${KEY}\u001b[2K`,
        `OTHER_TOKEN="\u202e${EVIL}"`,
        `EVIL\u001b[31m_TOKEN=${EVIL}`,
        `\u202eSECRET_KEY=x\u200by`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'docker-compose.yml'),
      `services:\n  app:\n    environment:\n      API_KEY: "other\\e[2J\\u202e"\n      "X\\e]0;t\\a_TOKEN": "v"\n`,
    );
    for (const args of [
      ['env', 'API_KEY', '--dir', project],
      ['env', 'OTHER_TOKEN', '--dir', project],
      ['env', '--all', '--dir', project],
      ['env', '--all', '--dir', project, '--json'],
      ['env', `EVIL\u001b[31m_TOKEN`, '--dir', project],
    ]) {
      const done = await run(args, colour, {}, project);
      expectClean(done, args.join(' '), colour);
    }
    const checked = await run(
      [
        'check',
        `${hostile.origin}/json`,
        '--key-env',
        'API_KEY',
        '--env-dir',
        project,
        '--timeout',
        '3000',
        '--no-probe',
      ],
      colour,
      { API_KEY: `${KEY}\u001b[2K` },
    );
    expectClean(checked, 'check --env-dir', colour);
  });

  it('key --key-file: hidden characters still named, nothing raw', async () => {
    const file = join(dir, `key-${colour}`);
    writeFileSync(file, `${KEY}\u001b]52;c;ZWNobw==\u0007\u202e\u200b\r\n`);
    for (const extra of [[], ['--json']]) {
      const done = await run(['key', '--key-file', file, ...extra], colour);
      expectClean(done, `key --key-file ${extra.join(' ')}`, colour);
      if (extra.length === 0) expect(done.stdout).toContain('RLO');
    }
  });

  it('arguments quoted in errors and usage messages: unknown command, topic, provider, URL', async () => {
    const bad = `x\u001b]0;pwned\u0007\u001b[2J\u202e\u009b1m`;
    for (const args of [
      [bad],
      ['explain', bad],
      ['providers', bad],
      ['check', `http://exa${bad}mple.com/`, '--key', KEY],
      ['check', 'http://127.0.0.1:1/', '--key', KEY, '--provider', bad],
      ['check', 'http://127.0.0.1:1/', '--key', KEY, '--param', `${bad}=1`],
      ['check', '--key-env', bad],
      ['curl', '--', 'curl', '-H', `${bad}: 1`, `http://127.0.0.1:1/${bad}`],
      ['env', bad],
      ['key', '--key', `${KEY}${bad}`],
      ['check', `--${bad}`],
    ]) {
      const done = await run(args, colour);
      expectClean(done, `why401 ${JSON.stringify(args)}`, colour);
    }
  });
});

describe('the library: formatDiagnosis', () => {
  it.each([false, true])('color %s: printable, only its own colours', async (color) => {
    const d = await diagnose({ url: `${hostile.origin}/json`, key: KEY }, { timeoutMs: 3000 });
    const text = formatDiagnosis(d, { color, verbose: true });
    expectPrintable(text, 'formatDiagnosis', color);
    expect(text).toMatch(NAMED);
    if (color) expect(text).toContain('\u001b[31m');
  });
});

describe.each(COLOURS)('colours %s: commands with nothing from outside', (colour) => {
  it('demo, explain, providers: only why401’s own colours, no marker left', async () => {
    for (const args of [
      ['demo'],
      ['demo', '--json'],
      ['explain', 'credential.invalid'],
      ['providers'],
    ]) {
      const done = await run(args, colour);
      expectClean(done, args.join(' '), colour);
      expect(done.code, args.join(' ')).not.toBeNull();
      if (colour === 'forced' && args[0] !== 'demo')
        expect(done.stdout, args.join(' ')).toContain('\u001b[');
    }
  });
});
