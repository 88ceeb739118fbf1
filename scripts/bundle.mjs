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

// `why401 run`'s preload, loaded into the app's Node processes (NODE_OPTIONS=--import): one file,
// node: built-ins only, so each process reads and compiles it at once. Replaces tsc's copy.
await build({
  entryPoints: { preload: 'src/capture/preload.ts' },
  outdir: 'dist/capture',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});

// The live view's script (capture --ui), for the browser: served from dist/capture/live/app.js.
await build({
  entryPoints: { app: 'src/capture/live/client/app.ts' },
  outdir: 'dist/capture/live',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
