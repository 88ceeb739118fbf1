import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds dist/ once per vitest run: the CLI tests run the built binary, as users do. */
export default function setup(): void {
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: 'pipe',
  });
  if (result.status !== 0) {
    throw new Error(
      `npx tsc -p tsconfig.build.json failed (${String(result.status ?? result.error)}):\n` +
        `${result.stdout}${result.stderr}`,
    );
  }
}
