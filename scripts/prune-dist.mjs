// `npm pack` / `npm publish` (prepack): ships only the dist/cli/ files the current build uses.
// The build writes the CLI bundles afresh and never deletes, so dist/cli/ can still hold files of
// an earlier layout or command (tsc's per-file output of the CLI, hashed ESM chunks). Kept: what
// the bin (dist/cli/why401.cjs) requires, transitively, and the library's own files there (what
// dist/index.js and dist/index.d.ts import, transitively, with their .d.ts and .d.ts.map).
import { existsSync, readdirSync, readFileSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const cli = join(dist, 'cli');
const bin = join(cli, 'why401.cjs');
if (!existsSync(bin)) {
  console.error('prune-dist: dist/cli/why401.cjs is missing; run `npm run build` first');
  process.exit(1);
}

// (`__dirname, "./main.cjs"`: the bin loads main.cjs itself, to give V8 its code cache.)
const SPECIFIER =
  /(?:from\s*|import\s*\(\s*|require\s*\(\s*|__dirname,\s*)["'](\.\.?\/[^"'\s]+)["']/g;
const kept = new Set();
const queue = [bin, join(dist, 'index.js'), join(dist, 'index.d.ts')];
while (queue.length > 0) {
  const file = queue.pop();
  if (kept.has(file) || !existsSync(file)) continue;
  kept.add(file);
  const declaration = file.endsWith('.d.ts');
  if (declaration) queue.push(`${file}.map`);
  else if (file.endsWith('.js')) queue.push(file.replace(/\.js$/, '.d.ts'));
  if (file.endsWith('.map')) continue;
  if (file.endsWith('.cjs') && file !== bin) kept.add(`${file}.v8c`);
  for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
    const target = resolve(dirname(file), m[1]);
    queue.push(declaration ? target.replace(/\.js$/, '.d.ts') : target);
  }
}

let dropped = 0;
/** Removes what is not kept under `dir`; true when `dir` ends up empty. */
function prune(dir) {
  let left = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (prune(path)) rmdirSync(path);
      else left++;
    } else if (kept.has(path)) {
      left++;
    } else {
      rmSync(path);
      dropped++;
    }
  }
  return left === 0;
}
prune(cli);
if (dropped > 0)
  console.error(`prune-dist: dropped ${dropped} files of earlier builds from dist/cli/`);
