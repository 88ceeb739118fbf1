/**
 * why401's version, a leaf module: the engine's User-Agent, `--version` and the help's first line
 * read it. Kept equal to package.json's version by a test.
 */
export const VERSION = '0.1.0';
