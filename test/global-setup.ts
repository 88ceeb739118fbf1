import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds dist/ once per vitest run: the CLI tests run the built (bundled) binary, as users do. */
export default function setup(): void {
  const result = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: 'pipe',
  });
  if (result.status !== 0) {
    throw new Error(
      `npm run build failed (${String(result.status ?? result.error)}):\n` +
        `${result.stdout}${result.stderr}`,
    );
  }
}
