// Bundles the CLI over tsc's dist/cli/main.js: one chunk per lazily loaded command (code
// splitting), so `why401 key` reads and compiles only what it runs, and Node resolves no module
// graph at start-up. The library (dist/index.js and its .d.ts) stays tsc's output.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
