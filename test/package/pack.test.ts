/**
 * The package as users get it: `npm pack`, installed into a fresh project from the tarball (its
 * dependencies from the npm cache), then the library imported by name, its types compiled by a
 * consumer's tsc, and the bin run through npx.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { ROOT } from '../cli/helpers.js';

let dir: string;
let project: string;

/** npm's own variables of an outer `npm test` must not steer the inner npm. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^npm_/i.test(k) || /^npm_config_(cache|registry)$/i.test(k)) env[k] = v;
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false' };
}

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd,
    env: npmEnv(),
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'why401-pack-'));
  ok(run('npm', ['pack', '--silent', '--pack-destination', dir], ROOT), 'npm pack');
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  project = join(dir, 'app');
  ok(run('mkdir', ['-p', project], dir), 'mkdir');
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'why401-consumer', private: true, type: 'module' }),
  );
  const install = (mode: string) =>
    run('npm', ['install', mode, '--no-audit', '--no-fund', join(dir, tarball)], project);
  let r = install('--offline');
  if (r.status !== 0) r = install('--prefer-offline');
  ok(r, 'npm install <tarball>');
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package, installed', () => {
  it('ships dist/ (no sources, tests or files of earlier builds), README and package.json', () => {
    // Files of an earlier build: prepack (scripts/prune-dist.mjs) drops them.
    const stale = [
      join(ROOT, 'dist', 'cli', 'commands', 'stale-0000TEST.cjs'),
      join(ROOT, 'dist', 'cli', 'chunks', 'chunk-0000TEST.js'),
    ];
    for (const file of stale) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, 'module.exports = {};\n');
    }
    const r = ok(
      run('npm', ['pack', '--dry-run', '--json', '--silent'], ROOT),
      'npm pack --dry-run',
    );
    const files =
      (JSON.parse(r) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/cli/why401.cjs');
    expect(files).toContain('dist/cli/main.cjs');
    expect(files).toContain('dist/cli/runtime.cjs');
    expect(files).toContain('dist/cli/vendor/yaml.cjs');
    expect(files).toContain('dist/cli/wording/token.cjs');
    expect(files).toContain('dist/cli/wording/token.cjs.v8c');
    // The bundles' V8 code caches (src/cli/bin.ts) ship beside them.
    expect(files).toContain('dist/cli/main.cjs.v8c');
    expect(files).toContain('dist/cli/commands/key.cjs.v8c');
    expect(files.filter((f) => !f.startsWith('dist/')).sort()).toEqual([
      'README.md',
      'package.json',
    ]);
    expect(files.some((f) => /\.test\.|^src\//.test(f))).toBe(false);
    expect(files.filter((f) => f.includes('0000TEST'))).toEqual([]);
    // One bundle per command, each of them shipped; nothing else in dist/cli/commands/.
    const commands = files.filter((f) => f.startsWith('dist/cli/commands/'));
    const built = readdirSync(join(ROOT, 'dist', 'cli', 'commands'));
    expect(commands.sort()).toEqual(built.map((f) => `dist/cli/commands/${f}`).sort());
    expect(built).toContain('key.cjs');
    expect(built.every((f) => f.endsWith('.cjs') || f.endsWith('.cjs.v8c'))).toBe(true);
  });

  it('import { diagnose, lintKey, explain, withWhy401 } from "why401" works as a user writes it', () => {
    writeFileSync(
      join(project, 'app.mjs'),
      `
import http from 'node:http';
import { diagnose, lintKey, explain, withWhy401, isWhy401Error, Why401Error } from 'why401';

const server = http.createServer((req, res) => {
  const ok = req.headers.authorization === 'Bearer tok_live_abcdefghijklmnopqrst';
  res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
  res.end(ok ? '{"me":"demo"}' : '{"error":"invalid_token","message":"token not recognised"}');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = 'http://127.0.0.1:' + server.address().port + '/v1/me';

const refused = [];
const fetch401 = withWhy401(fetch, { onRefused: (d) => refused.push(d.verdict.cause) });
const res = await fetch401(url, { headers: { Authorization: "Bearer 'tok_live_abcdefghijklmnopqrst'" } });
const body = await res.json();

const d = await diagnose({ url, key: 'tok_live_abcdefghijklmnopqrst' }, { proxy: null });
const key = lintKey('sk-proj-your-api-key-here');
const e = explain('key.quoted');
let code = null;
try { explain('nope.nope'); } catch (err) { code = isWhy401Error(err) && err instanceof Why401Error ? err.code : 'other'; }
server.close();
console.log(JSON.stringify({
  status: res.status, body, refused, verdict: d.verdict.status, exchanges: d.exchanges.length,
  lint: key.findings.map((f) => f.id), docs: e.docs, code,
}));
`,
    );
    const out = JSON.parse(
      ok(run(process.execPath, ['app.mjs'], project), 'node app.mjs'),
    ) as Record<string, unknown>;
    expect(out).toEqual({
      status: 401,
      body: { error: 'invalid_token', message: 'token not recognised' },
      refused: ['key.quoted'],
      verdict: 'accepted',
      exchanges: 1,
      lint: expect.arrayContaining(['key.placeholder']) as unknown,
      docs: 'https://github.com/why401/why401/blob/main/docs/findings/key.quoted.md',
      code: 'WHY401_E_INPUT',
    });
  });

  it("a consumer's TypeScript (NodeNext, strict) compiles against the shipped types", () => {
    writeFileSync(
      join(project, 'use.ts'),
      `
import { diagnose, lintKey, withWhy401, explain, type Diagnosis, type FindingId, type Why401ErrorCode } from 'why401';
const fetch401: typeof fetch = withWhy401(fetch, { throw: true, onRefused: (d: Diagnosis) => void d.verdict.cause });
const id: FindingId = 'key.newline';
const code: Why401ErrorCode = 'WHY401_E_REFUSED';
export async function main(): Promise<string> {
  const d = await diagnose({ url: 'https://api.openai.com/v1/models', key: 'sk-x' });
  return [d.verdict.summary, lintKey('x').findings.length, explain(id).title, code, typeof fetch401].join();
}
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2023'],
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
        },
        files: ['use.ts'],
      }),
    );
    const tsc = run(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
      project,
    );
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
  });

  it("an older consumer's TypeScript (node10 resolution, no esModuleInterop) compiles too", () => {
    // Default imports of Node's modules in the shipped .d.ts (`import http from 'node:http'`)
    // are TS1192 there: the types import them as namespaces.
    const dir = join(project, 'node10');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'use.ts'),
      `import { diagnose, type Diagnosis } from 'why401';\nexport const run = (): Promise<Diagnosis> => diagnose({ url: 'https://example.com' });\n`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'CommonJS',
          moduleResolution: 'node10',
          target: 'ES2022',
          lib: ['ES2023'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          baseUrl: '.',
          paths: { why401: [join(project, 'node_modules', 'why401')] },
        },
        files: ['use.ts'],
      }),
    );
    const tsc = run(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
      dir,
    );
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('npx why401 --version runs the installed bin', () => {
    const r = run('npx', ['--no', '--', 'why401', '--version'], project);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(VERSION);
  });
});
