/**
 * Secrets rule of shared/spec/cli.md: no output of any command carries a credential, nor any run
 * of 9 or more of its consecutive characters. Random canaries, made fresh each run, go into
 * environment variables, files, stdin and arguments; every output is searched for them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { runsOf, tempDir, why401, type Run, type RunOptions } from './helpers.js';

const rand = (chars: number) => randomBytes(chars).toString('base64url').slice(0, chars);
const seg = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

const plain = rand(40);
const prefixed = `sk-proj-${rand(40)}`;
const github = `ghp_${rand(36)}`;
const password = rand(24);
const basic = Buffer.from(`user:${password}`, 'utf8').toString('base64');
const jwtClaims = seg({ sub: rand(30), exp: Math.floor(Date.now() / 1000) - 60 });
const jwt = `${seg({ alg: 'HS256', typ: 'JWT' })}.${jwtClaims}.${rand(43)}`;

/** Each canary as it is supplied; `watch` lists what must never appear in the output. */
const CANARIES = [
  { name: 'plain', value: plain },
  { name: 'plain + LF', value: `${plain}\n` },
  { name: 'prefixed', value: prefixed },
  { name: 'prefixed + CRLF', value: `${prefixed}\r\n` },
  { name: 'ghp_', value: github },
  { name: 'quoted, with a space', value: `"${github}" ` },
  { name: 'Bearer + prefixed', value: `Bearer ${prefixed}` },
  { name: 'JWT', value: jwt },
  { name: 'Basic', value: `Basic ${basic}` },
] as const;
const WATCH = [plain, prefixed, github, password, basic, jwtClaims, jwt.split('.')[2] ?? ''];

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const FILES = CANARIES.map((c, n) => tmp.file(`canary-${n}`, c.value));

/** Every canary in the environment, under names a real setup would use. */
const ENV: Record<string, string> = {
  OPENAI_API_KEY: prefixed,
  GITHUB_TOKEN: github,
  API_TOKEN: `${plain}\n`,
  AUTH_HEADER: `Bearer ${prefixed}`,
  BASIC_AUTH: `Basic ${basic}`,
  ID_TOKEN: jwt,
  ...Object.fromEntries(CANARIES.map((c, n) => [`CANARY_${n}`, c.value])),
};

function clean(run: Run): void {
  const output = `${run.stdout}\n${run.stderr}`;
  for (const canary of WATCH) expect(runsOf(canary, output)).toEqual([]);
  for (const c of CANARIES) expect(output).not.toContain(c.value.trim());
}

const exec = (args: string[], options: RunOptions = {}) =>
  why401(args, {
    env: { ...ENV, ...options.env },
    ...(options.input ? { input: options.input } : {}),
  });

describe('canaries never reach the output', () => {
  describe.each(CANARIES.map((c, n) => [c.name, c, n] as const))('%s', (_name, c, n) => {
    it.each([[[]], [['--json']], [['--provider', 'openai']], [['--provider', 'stripe', '--json']]])(
      'key, every source, %j',
      (extra) => {
        clean(exec(['key', '--key-env', `CANARY_${n}`, ...extra]));
        clean(exec(['key', '--key-file', FILES[n] ?? '', ...extra]));
        clean(exec(['key', '--key-stdin', ...extra], { input: c.value }));
        clean(exec(['key', '--key', c.value, ...extra]));
      },
    );

    it('usage errors with the key given', () => {
      clean(exec(['key', '--key', c.value, '--bogus']));
      clean(exec(['key', '--key', c.value, '--key-env', 'OPENAI_API_KEY']));
      clean(exec(['key', '--key', c.value, '--provider', 'nope']));
      clean(exec(['key', '--key', c.value, 'extra-positional']));
      clean(exec(['key', '--key-stdin', '--key', c.value], { input: c.value }));
      clean(exec(['key', '--help', '--key', c.value]));
      clean(exec(['explain', 'key.newline', '--key', c.value]));
      clean(exec(['providers', '--key', c.value]));
    });
  });

  it.each([
    [['--help']],
    [['-h']],
    [['--version']],
    [[]],
    [['nope']],
    [['key']],
    [['key', '--help']],
    [['key', '--key-env', 'UNSET_VARIABLE']],
    [['key', '--key-env', 'UNSET_VARIABLE', '--json']],
    [['key', '--key-file', '/nonexistent/why401/key']],
    [['key', '--key-file', tmp.dir]],
    [['explain', '--help']],
    [['explain', 'key.newline']],
    [['explain', 'env.unset', '--json']],
    [['explain', '401']],
    [['explain', '--list']],
    [['explain', 'nope']],
    [['explain']],
    [['providers']],
    [['providers', '--help']],
    [['providers', 'openai']],
    [['providers', 'github', '--json']],
    [['providers', 'nope']],
  ])('%j, every canary in the environment', (args) => {
    clean(exec(args));
  });

  it('a file holding several canaries, a 1 MB file around one', () => {
    clean(exec(['key', '--key-file', tmp.file('many', `${plain}\n${prefixed}\n${github}\n`)]));
    const big = Buffer.concat([Buffer.from(prefixed), randomBytes(1024 * 1024)]);
    clean(exec(['key', '--key-file', tmp.file('big', big)]));
  });

  // A key pasted where a name or an id belongs is never echoed back.
  it('--key-env given the key itself instead of a variable name', () => {
    clean(exec(['key', '--key-env', prefixed]));
  });
  it('--provider given the key by mistake', () => {
    clean(exec(['key', '--key-env', 'OPENAI_API_KEY', '--provider', prefixed]));
  });
  it('explain given the key by mistake', () => {
    clean(exec(['explain', plain]));
  });
  it('providers given the key by mistake', () => {
    clean(exec(['providers', plain]));
  });
});
