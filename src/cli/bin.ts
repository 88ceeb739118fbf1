#!/usr/bin/env node
/**
 * The bin (dist/cli/why401.cjs): loads the CLI's bundles (main.cjs, runtime.cjs, one command,
 * vendor/yaml.cjs, wording/<family>.cjs) the way Node's `require` would, but hands V8 the code
 * cache the build made for each of them (`<bundle>.v8c`, written by scripts/code-cache.mjs).
 * Compiling the bundles is most of why401's start-up cost beyond Node's own; V8 deserializes the
 * cached bytecode several times faster. Node 20 has no compile cache of its own
 * (module.enableCompileCache is Node 22), and why401 writes nothing to the user's disk, so the
 * cache ships in the package, made at build time.
 *
 * A cache is used only when its first line is the bundle's first line, a stamp of the bundle's
 * content (scripts/bundle.mjs writes it). V8 itself rejects a cache made by another V8 version or
 * with other flags (then the bundle is compiled as usual: slower, never wrong).
 *
 * WHY401_CODE_CACHE=off reads no cache (to measure without one); =write (the build) writes each
 * loaded bundle's cache when the process exits, with everything the run compiled.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Script } from 'node:vm';
import { cacheHeader, stampOf, wrapCommonJs } from './code-cache.js';

type CommonJsModule = { exports: unknown };

const mode = process.env['WHY401_CODE_CACHE'];
const modules = new Map<string, CommonJsModule>();
const compiled: { file: string; stamp: string; script: Script }[] = [];

/** `require` of one bundle: `./x.cjs` / `../x.cjs` come through `loadBundle`, the rest from Node. */
function requireFrom(file: string): (id: string) => unknown {
  const nodeRequire = createRequire(file);
  const dir = dirname(file);
  return (id) =>
    id.startsWith('.') && id.endsWith('.cjs') ? loadBundle(resolve(dir, id)) : nodeRequire(id);
}

function cachedDataFor(file: string, stamp: string): Buffer | undefined {
  if (mode === 'off' || stamp === '') return undefined;
  try {
    const data = readFileSync(`${file}.v8c`);
    const header = cacheHeader(stamp);
    return data.subarray(0, header.length).equals(header)
      ? data.subarray(header.length)
      : undefined;
  } catch {
    return undefined;
  }
}

function loadBundle(file: string): unknown {
  const known = modules.get(file);
  if (known) return known.exports;
  const source = readFileSync(file, 'utf8');
  const stamp = stampOf(source);
  const cachedData = cachedDataFor(file, stamp);
  const script = new Script(
    wrapCommonJs(source),
    cachedData ? { filename: file, cachedData } : { filename: file },
  );
  compiled.push({ file, stamp, script });
  const module: CommonJsModule = { exports: {} };
  modules.set(file, module);
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: (id: string) => unknown,
    module: CommonJsModule,
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(module.exports, module.exports, requireFrom(file), module, file, dirname(file));
  return module.exports;
}

if (mode === 'write') {
  process.on('exit', () => {
    for (const { file, stamp, script } of compiled) {
      if (stamp === '') continue;
      writeFileSync(`${file}.v8c`, Buffer.concat([cacheHeader(stamp), script.createCachedData()]));
    }
  });
}

loadBundle(resolve(__dirname, './main.cjs'));
