/** check --key-env NAME --env-dir DIR: the stale environment traced and confirmed (st-01..st-06). */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
