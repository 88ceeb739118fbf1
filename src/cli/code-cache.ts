/** The format of the CLI bundles' code caches, shared by the bin (src/cli/bin.ts) and its test. */

/** The stamp scripts/bundle.mjs puts on a bundle's first line: a hash of its content, or ''. */
export function stampOf(source: string): string {
  const firstLine = source.slice(0, source.indexOf('\n'));
  return firstLine.startsWith('// why401 build ') ? firstLine : '';
}

/** A `<bundle>.v8c` file starts with its bundle's stamp, then V8's cached data. */
export function cacheHeader(stamp: string): Buffer {
  return Buffer.from(`${stamp}\n`, 'latin1');
}

/** Node's own CommonJS wrapper, on the source's first line so that stack traces keep lines. */
export function wrapCommonJs(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
}
