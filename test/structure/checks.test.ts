/**
 * One check per file, named as its check, its table test beside it (issue 15 item 5), and every
 * check registered in its folder's index.ts (the explicit, ordered list the report follows). The
 * modules of src/checks/{key,request,env} are loaded and their exported checks counted.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENV_CHECKS } from '../../src/checks/env/index.js';
import { KEY_CHECKS } from '../../src/checks/key/index.js';
import { REQUEST_CHECKS } from '../../src/checks/request/index.js';
import type { Check } from '../../src/checks/types.js';
import { ROOT } from '../cli/helpers.js';

const FOLDERS = { key: KEY_CHECKS, request: REQUEST_CHECKS, env: ENV_CHECKS } as const;

/**
 * Files that export more than one check, and why: token.ts makes its two from one factory (the
 * claim a verifier rejects, `iss` or `aud`: one concern, two ids).
 */
const SEVERAL = new Set(['src/checks/request/token.ts']);

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return modules(path);
    return /\.ts$/.test(e.name) && !/\.test\.ts$|^(index|test-helpers)\.ts$/.test(e.name)
      ? [path]
      : [];
  });
}

const isCheck = (v: unknown): v is Check<unknown> =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Check<unknown>).name === 'string' &&
  typeof (v as Check<unknown>).run === 'function';

/** Each file of a folder and the checks it defines (re-exports of another file's check aside). */
async function checksByFile(folder: string): Promise<Map<string, Check<unknown>[]>> {
  const byFile = new Map<string, Check<unknown>[]>();
  const seen = new Set<Check<unknown>>();
  const files = modules(join(ROOT, 'src', 'checks', folder));
  // A file that only re-exports (kept for other branches) is visited last, so its checks are
  // already counted where they are defined.
  for (const path of files) {
    const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const own = Object.values(mod)
      .filter(isCheck)
      .filter((c) => !seen.has(c));
    own.forEach((c) => seen.add(c));
    if (own.length) byFile.set(relative(ROOT, path), own);
  }
  return byFile;
}

describe.each(Object.entries(FOLDERS))('src/checks/%s', (folder, registered) => {
  it('each file defines one check (a check may raise several ids)', async () => {
    const several = [...(await checksByFile(folder))].filter(
      ([file, checks]) => checks.length > 1 && !SEVERAL.has(file),
    );
    expect(several.map(([file, checks]) => `${file}: ${checks.map((c) => c.name)}`)).toEqual([]);
  });

  it('each file that defines a check has its table test beside it', async () => {
    const files = [...(await checksByFile(folder)).keys()];
    const tests = new Set(
      modules(join(ROOT, 'src', 'checks', folder)).length > 0
        ? readdirSync(join(ROOT, 'src', 'checks', folder), { recursive: true })
            .map(String)
            .filter((f) => f.endsWith('.test.ts'))
            .map((f) => join('src', 'checks', folder, f))
        : [],
    );
    expect(files.filter((f) => !tests.has(f.replace(/\.ts$/, '.test.ts')))).toEqual([]);
  });

  it('every check defined is in index.ts, once, by name', async () => {
    // by name: index.ts may wrap a check (key/'s onWholeValue keeps its name)
    const names: string[] = registered.map((c) => c.name);
    const defined = [...(await checksByFile(folder)).values()].flat();
    expect(defined.map((c) => c.name).filter((n) => !names.includes(n))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });
});
