// `npm pack` / `npm publish` (prepack): drops the CLI chunks of earlier builds. Chunk names carry
// a content hash, so every rebuild after a change leaves the old ones in dist/cli/chunks/; the
// build keeps them (a CLI started before a rebuild still loads its own lazily), the package must
// not ship them. Kept: what dist/cli/main.js imports, and what those import, transitively.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'dist', 'cli', 'main.js');
const chunks = join(root, 'dist', 'cli', 'chunks');
if (!existsSync(main)) {
  console.error('prune-chunks: dist/cli/main.js is missing; run `npm run build` first');
  process.exit(1);
}

const kept = new Set();
const queue = [main];
while (queue.length > 0) {
  const file = queue.pop();
  if (kept.has(file) || !existsSync(file)) continue;
  kept.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/["'](\.\.?\/[^"'\s]+\.js)["']/g))
    queue.push(resolve(dirname(file), m[1]));
}
let dropped = 0;
for (const name of existsSync(chunks) ? readdirSync(chunks) : []) {
  const file = join(chunks, name);
  if (!kept.has(file)) {
    rmSync(file);
    dropped++;
  }
}
if (dropped > 0) console.error(`prune-chunks: dropped ${dropped} chunks of earlier builds`);
