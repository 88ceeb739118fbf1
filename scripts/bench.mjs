#!/usr/bin/env node
// `npm run bench`: one table of medians measured in one run on this machine, each as a ratio
// against a baseline run alongside (never raw times alone: machines differ, ratios travel).
// Not part of the tests. Needs a build (`npm run build`).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startLoopbackApi } from './loopback-api.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const WARMUP = 3;
const CLI = new URL('../dist/cli/why401.cjs', import.meta.url).pathname;
const key = `sk-bench-${randomBytes(18).toString('base64url')}`;

const api = await startLoopbackApi(key);
const url = api.url;

const dir = mkdtempSync(join(tmpdir(), 'why401-bench-'));
const bare = join(dir, 'bare.mjs');
writeFileSync(
  bare,
  `import http from 'node:http';
http.get(process.argv[2], { headers: { authorization: 'Bearer ' + process.env.K } }, (r) => { r.resume(); r.on('end', () => process.exit(0)); });`,
);
const project = join(dir, 'project');
mkdirSync(project);
for (let i = 0; i < 8; i++)
  writeFileSync(join(project, i ? `.env.${i}` : '.env'), `OPENAI_API_KEY=${key}\nOTHER_${i}=x\n`);
for (let i = 0; i < 6; i++)
  writeFileSync(
    join(project, `compose-${i}.yaml`),
    `services:\n  app:\n    environment:\n      OPENAI_API_KEY: ${key}\n`,
  );
writeFileSync(join(project, 'compose.yaml'), `services:\n  app:\n    env_file: .env\n`);
for (let i = 0; i < 5; i++) {
  mkdirSync(join(project, `svc${i}`));
  writeFileSync(
    join(project, `svc${i}`, 'Dockerfile'),
    `FROM node:20\nENV OPENAI_API_KEY=${key}\n`,
  );
}

/** NODE_EXTRA_CA_CERTS makes every Node start read a CA file: when set, a second pass runs without. */
let withoutCaFile = false;
function run(cmd, args, extra = {}) {
  const env = { ...process.env, K: key, NO_COLOR: '1', ...extra };
  if (withoutCaFile) delete env.NODE_EXTRA_CA_CERTS;
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: 'ignore', env });
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - t) / 1e6));
  });
}

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

const has = (bin) => ['/usr/bin', '/usr/local/bin'].some((d) => existsSync(join(d, bin)));
/** name → { goal, passes: [{ subject, baseline, ratio }] }, one pass per environment. */
const rows = new Map();
/** Subject and baseline run in turns, so a machine that slows down mid-run slows both alike. */
async function compare(name, goal, subject, baseline) {
  for (let i = 0; i < WARMUP; i++) {
    await run(...subject);
    await run(...baseline);
  }
  const s = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    s.push(await run(...subject));
    b.push(await run(...baseline));
  }
  const row = rows.get(name) ?? { goal, passes: [] };
  row.passes.push({ subject: median(s), baseline: median(b), ratio: median(s) / median(b) });
  rows.set(name, row);
}

const node = process.execPath;
async function measureAll() {
  await compare(
    'check (accepted) vs bare node:http request',
    1.5,
    [node, [CLI, 'check', url, '--key-env', 'K']],
    [node, [bare, url]],
  );
  await compare(
    'check (refused, probes) vs --no-probe',
    1.3,
    [node, [CLI, 'check', url, '--key', 'sk-wrong-0000000000']],
    [node, [CLI, 'check', url, '--key', 'sk-wrong-0000000000', '--no-probe']],
  );
  await compare(
    'key --json vs node -e 0',
    1.3,
    [node, [CLI, 'key', '--key-env', 'K', '--json']],
    [node, ['-e', '0']],
  );
  await compare(
    'explain 401 vs node -e 0',
    1.3,
    [node, [CLI, 'explain', '401']],
    [node, ['-e', '0']],
  );
  await compare(
    'env (20 files) vs node -e 0',
    1.5,
    [node, [CLI, 'env', 'OPENAI_API_KEY', '--dir', project]],
    [node, ['-e', '0']],
  );
  await compare(
    '(info) env, code cache vs WHY401_CODE_CACHE=off',
    null,
    [node, [CLI, 'env', 'OPENAI_API_KEY', '--dir', project]],
    [node, [CLI, 'env', 'OPENAI_API_KEY', '--dir', project], { WHY401_CODE_CACHE: 'off' }],
  );
  if (has('curl'))
    await compare(
      '(info) curl, same request, vs bare node',
      null,
      ['curl', ['-s', '-o', '/dev/null', '-H', `Authorization: Bearer ${key}`, url]],
      [node, [bare, url]],
    );
  if (has('http'))
    await compare(
      '(info) HTTPie, same request, vs bare node',
      null,
      ['http', ['--ignore-stdin', url, `Authorization:Bearer ${key}`]],
      [node, [bare, url]],
    );
}

const caFile = process.env['NODE_EXTRA_CA_CERTS'];
await measureAll();
if (caFile) {
  withoutCaFile = true;
  await measureAll();
}

api.close();
rmSync(dir, { recursive: true, force: true });

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const cells = (p) =>
  `${fmt(p.subject).padStart(10)} ${fmt(p.baseline).padStart(10)} ${`${p.ratio.toFixed(2)}×`.padStart(7)}`;
const mark = (goal, ratio) => (goal === null ? '' : ratio <= goal ? '✔' : '✖');
console.log(
  `why401 benchmark: medians of ${RUNS} runs (after ${WARMUP} warm-up), node ${process.version}, ${new Date().toISOString()}\n`,
);
if (caFile)
  console.log(
    `NODE_EXTRA_CA_CERTS is set here (${caFile}): Node reads that file at every start, baselines\n` +
      'included, which lowers every ratio. The right-hand columns are the same measures without it.\n',
  );
const pass = `${'why401'.padStart(10)} ${'baseline'.padStart(10)} ${'ratio'.padStart(7)}`;
if (caFile)
  console.log(`${' '.repeat(56)}${'as Node runs here'.padEnd(31)}│ without NODE_EXTRA_CA_CERTS`);
console.log(`${'measure'.padEnd(48)} ${'goal'.padEnd(6)} ${pass}${caFile ? `   │${pass}` : ''}`);
for (const [name, { goal, passes }] of rows) {
  const [first, second] = passes;
  console.log(
    `${name.padEnd(48)} ${(goal === null ? '' : `≤ ${goal}×`).padEnd(6)} ${cells(first)} ${mark(goal, first.ratio).padEnd(1)}` +
      (second ? ` │${cells(second)} ${mark(goal, second.ratio)}` : ''),
  );
}
