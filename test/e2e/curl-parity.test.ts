/**
 * Differential test of `why401 curl`: the same command line goes through the real curl
 * (/usr/bin/curl, 7.88 here) and through `why401 curl --no-probe -- <args>`, both to a loopback
 * recorder that answers 401; what arrives must be the same request: method, request target
 * (path and query), every header, and the body, byte for byte.
 *
 * What is compared, and what is not (each exclusion is deliberate and named):
 * - Header names are compared case-insensitively (HTTP header names are), values exactly as the
 *   recorder's node:http parser hands them over (req.rawHeaders: leading and trailing blanks of a
 *   value are not part of it). Headers are compared as a list sorted by name, the order of
 *   repeated names kept: curl and Node put headers in a different order.
 * - `Connection`: Node's HTTP client sends `Connection: keep-alive`; curl sends none.
 * - `User-Agent`: curl sends `curl/<its version>`, why401 `curl/8.5.0`; two `curl/…` values are
 *   taken as equal. An explicit -A is compared exactly.
 * - Per case, `exclude` names a header that why401 cannot send as curl does, with the reason:
 *   `-A ''` (curl sends no User-Agent, why401 its own) and a bodiless `-X POST` (Node adds
 *   `Content-Length: 0`, curl sends none).
 * - curl's `Expect: 100-continue` (bodies over 1 MiB) is never reached: no body here is that big.
 * - `--next` and several URLs: curl sends one request per URL; why401 diagnoses the first, so
 *   only the first request is compared (`first`).
 * The environment of both is empty of proxies, and curl gets `-q` first (no ~/.curlrc) and
 * `-s -o /dev/null` (no output); why401 writes nothing to disk.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

interface Recorded {
  readonly method: string;
  readonly target: string;
  readonly headers: readonly string[];
  readonly body: Buffer;
}

const recorded: Recorded[] = [];
let server: http.Server;
let port = 0;
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'why401-curl-parity-'));
  writeFileSync(join(dir, 'file.txt'), 'hé llo=&+\nline 2\r\n');
  writeFileSync(join(dir, 'crlf.txt'), 'a=1\r\nb=2\n&c=3\n');
  writeFileSync(join(dir, 'body.json'), '{"from":"file"}\n');
  writeFileSync(join(dir, 'headers.txt'), 'X-From-File: one\r\nX-Other: two\n');
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      recorded.push({
        method: req.method ?? '',
        target: req.url ?? '',
        headers: req.rawHeaders,
        body: Buffer.concat(chunks),
      });
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="parity"' });
      res.end('{"error":"unauthorized"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly requests: Recorded[];
}

function run(command: string, args: readonly string[]): Promise<Run> {
  recorded.length = 0;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, requests: [...recorded] }));
  });
}

const curl = (args: readonly string[]) =>
  run('/usr/bin/curl', ['-q', '-s', '-o', '/dev/null', ...args]);
const why401 = (args: readonly string[]) =>
  run(process.execPath, [
    join(ROOT, 'dist', 'cli', 'why401.cjs'),
    'curl',
    '--no-probe',
    '--json',
    '--',
    ...args,
  ]);

/** Headers as compared: lower-cased names, sorted by name, `Connection` and excluded ones out. */
function comparable(r: Recorded, exclude: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < r.headers.length; i += 2) {
    const name = (r.headers[i] ?? '').toLowerCase();
    let value = r.headers[i + 1] ?? '';
    if (name === 'connection' || exclude.includes(name)) continue;
    if (name === 'user-agent' && /^curl\/\d/.test(value)) value = 'curl/(version)';
    out.push([name, value]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

interface Case {
  readonly name: string;
  /** The curl arguments; `H` is `127.0.0.1:<port>` (no scheme), `U` is `http://127.0.0.1:<port>`. */
  readonly args: (H: string, U: string) => string[];
  readonly exclude?: readonly string[];
  /** curl sends more than one request (several URLs, --next): only the first is compared. */
  readonly first?: boolean;
}

const CORPUS: readonly Case[] = [
  { name: '--oauth2-bearer', args: (H) => ['--oauth2-bearer', 'tok-Parity-1234', `${H}/a`] },
  {
    name: '--oauth2-bearer beats -u',
    args: (H) => ['-u', 'u:p', '--oauth2-bearer', 'tok-2', `${H}/a`],
  },
  { name: '-u user:pass', args: (H) => ['-u', 'alice:s3cret', `${H}/u`] },
  { name: '--user', args: (H) => ['--user', 'bob:pw:with:colons', `${H}/u`] },
  { name: '-u user: (empty password)', args: (H) => ['-u', 'carol:', `${H}/u`] },
  { name: '-uuser:pass bundled', args: (H) => ['-uuser:pass', `${H}/u`] },
  { name: 'URL with user:pass@', args: (_H, U) => [U.replace('://', '://dave:pw@') + '/g#frag'] },
  { name: '-sd bundle', args: (H) => ['-sd', 'a=b', `${H}/d`] },
  { name: '-sdVALUE bundle', args: (H) => ['-sda=b&c=d', `${H}/d`] },
  { name: '-sSLk', args: (H) => ['-sSLk', `${H}/f`] },
  { name: '-XPOST', args: (H) => ['-XPOST', `${H}/p`], exclude: ['content-length'] },
  { name: '-X PUT -d', args: (H) => ['-X', 'PUT', '-d', 'x=1', `${H}/p`] },
  { name: '-X GET -d', args: (H) => ['-X', 'GET', '-d', 'a', `${H}/p`] },
  { name: '-Hfoo:bar', args: (H) => ['-Hfoo:bar', `${H}/h`] },
  { name: "-H 'X-A;' (empty value)", args: (H) => ['-H', 'X-A;', `${H}/h`] },
  { name: "-H 'Accept:' (removed)", args: (H) => ['-H', 'Accept:', `${H}/h`] },
  { name: '-H replaces Accept', args: (H) => ['-H', 'Accept: application/xml', `${H}/h`] },
  {
    name: '-H Authorization beats -u',
    args: (H) => ['-H', 'Authorization: Bearer H1', '-u', 'u:p', `${H}/h`],
  },
  { name: '-H repeated', args: (H) => ['-H', 'X-A: 1', '-H', 'X-A: 2', `${H}/h`] },
  { name: '-H without colon is not sent', args: (H) => ['-H', 'X-B', '-H', 'X-C: c', `${H}/h`] },
  { name: '-H @file', args: (H) => ['-H', '@headers.txt', `${H}/h`] },
  {
    name: '-c jar -o out -w fmt',
    args: (H) => ['-c', 'jar', '-o', 'out', '-w', '%{http_code}', `${H}/o`],
  },
  { name: '--trace-ascii FILE', args: (H) => ['--trace-ascii', 'trace.txt', `${H}/o`] },
  { name: '-G -d', args: (H) => ['-G', '-d', 'a=1', '-d', 'b=2', `${H}/g?z=1`] },
  {
    name: '-G --data-urlencode',
    args: (H) => ['-G', '--data-urlencode', 'q=hello world', `${H}/g`],
  },
  { name: '-G -I -d', args: (H) => ['-G', '-I', '-d', 'a=1', `${H}/g`] },
  { name: '-G --json', args: (H) => ['-G', '--json', '{}', `${H}/g`] },
  { name: '--data-urlencode name=value', args: (H) => ['--data-urlencode', 'a=b c&d', `${H}/e`] },
  { name: '--data-urlencode =value', args: (H) => ['--data-urlencode', '=x y+z', `${H}/e`] },
  { name: '--data-urlencode content', args: (H) => ['--data-urlencode', 'plain é/~', `${H}/e`] },
  { name: '--data-urlencode name@file', args: (H) => ['--data-urlencode', 'n@file.txt', `${H}/e`] },
  { name: '--data-urlencode @file', args: (H) => ['--data-urlencode', '@file.txt', `${H}/e`] },
  {
    name: '--data-urlencode mixed with -d',
    args: (H) => ['-d', 'a=1', '--data-urlencode', 'b=2 3', `${H}/e`],
  },
  { name: '--data-raw @', args: (H) => ['--data-raw', '@literal', `${H}/r`] },
  { name: '--data-binary @file', args: (H) => ['--data-binary', '@crlf.txt', `${H}/r`] },
  { name: '-d @file (line breaks dropped)', args: (H) => ['-d', '@crlf.txt', `${H}/r`] },
  { name: "-d ''", args: (H) => ['-d', '', `${H}/r`] },
  { name: '--json repeated', args: (H) => ['--json', '{"a":1}', '--json', '[2]', `${H}/j`] },
  { name: '--json then -d', args: (H) => ['--json', '{}', '-d', 'x=1', `${H}/j`] },
  { name: '-d then --json', args: (H) => ['-d', 'x=1', '--json', '{}', `${H}/j`] },
  { name: '--json @file', args: (H) => ['--json', '@body.json', `${H}/j`] },
  {
    name: '--json with -H Content-Type',
    args: (H) => ['--json', '{}', '-H', 'Content-Type: text/x', `${H}/j`],
  },
  { name: '-e with ;auto', args: (H) => ['-e', 'http://ref.example/;auto', `${H}/e`] },
  { name: '--referer', args: (H) => ['--referer', 'http://ref.example/page', `${H}/e`] },
  { name: '--range', args: (H) => ['--range', '0-99', `${H}/r`] },
  { name: '-r N', args: (H) => ['-r', '5', `${H}/r`] },
  {
    name: '--url-query',
    args: (H) => ['--url-query', 'q=x y', '--url-query', '+r=raw', `${H}/q?z=1`],
  },
  { name: '--url-query with -d', args: (H) => ['-d', 'a=1', '--url-query', 'q=1', `${H}/q`] },
  { name: "-b 'a=b'", args: (H) => ['-b', 'a=b', `${H}/c`] },
  { name: '-b twice', args: (H) => ['-b', 'a=b', '-b', 'c=d', `${H}/c`] },
  { name: '-b with -H Cookie', args: (H) => ['-b', 'a=b', '-H', 'Cookie: x=1', `${H}/c`] },
  { name: '-b FILE (missing file)', args: (H) => ['-b', 'no-such-jar', `${H}/c`] },
  { name: '--compressed', args: (H) => ['--compressed', `${H}/z`] },
  { name: '-I', args: (H) => ['-I', `${H}/i`] },
  { name: '-A', args: (H) => ['-A', 'my agent/1.0', `${H}/a`] },
  { name: "-A ''", args: (H) => ['-A', '', `${H}/a`], exclude: ['user-agent'] },
  { name: '--url', args: (_H, U) => ['--url', `${U}/url`] },
  { name: 'URL with a scheme', args: (_H, U) => [`${U}/s?x=1`] },
  { name: '-- then the URL', args: (H) => ['-s', '--', `${H}/dd`] },
  { name: '-L --no-location', args: (H) => ['-L', '--no-location', `${H}/l`] },
  { name: 'two URLs', args: (H) => [`${H}/one`, `${H}/two`], first: true },
  { name: '--next', args: (H) => ['-H', 'X-A: 1', `${H}/n1`, '--next', `${H}/n2`], first: true },
  {
    name: '-: (short --next)',
    args: (H) => ['-d', 'a=1', `${H}/n1`, '-:', `${H}/n2`],
    first: true,
  },
  {
    name: 'a typical pasted API call',
    args: (H) => [
      '-sS',
      '-X',
      'POST',
      `${H}/v1/chat/completions`,
      '-H',
      'Content-Type: application/json',
      '-H',
      'Authorization: Bearer sk-parity-0000',
      '-d',
      '{"model":"m","messages":[{"role":"user","content":"hi"}]}',
    ],
  },
];

describe('why401 curl sends what curl sends (differential, real /usr/bin/curl)', () => {
  it('the corpus has at least 40 command lines', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const args = c.args(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`);
    const a = await curl(args);
    expect(a.code, `curl: ${a.stderr}`).toBe(0);
    const b = await why401(args);
    expect(b.code, `why401: ${b.stderr}`).toBe(1);
    expect(a.requests.length).toBeGreaterThanOrEqual(1);
    if (!c.first) expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(1);
    const [x, y] = [a.requests[0], b.requests[0]];
    if (!x || !y) throw new Error('no request recorded');
    expect({ method: y.method, target: y.target }).toEqual({ method: x.method, target: x.target });
    expect(comparable(y, c.exclude ?? [])).toEqual(comparable(x, c.exclude ?? []));
    expect(
      y.body.equals(x.body),
      `body: ${JSON.stringify(y.body.toString('latin1'))} vs ${JSON.stringify(x.body.toString('latin1'))}`,
    ).toBe(true);
    if (c.first && a.requests.length > 1) expect(b.stderr).toMatch(/first/);
  });
});

describe('why401 curl refuses what it does not understand (exit 2), echoing no value', () => {
  const TOKEN = `tok${Math.random().toString(36).slice(2)}Zq9`;
  it.each([
    [
      '--oauth2-bearer without a URL: the token is not the URL',
      (): string[] => ['--oauth2-bearer', TOKEN],
    ],
    ['a bare token is never a host', (): string[] => [TOKEN]],
    ['-d without a URL', (): string[] => ['-d', TOKEN]],
    ['an option curl does not have', (H: string): string[] => ['--frobnicate', TOKEN, `${H}/x`]],
    [
      '--name=value (curl does not read it)',
      (H: string): string[] => [`--header=X-K: ${TOKEN}`, `${H}/x`],
    ],
    ['-K/--config', (H: string): string[] => ['-K', `${TOKEN}.cfg`, `${H}/x`]],
    ['-F (multipart)', (H: string): string[] => ['-F', `k=${TOKEN}`, `${H}/x`]],
    [
      'a header value left unquoted',
      (H: string): string[] => ['-H', 'Authorization:', 'Bearer', TOKEN, `${H}/x`],
    ],
    ['an unknown short option in a bundle', (H: string): string[] => ['-sW', `${H}/x`]],
    ['ftp.… guessed as ftp://', (): string[] => ['ftp.example.com/file']],
    ['--digest', (H: string): string[] => ['--digest', '-u', `u:${TOKEN}`, `${H}/x`]],
  ])('%s', async (_name, args) => {
    const r = await why401(args(`127.0.0.1:${port}`));
    expect(r.code, r.stderr).toBe(2);
    expect(r.requests).toEqual([]);
    expect(r.stderr).toMatch(/^why401: /);
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN.slice(0, 9));
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN.slice(-9));
  });
});
