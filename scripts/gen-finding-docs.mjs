// Writes docs/findings/<id>.md (one page per finding id) and docs/findings/README.md from the
// catalog, through the built dist/ (run `npm run build` first), so the pages cannot drift from
// what `why401 explain` prints. A test regenerates them into a temporary folder and compares.
//
//   node scripts/gen-finding-docs.mjs [out-dir]      (default: docs/findings)
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'findings', 'docs.js');
if (!existsSync(built)) {
  console.error('gen-finding-docs: dist/ is not built; run `npm run build` first');
  process.exit(2);
}
const { findingPage, findingPageName, findingsIndex } = await import(pathToFileURL(built).href);
const { FINDING_IDS } = await import(pathToFileURL(join(root, 'dist', 'findings', 'ids.js')).href);

const out = resolve(process.argv[2] ?? join(root, 'docs', 'findings'));
mkdirSync(out, { recursive: true });
const pages = new Map(FINDING_IDS.map((id) => [findingPageName(id), findingPage(id)]));
pages.set('README.md', findingsIndex());
// A page whose id is gone would keep being served: only generated pages stay.
for (const name of readdirSync(out))
  if (name.endsWith('.md') && !pages.has(name)) rmSync(join(out, name));
for (const [name, text] of pages) writeFileSync(join(out, name), text);
console.log(`gen-finding-docs: ${pages.size} pages in ${out}`);
