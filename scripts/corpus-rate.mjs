#!/usr/bin/env node
/**
 * The corpus rate of issue 14: runs every case of test/corpus/cases.ts against the built CLI
 * (`npm run build` first) and prints, per case, the cause expected and the verdict got, then
 * "N of M" and the consistency violations. Bundles the TypeScript runner with esbuild into a
 * temp folder (removed at exit); nothing else is written.
 *
 *   node scripts/corpus-rate.mjs [--json] [--only id,id] [--metamorphic]
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const asJson = argv.includes('--json');
const withMeta = argv.includes('--metamorphic');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set(argv[onlyAt + 1].split(',')) : undefined;

const dir = mkdtempSync(join(tmpdir(), 'why401-corpus-'));
try {
  const outfile = join(dir, 'corpus.mjs');
  await build({
    entryPoints: [join(root, 'test/corpus/entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
    define: {
      'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'test/corpus/run.ts')).href),
    },
  });
  const { CASES, METAMORPHIC, runCase, judge, inconsistencies } = await import(
    pathToFileURL(outfile).href
  );
  const cases = [...CASES, ...(withMeta ? METAMORPHIC : [])].filter((c) => !only || only.has(c.id));
  const rows = [];
  for (const c of cases) {
    const outcome = await runCase(c);
    const { pass, got } = judge(c, outcome);
    const violations = inconsistencies(outcome);
    const findings = (outcome.json?.findings ?? [])
      .map((f) => `${f.id}(${f.severity[0]})`)
      .join(' ');
    const want = `${c.expect.status}/${c.expect.cause ?? '*'}${c.expect.alternatives?.length ? ` (or ${c.expect.alternatives.join(', ')})` : ''}`;
    rows.push({ id: c.id, pass, want, got, violations, findings });
    if (!asJson)
      process.stdout.write(
        `${pass ? 'PASS' : 'FAIL'}  ${c.id}\n      want ${want}\n      got  ${got}\n      findings ${findings}\n${violations.map((v) => `      INCONSISTENT ${v}\n`).join('')}`,
      );
  }
  const passed = rows.filter((r) => r.pass).length;
  const inconsistent = rows.filter((r) => r.violations.length > 0);
  if (asJson)
    process.stdout.write(`${JSON.stringify({ passed, total: rows.length, rows }, null, 2)}\n`);
  else {
    process.stdout.write(`\nrate: ${passed} of ${rows.length}\n`);
    process.stdout.write(`consistency violations: ${inconsistent.length} case(s)\n`);
    for (const r of inconsistent) process.stdout.write(`  ${r.id}: ${r.violations.join('; ')}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
