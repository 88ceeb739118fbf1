// Bundles the CLI as CommonJS (tsc's output stays the library: dist/index.js and its .d.ts).
// CommonJS because Node's ESM loader costs milliseconds at every start that a CLI does not need.
// The package is "type": "module", so every CLI file ends in .cjs:
//
//   dist/cli/why401.cjs            the bin: src/cli/bin.ts, which loads main.cjs with its code cache
//   dist/cli/main.cjs              src/cli/main.ts, which requires one command bundle
//   dist/cli/runtime.cjs           what main.ts itself imports (scrubber, output, errors, help)
//   dist/cli/commands/<name>.cjs   one self-contained bundle per command of main.ts's table
//   dist/cli/vendor/yaml.cjs       the YAML parser, required by a command only when it reads YAML
//   dist/cli/wording/<family>.cjs  a family's wording, required when one of its ids is worded
//
// A command reads and compiles one file; code shared by several commands is repeated in each
// bundle (only one is loaded per process). What main.ts imports is the exception: it lives once,
// in runtime.cjs, required by the bin and by every command, so module state (the scrubber's
// registered secrets, --reveal) is one per process, as in the source.
//
// Every file but the bin starts with a stamp of its content, `// why401 build <hash>`: the bin
// uses a V8 code cache (<file>.v8c, scripts/code-cache.mjs) only if it carries the same stamp.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = 'src/cli/main.ts';

/** The command table of main.ts: `name: async () => (await import('./commands/<name>.js'))…`. */
const COMMANDS = [
  ...readFileSync(join(ROOT, MAIN), 'utf8').matchAll(/import\('\.\/commands\/([\w-]+)\.js'\)/g),
].map((m) => m[1]);
if (COMMANDS.length === 0) throw new Error(`bundle: no command found in ${MAIN}`);

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
};
const cjs = {
  ...common,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // `import('./x.js')` of an external file becomes `require`: no ESM loader at all.
  supported: { 'dynamic-import': false },
};

// What main.ts imports, transitively (type-only imports are erased, so not counted).
const probe = await build({
  ...common,
  entryPoints: [MAIN],
  format: 'esm',
  write: false,
  metafile: true,
  plugins: [
    {
      name: 'commands-external',
      setup(b) {
        b.onResolve({ filter: /^\.\/commands\// }, (a) => ({ path: a.path, external: true }));
      },
    },
  ],
});
const SHARED = Object.keys(probe.metafile.inputs).filter((f) => f !== MAIN);

/** Imports of a SHARED module resolve to its one copy in runtime.cjs (`runtime`: its path). */
const sharedFromRuntime = (runtime) => ({
  name: 'shared-from-runtime',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (a) => {
      if (a.path === runtime) return { path: runtime, external: true };
      if (a.namespace !== 'file') return undefined;
      const file = relative(ROOT, resolve(a.resolveDir, a.path.replace(/\.js$/, '.ts')));
      return SHARED.includes(file) ? { path: file, namespace: 'why401-shared' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'why401-shared' }, (a) => ({
      contents: `module.exports = require(${JSON.stringify(runtime)}).modules[${JSON.stringify(a.path)}];`,
      resolveDir: ROOT,
      loader: 'js',
    }));
  },
});

/**
 * node:crypto costs ~6 million instructions to load (17 internal modules), and most runs never
 * call it: dotenv requires it at load for .env.vault decryption, which why401 never uses (it calls
 * dotenv's `parse`); checks/token/signature.ts verifies a JWT's signature, only for a refused
 * token with a published key; capture and demo make certificates. So every import of it, in every
 * command bundle, gets a stand-in that requires the module on first use. An ES module's import
 * goes through esbuild's `__toESM`, which lists the module's own names and wraps each in a getter:
 * the stand-in answers with the names node:crypto has at build time, without loading it.
 */
const CRYPTO_NAMES = Object.keys(createRequire(import.meta.url)('node:crypto'));
const lazyCrypto = {
  name: 'lazy-crypto',
  setup(b) {
    // (the stand-in's own require is the real module)
    b.onResolve({ filter: /^(node:)?crypto$/ }, (a) =>
      a.namespace === 'why401-lazy-crypto'
        ? undefined
        : { path: 'crypto', namespace: 'why401-lazy-crypto' },
    );
    b.onLoad({ filter: /.*/, namespace: 'why401-lazy-crypto' }, () => ({
      contents: `let crypto;
const load = () => (crypto ??= require('node:crypto'));
const names = ${JSON.stringify(CRYPTO_NAMES)};
module.exports = new Proxy({}, {
  get: (_, name) => load()[name],
  has: (_, name) => names.includes(name) || name in load(),
  ownKeys: () => [...names],
  getOwnPropertyDescriptor: (_, name) =>
    names.includes(name) ? { configurable: true, enumerable: true, get: () => load()[name] } : undefined,
});`,
      loader: 'js',
    }));
  },
};

/**
 * The provider catalog (src/providers/catalog/index.ts and the 55 provider files it lists) is typed
 * data: as a JS literal it is parsed and built at each start, as a JSON string V8 scans it once and
 * JSON.parse builds it about twice as fast. The only non-JSON values are the key shapes' patterns,
 * rebuilt after. The bundle gets the JSON form only if it rebuilds into exactly the catalog the
 * source defines, and the build fails if no bundle loaded the catalog (its path moved).
 */
let providersAsJsonLoads = 0;
const providersAsJson = {
  name: 'providers-as-json',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]providers[\\/]catalog[\\/]index\.ts$/ }, async (a) => {
      providersAsJsonLoads++;
      const { outputFiles } = await build({
        ...common,
        entryPoints: [a.path],
        format: 'cjs',
        write: false,
      });
      const module = { exports: {} };
      new Function('module', 'exports', outputFiles[0].text)(module, module.exports);
      const { PROVIDERS } = module.exports;
      const seen = new Set();
      const json = JSON.stringify(PROVIDERS, function (key, value) {
        if (typeof value === 'object' && value !== null) {
          if (seen.has(value)) throw new Error(`providers-as-json: ${key} is shared`);
          seen.add(value);
        }
        if (value instanceof RegExp) {
          if (key !== 'pattern') throw new Error(`providers-as-json: a RegExp in ${key}`);
          return [value.source, value.flags];
        }
        return value;
      });
      const revive = `for (const p of PROVIDERS) for (const s of p.keyShapes) s.pattern = new RegExp(s.pattern[0], s.pattern[1]);`;
      const check = { exports: {} };
      new Function(
        'module',
        `const PROVIDERS = JSON.parse(${JSON.stringify(json)}); ${revive} module.exports = PROVIDERS;`,
      )(check);
      if (!isDeepStrictEqual(check.exports, PROVIDERS))
        throw new Error('providers-as-json: the JSON form differs from the catalog');
      return {
        contents: `export const PROVIDERS = JSON.parse(${JSON.stringify(json)});\n${revive}\n`,
        loader: 'js',
      };
    });
  },
};

/**
 * The YAML parser (compose files, Kubernetes manifests) is a quarter of the env bundle and most
 * runs read no YAML: it is its own file, dist/cli/vendor/yaml.cjs, required when first used.
 */
const yamlApart = {
  name: 'yaml-apart',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: '../vendor/yaml.cjs', external: true }));
  },
};

/**
 * Each family's wording (src/findings/catalog/<family>.ts) is its own file,
 * dist/cli/wording/<family>.cjs, required when one of its ids is first worded: `specOf` reads a
 * family only then, and the catalog imports each through a stand-in whose getter requires the file
 * (esbuild's `__toESM` copies the getter, not the value). An API key without findings, an accepted
 * call or `explain 401` word no finding and load none of its 130 KB; a key with a finding loads
 * the key family's alone.
 */
const CATALOG_INDEX = 'src/findings/catalog/index.ts';
const WORDING = [
  ...readFileSync(join(ROOT, CATALOG_INDEX), 'utf8').matchAll(
    /import \{ (\w+)Findings \} from '\.\/(\w+)\.js'/g,
  ),
].map(([, name, file]) => {
  if (name !== file) throw new Error(`wording-apart: ${file}.ts should export ${file}Findings`);
  return file;
});
if (WORDING.length === 0) throw new Error(`wording-apart: no family imported by ${CATALOG_INDEX}`);
const wordingApart = {
  name: 'wording-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/\w+\.js$/ }, (a) => {
      const family = a.path.slice(2, -3);
      return /[\\/]src[\\/]findings[\\/]catalog[\\/]index\.ts$/.test(a.importer) &&
        WORDING.includes(family)
        ? { path: family, namespace: 'why401-wording' }
        : undefined;
    });
    b.onResolve({ filter: /^\.\.\/wording\// }, (a) => ({ path: a.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'why401-wording' }, (a) => ({
      contents: `let wording;\nmodule.exports = { get ${a.path}Findings() { return (wording ??= require('../wording/${a.path}.cjs')).${a.path}Findings; } };`,
      loader: 'js',
    }));
  },
};

/** import.meta.url (createRequire in collect/http.ts, cli/io.ts): the bundle's own file URL. */
const fileUrl = {
  define: { 'import.meta.url': '__why401_url' },
  // ('use strict' first: a banner would otherwise end the prologue that makes the file strict.)
  banner: {
    js: "'use strict';\nvar __why401_url = require('node:url').pathToFileURL(__filename).href;",
  },
};

await Promise.all([
  // The bin: the loader of the bundles below, with their code caches.
  build({ ...cjs, entryPoints: { why401: 'src/cli/bin.ts' }, outdir: 'dist/cli' }),
  // main.ts alone; its imports come from runtime.cjs, its commands are required.
  build({
    ...cjs,
    entryPoints: { main: MAIN },
    outdir: 'dist/cli',
    plugins: [
      {
        name: 'commands-cjs',
        setup(b) {
          b.onResolve({ filter: /^\.\/commands\/[\w-]+\.js$/ }, (a) => ({
            path: a.path.replace(/\.js$/, '.cjs'),
            external: true,
          }));
        },
      },
      sharedFromRuntime('./runtime.cjs'),
    ],
  }),
  build({
    ...cjs,
    entryPoints: { runtime: 'why401-runtime' },
    outdir: 'dist/cli',
    ...fileUrl,
    plugins: [
      {
        name: 'runtime-entry',
        setup(b) {
          b.onResolve({ filter: /^why401-runtime$/ }, () => ({
            path: 'runtime',
            namespace: 'why401-runtime',
          }));
          b.onLoad({ filter: /.*/, namespace: 'why401-runtime' }, () => ({
            contents:
              SHARED.map((f, i) => `import * as m${i} from ${JSON.stringify(`./${f}`)};\n`).join(
                '',
              ) +
              `export const modules = { ${SHARED.map((f, i) => `${JSON.stringify(f)}: m${i}`).join(', ')} };\n`,
            resolveDir: ROOT,
            loader: 'js',
          }));
        },
      },
    ],
  }),
  build({
    ...cjs,
    entryPoints: Object.fromEntries(COMMANDS.map((n) => [n, `src/cli/commands/${n}.ts`])),
    outdir: 'dist/cli/commands',
    ...fileUrl,
    plugins: [
      sharedFromRuntime('../runtime.cjs'),
      lazyCrypto,
      providersAsJson,
      yamlApart,
      wordingApart,
    ],
  }),
]);

if (providersAsJsonLoads === 0)
  throw new Error('providers-as-json: no bundle loaded src/providers/catalog/index.ts');

await build({ ...cjs, entryPoints: { yaml: 'yaml' }, outdir: 'dist/cli/vendor' });
await build({
  ...cjs,
  entryPoints: Object.fromEntries(WORDING.map((f) => [f, `src/findings/catalog/${f}.ts`])),
  outdir: 'dist/cli/wording',
});

/**
 * One non-ASCII character makes V8 hold a whole bundle as a two-byte string, decoded from UTF-8
 * character by character at each start (key --json: 8 of the 70 million instructions it ran
 * beyond bare Node's, callgrind). esbuild's default charset escapes strings, untagged templates
 * and names, but leaves comments and regex literals as written (`/…/`, `/[•●■]{2,}/`, a
 * `/** … *\/` kept inside a class): those become `\uXXXX`, which means the very same code unit
 * in a regex (with or without the u flag: an astral character becomes its two surrogates, as the
 * literal was) and nothing in a comment. After an odd run of backslashes the character was an
 * identity escape in a regex (`\…` means `…`): the backslash goes. A tagged template
 * (String.raw`…`) reads its raw text, so what is inside one stays as it is (found by
 * TypeScript's parser, only in a bundle that has a non-ASCII character at all).
 */
function asciiOnly(source, bundle) {
  if (!/[^\x00-\x7f]/.test(source)) return source;
  const file = ts.createSourceFile(bundle, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const rawTexts = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node))
      rawTexts.push([node.template.getStart(file), node.template.end]);
    ts.forEachChild(node, visit);
  };
  visit(file);
  const isRaw = (offset) => rawTexts.some(([from, to]) => offset >= from && offset < to);
  let kept = 0;
  const escaped = source.replace(/(\\*)([^\x00-\x7f])/g, (all, slashes, char, offset) => {
    if (isRaw(offset + slashes.length)) {
      kept++;
      return all;
    }
    const code = char.charCodeAt(0).toString(16).padStart(4, '0');
    return `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}\\u${code}`;
  });
  if (kept > 0)
    console.warn(
      `bundle: ${bundle} keeps ${kept} non-ASCII characters (tagged templates): V8 holds it as a two-byte string`,
    );
  return escaped;
}

const bundles = [
  'dist/cli/main.cjs',
  'dist/cli/runtime.cjs',
  'dist/cli/vendor/yaml.cjs',
  ...WORDING.map((family) => `dist/cli/wording/${family}.cjs`),
  ...COMMANDS.map((name) => `dist/cli/commands/${name}.cjs`),
];
for (const bundle of bundles) {
  const file = join(ROOT, bundle);
  const source = asciiOnly(readFileSync(file, 'utf8'), bundle);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  writeFileSync(file, `// why401 build ${hash}\n${source}`);
}

// The layout before this one (an ESM main.js and hashed chunks): never shipped with this build.
for (const stale of ['dist/cli/main.js', 'dist/cli/chunks']) {
  if (existsSync(join(ROOT, stale))) rmSync(join(ROOT, stale), { recursive: true, force: true });
}

// `why401 run`'s preload, loaded into the app's Node processes (NODE_OPTIONS=--import): one file,
// node: built-ins only, so each process reads and compiles it at once. Replaces tsc's copy
// (dist/capture/run/preload.js, which src/capture/run/child.ts hands to --import).
await build({
  ...common,
  entryPoints: { preload: 'src/capture/run/preload.ts' },
  outdir: 'dist/capture/run',
  format: 'esm',
});

// The live view's script (capture --ui), for the browser: served from dist/capture/live/app.js.
await build({
  ...common,
  entryPoints: { app: 'src/capture/live/client/app.ts' },
  outdir: 'dist/capture/live',
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
});
