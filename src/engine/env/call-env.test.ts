import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectEnv } from '../../collect/env/index.js';
import { Secret } from '../../secret/secret.js';
import type { EnvSource } from '../../evidence/env.js';
import { otherValue } from '../send-and-judge.js';
import { findingsFor } from './call-env.js';

const OLD = 'sk-old-111aaaaaaaaaaaaaaaa';
const NEW = 'sk-new-777bbbbbbbbbbbbbbbb';
const root = mkdtempSync(join(tmpdir(), 'why401-call-env-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findingsFor: the variables holding a refused key', () => {
  const dir = join(root, 'app');
  const home = join(root, 'home');
  mkdirSync(dir, { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(join(dir, '.env'), `OPENAI_API_KEY=${NEW}\r\n`);
  writeFileSync(join(home, '.bashrc'), `export OPENAI_API_KEY=${OLD}\n`);
  const ids = async (sent: string, env: Record<string, string>) =>
    findingsFor(sent, await collectEnv({ dir, home, env, walk: false })).map((f) => f.id);

  it.each([
    [
      'the ~/.bashrc export, in the environment: env.shadowed',
      OLD,
      { OPENAI_API_KEY: OLD },
      'env.shadowed',
    ],
    [
      'the .env value plus the CR the shell kept: env.crlf',
      `${NEW}\r`,
      { OPENAI_API_KEY: `${NEW}\r` },
      'env.crlf',
    ],
  ])('%s', async (_name, sent, env, id) => {
    const found = await ids(sent, env);
    expect(found).toContain(id);
    expect(found).not.toContain('env.stale');
  });

  it.each([
    ['a key no variable holds', 'sk-zzz-999zzzzzzzzzzzzzzzz'],
    ['an empty key', ''],
  ])('%s: nothing', async (_name, sent) => {
    expect(await ids(sent, { OPENAI_API_KEY: OLD })).toEqual([]);
  });

  it('the evidence names the variable', async () => {
    const c = await collectEnv({ dir, home, env: { OPENAI_API_KEY: OLD }, walk: false });
    expect(findingsFor(OLD, c)[0]?.evidence[0]).toContain('sent the value of OPENAI_API_KEY');
  });
});

describe('otherValue: the value the env-file-value probe tries', () => {
  const src = (
    kind: EnvSource['kind'],
    value: string,
    extra: Partial<EnvSource> = {},
  ): EnvSource => ({
    kind,
    file: kind === 'process' ? null : kind === 'shell' ? '~/.bashrc' : '.env',
    line: 1,
    value: new Secret(value, 'test'),
    wins: false,
    group: 'app',
    ...extra,
  });
  const sent = (value: string) => ({ secret: new Secret(value, 'test'), meant: value.trim() });
  const pick = (sources: EnvSource[], value: string) =>
    otherValue(sources, sent(value))?.value.reveal();

  it.each([
    [
      'the .env value beside a shadowing export',
      [src('process', OLD), src('shell', OLD), src('dotenv', NEW, { rank: 0 })],
      OLD,
      NEW,
    ],
    [
      'a shell export when .env agrees with the process',
      [src('process', NEW), src('dotenv', NEW, { rank: 0 }), src('shell', OLD)],
      NEW,
      OLD,
    ],
    [
      'the first file in the load order',
      [
        src('dotenv', OLD, { file: '.env', rank: 1 }),
        src('dotenv', NEW, { file: '.env.local', rank: 0 }),
      ],
      'x-sent-123456789',
      NEW,
    ],
    [
      'the last line of duplicates',
      [src('dotenv', OLD, { rank: 0, line: 1 }), src('dotenv', NEW, { rank: 0, line: 2 })],
      'x-sent-123456789',
      NEW,
    ],
  ])('%s', (_name, sources, value, want) => {
    expect(pick(sources, value)).toBe(want);
  });

  it.each([
    ['the same value everywhere', [src('process', NEW), src('dotenv', NEW, { rank: 0 })], NEW],
    [
      'only the cleaned form (the sanitized probe tries it)',
      [src('process', `${NEW}\r`), src('dotenv', NEW, { rank: 0 })],
      `${NEW}\r`,
    ],
    ['an empty value', [src('process', NEW), src('dotenv', '', { rank: 0 })], NEW],
    ['a .netrc password', [src('process', NEW), src('netrc', OLD)], NEW],
  ])('none: %s', (_name, sources, value) => {
    expect(pick(sources, value)).toBeUndefined();
  });
});
