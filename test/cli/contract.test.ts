/**
 * Options of shared/spec/cli.md as each command must take them, against a loopback API: the
 * server runs in this process, so the CLI runs asynchronously (spawnSync would block it).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  ROOT,
  STACK,
  json,
  runsOf,
  sha8,
  tempDir,
  why401,
  type KeyJson,
  type Run,
} from './helpers.js';

const GOOD = 'sk-proj-GoodKey1234567890abcdefghijKLMN';
const BAD = 'sk-proj-BadKey99999999999999999999999ZZZZ';

/** 200 for `Bearer GOOD`; else 401, echoing what came (as some APIs do). */
let server: Server;
let url = '';
const seen: { method: string; authorization: string | undefined }[] = [];
const tmp = tempDir();

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', authorization: req.headers.authorization });
    const ok = req.headers.authorization === `Bearer ${GOOD}`;
    if (req.url === '/echo') {
      // echoes the credential back, raw and inside JSON, in the body and a header
      const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      res.writeHead(401, { 'content-type': 'text/plain', 'x-echo': key });
      res.end(`bad key ${key} ${JSON.stringify({ key })} ${key.slice(5)}`);
      return;
    }
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(ok ? '{"data":[]}' : `{"error":{"message":"Incorrect API key provided"}}`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/models`;
});
afterAll(async () => {
  tmp.cleanup();
  await new Promise((done) => server.close(done));
});

function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

type Diagnosis = {
  target: { method: string };
  credential: { source: string; redacted: string; fingerprint: string } | null;
  verdict: { status: string; cause: string | null };
  findings: { id: string }[];
};

describe('curl: why401 options given among the curl words', () => {
  it('--key VALUE / --key=VALUE supply the credential (cli.md: check, curl, key)', async () => {
    for (const args of [
      ['curl', '--key', GOOD, url, '--json'],
      ['curl', `--key=${GOOD}`, url, '--json'],
      ['curl', url, '--key', GOOD, '--json'],
    ]) {
      const run = await cli(args);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      const d = json<Diagnosis>(run);
      expect(d.credential?.source).toBe('arg');
      expect(d.verdict.status).toBe('accepted');
    }
  });

  it("beside --cert, --key is curl's private key file, not the credential", async () => {
    const run = await cli(['curl', url, '--cert', 'c.pem', '--key', 'k.pem', '--json']);
    expect(run.status).toBe(1);
    expect(json<Diagnosis>(run).credential).toBeNull();
  });

  it('--method M / --method=M set the method (cli.md: -X/--method)', async () => {
    for (const args of [
      ['curl', '--method', 'POST', '--key-env', 'K', url, '--json'],
      ['curl', '--method=POST', '--key-env', 'K', url, '--json'],
    ]) {
      const run = await cli(args, { K: GOOD });
      expect(run.status, run.stderr).toBe(0);
      expect(json<Diagnosis>(run).target.method).toBe('POST');
    }
  });

  it('--env-dir DIR with --key-env traces the variable, as check does', async () => {
    const dir = `${tmp.dir}/project`;
    tmp.file('project', ''); // a file, not a folder: see below
    const env = tempDir();
    try {
      env.file('.env', 'K=another-value-1234567890\n');
      for (const command of ['check', 'curl']) {
        const run = await cli([command, url, '--key-env', 'K', '--env-dir', env.dir, '--json'], {
          K: GOOD,
        });
        expect(run.status, run.stderr).toBe(0);
        expect(json<Diagnosis>(run).findings.map((f) => f.id)).toContain('env.stale');
      }
    } finally {
      env.cleanup();
    }
    for (const command of ['check', 'curl']) {
      for (const bad of [dir, `${tmp.dir}/nowhere`]) {
        const run = await cli([command, url, '--key-env', 'K', `--env-dir=${bad}`], { K: GOOD });
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^why401: --env-dir .* not a directory\n$/);
      }
    }
  });
});

describe('the redacted credential in human output', () => {
  it('--key placed by why401: the line shows the public prefix and last 4, no key run', async () => {
    const run = await cli(['check', url, '--key', BAD, '--no-probe']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('credential  sk-proj-…ZZZZ');
    expect(runsOf(BAD, run.stdout + run.stderr)).toEqual([]);
  });
});

describe('usage errors: exit 2, one line on stderr, nothing on stdout', () => {
  it.each([
    [['check', 'http://127.0.0.1:1/', '--bogus']],
    [['key', '--key', 'x', '--bogus']],
    [['env', 'X', '--bogus']],
    [['explain', '401', '--bogus']],
    [['providers', '--bogus']],
    [['echo', '--bogus']],
    [['demo', '--bogus']],
  ])('%j', (args) => {
    const run = why401(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^why401: [^\n]+\n$/);
    expect(run.stderr).toContain(`why401 ${args[0]} --help`);
    expect(run.stderr).not.toMatch(STACK);
  });
});

describe('one topic per command', () => {
  it.each([[['explain', '401', '403']], [['providers', 'openai', 'github']]])(
    '%j: a second word is a usage error, not silently dropped',
    (args) => {
      const run = why401(args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^why401: [^\n]+ takes one [^\n]+\n$/);
    },
  );

  it('providers with an unknown id of one letter: no list of every id as a suggestion', () => {
    const run = why401(['providers', 'a']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('why401: unknown provider "a". Run why401 providers for the list.\n');
  });
});

describe('--help lists the options and examples, exit 0', () => {
  it.each([
    ['explain', ['--list', '--json', '--no-color']],
    ['providers', ['--json', '--no-color']],
    ['curl', ['--key-env', '--key VALUE', '--method', '--env-dir', '--json', '--curl', '--reveal']],
  ])('%s --help', (command, options) => {
    const run = why401([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    for (const option of options) expect(run.stdout).toContain(option);
    expect(run.stdout).toContain('Examples');
  });
});

describe('why401 without a command', () => {
  it('is a usage error: exit 2, the help on stderr, nothing on stdout', () => {
    const run = why401([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: why401 <command>');
  });

  it('--help / help: the help on stdout, exit 0', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const run = why401(args);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Usage: why401 <command>');
      expect(run.stderr).toBe('');
    }
  });
});

describe('check --url', () => {
  it('--url URL / --url=URL name the target, as the [url] word does', async () => {
    for (const args of [
      ['check', '--url', url, '--key-env', 'K', '--json'],
      ['check', `--url=${url}`, '--key-env', 'K', '--json'],
    ]) {
      const run = await cli(args, { K: GOOD });
      expect(run.status, run.stderr).toBe(0);
      expect(json<Diagnosis>(run).verdict.status).toBe('accepted');
    }
  });

  it('a URL both as a word and as --url is a usage error', () => {
    const run = why401(['check', 'http://127.0.0.1:1/a', '--url', 'http://127.0.0.1:1/b']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^why401: check takes one URL, got 2/);
  });
});

describe('env --all --json', () => {
  it("carries env@1's findings: every variable's, each with its name", () => {
    const dir = tempDir();
    try {
      dir.file('.env', 'OPENAI_API_KEY=sk-proj-fileValue1234567890abcdef\n');
      const run = why401(['env', '--all', '--json', '--dir', dir.dir], {
        env: { OPENAI_API_KEY: 'sk-proj-procValue1234567890abcdefgh' },
      });
      expect(run.status).toBe(1);
      const out = json<{ schema: string; findings: { name: string; id: string }[] }>(run);
      expect(out.schema).toBe('why401/env@1');
      expect(out.findings).toContainEqual(
        expect.objectContaining({ name: 'OPENAI_API_KEY', id: 'env.stale', severity: 'error' }),
      );
    } finally {
      dir.cleanup();
    }
  });
});

describe('--json stays JSON when a credential holds " or \\', () => {
  const strings = (v: unknown): string[] =>
    typeof v === 'string'
      ? [v]
      : v !== null && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)])
        : [];

  it.each([
    ['check', () => ['check', url.replace('/v1/models', '/echo'), '--key-env', 'K']],
    [
      'check -H',
      (key: string) => [
        'check',
        url.replace('/v1/models', '/echo'),
        '-H',
        `Authorization: Bearer ${key}`,
      ],
    ],
    ['key', () => ['key', '--key-env', 'K']],
    ['env', () => ['env', 'K']],
  ])('%s --json', async (_, args) => {
    const key = 'sk-proj-Ab+/=Cd"ef\\gh1234567890XYZabcd';
    const run = await cli([...args(key), '--json'], { K: key });
    const parsed: unknown = JSON.parse(run.stdout);
    expect(runsOf(key, run.stdout + run.stderr)).toEqual([]);
    expect(runsOf(key, strings(parsed).join('\n'))).toEqual([]);
  });
});

describe('--log FILE that cannot be written', () => {
  it.each([
    [['run', '--log', '/nonexistent-dir/calls.jsonl', '--', 'true']],
    [
      [
        'capture',
        '--target',
        'http://127.0.0.1:1',
        '--port',
        '0',
        '--log',
        '/nonexistent-dir/c.jsonl',
      ],
    ],
  ])('%j: exit 2 before anything starts, one line on stderr', (args) => {
    const run = why401(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^why401: cannot write --log \/nonexistent-dir\/\S+: ENOENT\n$/);
  });
});

describe('an option without its value, followed by another option', () => {
  it.each([
    [['check', 'http://127.0.0.1:1/', '--key-env', '--json'], "Option '--key-env' needs a value"],
    [['key', '-H', '--json'], "Option '-H' needs a value"],
    [['env', '--dir', '--json', 'X'], "Option '--dir' needs a value"],
  ])('%j: says the value is missing', (args, says) => {
    const run = why401(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^why401: [^\n]+\n$/);
    expect(run.stderr).toContain(says);
  });
});

describe('key takes every credential option of cli.md', () => {
  const github = `ghp_${'abcdefghijklmnopqrstuvwxyz0123456789'}`;
  it.each([
    [['--base-url', 'https://api.openai.com']],
    [['--base-url=https://api.openai.com']],
    [['--url', 'https://api.openai.com/v1/models']],
  ])('%j: the host names the provider it is sent to', (target) => {
    const run = why401(['key', '--key', github, ...target, '--json']);
    expect(run.status).toBe(1);
    const out = json<{ findings: { id: string }[] }>(run);
    expect(out.findings.map((f) => f.id)).toContain('key.wrong-provider');
  });
});

describe('check --help lists every option cli.md gives check', () => {
  it('credential, request and output options', () => {
    const run = why401(['check', '--help']);
    expect(run.status).toBe(0);
    for (const option of [
      '--key-env',
      '--key-file',
      '--key-stdin',
      '--key VALUE',
      '-H',
      '--provider',
      '--base-url',
      '-X, --method',
      '-d, --data',
      '--timeout',
      '--proxy',
      '--no-proxy',
      '--no-probe',
      '--env-dir',
      '--insecure',
      '--json',
      '--curl',
      '--reveal',
      '--no-color',
    ])
      expect(run.stdout).toContain(option);
  });

  it.each(['key', 'env', 'capture', 'run', 'echo'])('%s --help lists --reveal', (command) => {
    expect(why401([command, '--help']).stdout).toContain('--reveal');
  });
});

describe('fingerprint: sha256 of the exact bytes', () => {
  it.each([
    ['UTF-8 with a trailing newline', Buffer.from('sk_live_abcdefghijklmnopqrstuvwx\n')],
    [
      'bytes that are not UTF-8 (Latin-1)',
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2d, ...Buffer.from('key-1234567890abcdef')]),
    ],
  ])('--key-file and --key-stdin, %s: the fingerprint is sha256 of the bytes', async (_, bytes) => {
    const file = tmp.file(`key-${bytes.length}`, bytes);
    const key = json<KeyJson>(why401(['key', '--key-file', file, '--json']));
    expect(key.credential?.fingerprint).toBe(sha8(bytes));
    const check = await cli(['check', url, '--key-file', file, '--json', '--no-probe']);
    expect(json<Diagnosis>(check).credential).toMatchObject({ fingerprint: sha8(bytes) });
    // stdin drops the one newline `echo` adds (and says so in the source): the key's bytes remain
    const stdin = json<KeyJson>(why401(['key', '--key-stdin', '--json'], { input: bytes }));
    const echoed = bytes.at(-1) === 0x0a;
    expect(stdin.credential?.fingerprint).toBe(sha8(echoed ? bytes.subarray(0, -1) : bytes));
    if (echoed) expect(stdin.credential?.source).toMatch(/newline dropped/);
  });
});

describe('-X/--method takes an HTTP method', () => {
  it.each([
    [['check', 'http://127.0.0.1:1/', '-X', 'GE T', '--key', 'abcdefghijkl']],
    [['check', 'http://127.0.0.1:1/', '--method=', '--key', 'abcdefghijkl']],
    [['curl', '-X', 'GE T', 'http://127.0.0.1:1/']],
  ])('%j: exit 2, nothing sent', (args) => {
    const run = why401(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^why401: -X\/--method takes an HTTP method [^\n]+\n$/);
  });
});

describe('curl --help wherever it stands', () => {
  it.each([
    [['curl', '--help']],
    [['curl', '-h']],
    [['curl', '--json', '--help']],
    [['curl', 'http://127.0.0.1:1/', '--help']],
    [['curl', '-H', 'x-api-key: abc', 'http://127.0.0.1:1/', '-h']],
  ])('%j: the help, exit 0, nothing sent', (args) => {
    const run = why401(args);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: why401 curl/);
  });
});

describe('a variable name written with its $', () => {
  it.each([
    [['key', '--key-env', '$OPENAI_API_KEY'], '--key-env OPENAI_API_KEY'],
    [['check', 'http://127.0.0.1:1/', '--key-env=${API_TOKEN}'], '--key-env API_TOKEN'],
    [['env', '$OPENAI_API_KEY'], 'why401 env OPENAI_API_KEY'],
  ])('%j: exit 2, says the name without $', (args, says) => {
    const run = why401(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^why401: [^\n]+ without \$: [^\n]+\n$/);
    expect(run.stderr).toContain(says);
  });

  it('a key after a $ is still never echoed', () => {
    const key = 'sk_live_abcdefghijklmnopqrstuvwxyz0123';
    const run = why401(['key', '--key-env', `$${key}`]);
    expect(run.status).toBe(2);
    expect(runsOf(key, run.stderr)).toEqual([]);
  });
});

describe('a reader that leaves early keeps the exit code', () => {
  it("writeResult (check, key, env): EPIPE ends the process with the result's code, not 0", async () => {
    // 1 MiB is more than a pipe holds: the reader leaving after the first chunk makes EPIPE sure
    const runtime = join(ROOT, 'dist', 'cli', 'runtime.cjs');
    const script = `require(${JSON.stringify(runtime)}).modules['src/cli/io.ts'].writeResult('x'.repeat(1 << 20), 1);`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});

describe('--json: one object on stdout, with its schema (cli.md: "one object on stdout")', () => {
  it.each([
    [['key', '--key', GOOD, '--json'], 'why401/key@1'],
    [['env', 'WHY401_CONTRACT_UNSET', '--dir', tmp.dir, '--json'], 'why401/env@1'],
    [['env', '--all', '--dir', tmp.dir, '--json'], 'why401/env@1'],
    [['providers', '--json'], 'why401/providers@1'],
    [['providers', 'openai', '--json'], 'why401/provider@1'],
    [['explain', '401', '--json'], 'why401/explain@1'],
    [['explain', 'key.newline', '--json'], 'why401/explain@1'],
    [['explain', '--list', '--json'], 'why401/finding-ids@1'],
  ])('%j', (args, schema) => {
    const run = why401(args);
    const out: unknown = JSON.parse(run.stdout);
    expect(typeof out === 'object' && out !== null && !Array.isArray(out)).toBe(true);
    expect((out as { schema?: unknown }).schema).toBe(schema);
  });
});
