/** check --key-env NAME --env-dir DIR: the stale environment traced and confirmed (st-01..st-06). */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, expectAccepted, expectDiagnosis } from './run-cli.js';
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
