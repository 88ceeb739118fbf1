/** check --key-env NAME --env-dir DIR: the stale environment traced and confirmed (st-01..st-06). */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, check, expectAccepted, expectDiagnosis } from './run-cli.js';
import { makeKey, startOpenAiLikeApi, type TestServer } from './servers.js';

describe('env: a stale process value while .env holds the new key', () => {
  const fresh = makeKey('sk-new-');
  const old = makeKey('sk-old-');
  let api: TestServer;
  let dir: string;
  beforeAll(async () => {
    api = await startOpenAiLikeApi(fresh);
    dir = mkdtempSync(join(tmpdir(), 'why401-env-e2e-'));
    writeFileSync(join(dir, '.env'), `OPENAI_API_KEY=${fresh}\n`);
    mkdirSync(join(dir, 'home'));
    writeFileSync(join(dir, 'home', '.bashrc'), `export OPENAI_API_KEY=${old}\n`);
  });
  afterAll(() => {
    api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an exported old key shadows .env → env.shadowed, confirmed by the .env value (st-01)', async () => {
    const run = await check(
      [`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY', '--env-dir', dir],
      { env: { OPENAI_API_KEY: old, HOME: join(dir, 'home') }, secrets: [fresh, old] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'env.shadowed',
      findings: ['env.shadowed'],
    });
  });

  it('a process that kept the old value → env.stale or env.shadowed as the cause (st-04)', async () => {
    const run = await check(
      [`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY', '--env-dir', dir],
      { env: { OPENAI_API_KEY: old, HOME: join(dir, 'nohome') }, secrets: [fresh, old] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'env.stale',
      findings: ['env.stale'],
    });
  });

  it('control: a clean environment with the new key is accepted', async () => {
    const run = await check(
      [`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY', '--env-dir', dir],
      { env: { OPENAI_API_KEY: fresh, HOME: join(dir, 'nohome') }, secrets: [fresh, old] },
    );
    expectAccepted(run);
  });
});

describe('env: the variable the code reads is unset (en-04, scenario 3)', () => {
  const key = makeKey('sk-');
  let api: TestServer;
  let dir: string;
  beforeAll(async () => {
    api = await startOpenAiLikeApi(key);
    dir = mkdtempSync(join(tmpdir(), 'why401-env-unset-'));
  });
  afterAll(() => {
    api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a framework-prefixed name is set instead → sent without a key, cause env.similar-name', async () => {
    const run = await check(
      [`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY', '--env-dir', dir],
      { env: { VITE_OPENAI_API_KEY: key, HOME: dir }, secrets: [key] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'env.similar-name',
      findings: ['env.similar-name', 'env.unset'],
    });
  });

  it('nothing close is set → cause env.unset, without --env-dir too', async () => {
    const run = await check([`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY'], {
      env: { HOME: dir },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'env.unset',
      findings: ['env.unset'],
    });
  });
});

describe('env: check --key-env traces the working directory by default (issue 14, item 6)', () => {
  const fresh = makeKey('sk-new-');
  const old = makeKey('sk-old-');
  const other = makeKey('sk-oth-');
  let api: TestServer;
  let dir: string;
  let home: string;
  let crlf: string;
  let bad: string;
  beforeAll(async () => {
    api = await startOpenAiLikeApi(fresh);
    dir = mkdtempSync(join(tmpdir(), 'why401-env-default-'));
    home = join(dir, 'home');
    mkdirSync(join(dir, 'project'));
    mkdirSync(home);
    writeFileSync(join(dir, 'project', '.env'), `OPENAI_API_KEY=${fresh}\n`);
    writeFileSync(
      join(dir, 'project', 'package.json'),
      '{"type":"module","dependencies":{"dotenv":"^16.4.0"}}\n',
    );
    writeFileSync(join(dir, 'project', 'index.js'), "import 'dotenv/config';\n");
    writeFileSync(join(home, '.bashrc'), `# keys\nexport OPENAI_API_KEY=${old}\n`);
    crlf = join(dir, 'crlf');
    mkdirSync(crlf);
    writeFileSync(join(crlf, '.env'), `OPENAI_API_KEY=${fresh}\r\nOTHER=1\r\n`);
    bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, '.env'), `OPENAI_API_KEY=${old}\n`);
  });
  afterAll(() => {
    api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a ~/.bashrc export shadows .env, no --env-dir: env.shadowed, confirmed by the .env value', async () => {
    const run = await check([`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY'], {
      env: { OPENAI_API_KEY: old, HOME: home },
      secrets: [fresh, old],
      cwd: join(dir, 'project'),
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'env.shadowed',
      findings: ['env.shadowed'],
    });
    expect(run.json?.findings.map((f) => f.id)).not.toContain('credential.invalid');
    const shadowed = run.json?.findings.find((f) => f.id === 'env.shadowed');
    expect(JSON.stringify(shadowed?.evidence)).toContain('sent with the value of .env:1: accepted');
    expect(run.json?.exchanges.map((e) => e.label).join(' ')).toContain('env-file-value');
  });

  it('--no-env: no trace, no probe of the .env value', async () => {
    const run = await check(
      [`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY', '--no-env'],
      {
        env: { OPENAI_API_KEY: old, HOME: home },
        secrets: [fresh, old],
        cwd: join(dir, 'project'),
      },
    );
    expect(run.code, JSON.stringify(run.json?.verdict)).toBe(1);
    expect(run.json?.findings.some((f) => f.id.startsWith('env.'))).toBe(false);
    expect(run.json?.exchanges.map((e) => e.label).join(' ')).not.toContain('env-file-value');
  });

  it('both values refused: the other value is said, as a warning, refused too', async () => {
    const run = await check([`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY'], {
      env: { OPENAI_API_KEY: other, HOME: join(dir, 'nohome') },
      secrets: [fresh, old, other],
      cwd: bad,
    });
    expect(run.code).toBe(1);
    const stale = run.json?.findings.find((f) => f.id === 'env.stale');
    expect(stale?.severity).toBe('warning');
    expect(JSON.stringify(stale?.evidence)).toContain(
      'sent with the value of .env:1: refused too (401)',
    );
  });

  it('a CRLF .env sourced by the shell (`set -a; . ./.env`): env.crlf, not env.stale', async () => {
    const run = await check([`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY'], {
      env: { OPENAI_API_KEY: `${fresh}\r`, HOME: join(dir, 'nohome') },
      secrets: [fresh],
      cwd: crlf,
    });
    expect(run.code, JSON.stringify(run.json?.findings.map((f) => f.id))).toBe(1);
    const ids = run.json?.findings.map((f) => f.id) ?? [];
    expect(ids).toContain('env.crlf');
    expect(ids).not.toContain('env.stale');
    expect(ids).not.toContain('credential.invalid');
  });

  it('control: the .env value in the shell, a healthy project: accepted, no env error', async () => {
    const run = await check([`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY'], {
      env: { OPENAI_API_KEY: fresh, HOME: join(dir, 'nohome') },
      secrets: [fresh],
      cwd: join(dir, 'project'),
    });
    expectAccepted(run);
  });
});

describe('env: run and capture trace the working directory for a refused key (issue 14, item 6)', () => {
  const fresh = makeKey('sk-new-');
  const old = makeKey('sk-old-');
  let api: TestServer;
  let dir: string;
  let home: string;
  const CLI = join(ROOT, 'dist', 'cli', 'why401.cjs');
  const envOf = (extra: Record<string, string>) => ({
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    HOME: home,
    OPENAI_API_KEY: old,
    ...extra,
  });
  beforeAll(async () => {
    api = await startOpenAiLikeApi(fresh);
    dir = mkdtempSync(join(tmpdir(), 'why401-env-run-'));
    home = join(dir, 'home');
    mkdirSync(home);
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', '.env'), `OPENAI_API_KEY=${fresh}\n`);
    writeFileSync(join(home, '.bashrc'), `export OPENAI_API_KEY=${old}\n`);
    writeFileSync(
      join(dir, 'app', 'app.mjs'),
      "const r = await fetch(process.env.API_BASE + '/v1/models', { headers: { authorization: 'Bearer ' + process.env.OPENAI_API_KEY } });\nconsole.log('app', r.status);\n",
    );
  });
  afterAll(() => {
    api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function runApp(extra: string[]) {
    return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'run', ...extra, '--', 'node', 'app.mjs'], {
        cwd: join(dir, 'app'),
        env: envOf({ API_BASE: api.origin }),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stderr }));
    });
  }

  it('run: the key refused is the ~/.bashrc export that shadows .env → env.shadowed, not "create a new key"', async () => {
    const run = await runApp(['--json', '--provider', 'openai']);
    const call = JSON.parse(run.stderr.split('\n').find((l) => l.startsWith('{')) ?? '{}') as {
      verdict?: { cause: string };
      findings?: { id: string; evidence: string }[];
    };
    expect(call.verdict?.cause, run.stderr).toBe('env.shadowed');
    expect(call.findings?.find((f) => f.id === 'env.shadowed')?.evidence).toContain(
      'the refused call sent the value of OPENAI_API_KEY',
    );
    for (const key of [fresh, old]) expect(run.stderr).not.toContain(key.slice(-12));
  });

  it('run --no-env: the folder is not read', async () => {
    const run = await runApp(['--json', '--provider', 'openai', '--no-env']);
    expect(run.stderr).not.toContain('env.shadowed');
    expect(run.stderr).toContain('"refused":true');
  });

  it('capture: the same, for a call that passed through', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'capture', '--target', api.origin, '--port', '0', '--json', '--provider', 'openai'],
      { cwd: join(dir, 'app'), env: envOf({}), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    const changed = new Set<() => void>();
    child.stdout
      .setEncoding('utf8')
      .on('data', (c: string) => ((out += c), changed.forEach((f) => f())));
    child.stderr
      .setEncoding('utf8')
      .on('data', (c: string) => ((err += c), changed.forEach((f) => f())));
    const until = (test: () => boolean) =>
      new Promise<void>((resolve) => {
        const f = () => {
          if (test() || child.exitCode !== null) {
            changed.delete(f);
            resolve();
          }
        };
        changed.add(f);
        f();
      });
    try {
      await until(() => /listening on http:\/\/[\d.:]+/.test(err));
      const origin = /listening on (http:\/\/[\d.:]+)/.exec(err)?.[1] ?? '';
      const r = await fetch(`${origin}/v1/models`, { headers: { authorization: `Bearer ${old}` } });
      await r.text();
      expect(r.status).toBe(401);
      await until(() => out.includes('\n'));
      const call = JSON.parse(out.split('\n')[0] ?? '{}') as { verdict?: { cause: string } };
      expect(call.verdict?.cause, out + err).toBe('env.shadowed');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
