/**
 * The bundles' V8 code caches (src/cli/bin.ts, made by scripts/code-cache.mjs at build time):
 * V8 takes each one, and a cache that does not fit its bundle changes nothing but speed.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheHeader, stampOf, wrapCommonJs } from '../../src/cli/code-cache.js';
import { ROOT, why401 } from './helpers.js';

const CLI = join(ROOT, 'dist', 'cli');
const bundles = [
  'main.cjs',
  'runtime.cjs',
  'vendor/yaml.cjs',
  ...['commands', 'wording'].flatMap((dir) =>
    readdirSync(join(CLI, dir))
      .filter((f) => f.endsWith('.cjs'))
      .map((f) => `${dir}/${f}`),
  ),
];

describe('code cache', () => {
  it.each(bundles)('%s is stamped, and V8 accepts its cache', (bundle) => {
    const source = readFileSync(join(CLI, bundle), 'utf8');
    const stamp = stampOf(source);
    expect(stamp).toMatch(/^\/\/ why401 build [0-9a-f]{16}$/);
    const data = readFileSync(join(CLI, `${bundle}.v8c`));
    const header = cacheHeader(stamp);
    expect(data.subarray(0, header.length).equals(header)).toBe(true);
    const script = new Script(wrapCommonJs(source), {
      filename: join(CLI, bundle),
      cachedData: data.subarray(header.length),
    });
    expect(script.cachedDataRejected).toBe(false);
  });

  // One non-ASCII character makes V8 decode the whole bundle into a two-byte string at each start
  // (scripts/bundle.mjs escapes what esbuild leaves as written: comments, regex literals).
  it.each(bundles)('%s is ASCII only', (bundle) => {
    const nonAscii = readFileSync(join(CLI, bundle), 'latin1').search(/[^\x00-\x7f]/);
    expect(nonAscii).toBe(-1);
  });

  describe('a cache that does not fit its bundle', () => {
    const copy = mkdtempSync(join(tmpdir(), 'why401-code-cache-'));
    afterAll(() => rmSync(copy, { recursive: true, force: true }));
    cpSync(CLI, copy, { recursive: true });
    const bin = join(copy, 'why401.cjs');
    const key = join(copy, 'commands', 'key.cjs');
    const stamp = stampOf(readFileSync(key, 'utf8'));
    // a key of the real length and shape: no finding, exit 0
    const args = [
      'key',
      '--key',
      `sk-proj-${'a1B2c3D4'.repeat(3)}T3BlbkFJ${'p1Q2r3S4'.repeat(3)}`,
      '--json',
    ];
    let expected: ReturnType<typeof why401>;
    beforeAll(() => {
      expected = why401(args);
      expect(expected.status).toBe(0);
    });

    it.each([
      [
        'another build',
        Buffer.concat([
          cacheHeader('// why401 build 0000000000000000'),
          readFileSync(`${key}.v8c`),
        ]),
      ],
      ['garbage after the right stamp', Buffer.concat([cacheHeader(stamp), Buffer.alloc(4096, 7)])],
      ['an empty file', Buffer.alloc(0)],
    ])('%s: ignored, the same output', (_, cache) => {
      writeFileSync(`${key}.v8c`, cache);
      const run = why401(args, { bin });
      expect(run).toEqual(expected);
    });

    it('WHY401_CODE_CACHE=off: the same output', () => {
      expect(why401(args, { env: { WHY401_CODE_CACHE: 'off' } })).toEqual(expected);
    });
  });
});
