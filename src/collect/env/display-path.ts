import { isAbsolute, relative, sep } from 'node:path';

function inside(root: string, path: string): string | null {
  if (root === '') return null;
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : null;
}

/**
 * A path as reports show it: relative to the folder, `~/…` under HOME, absolute otherwise.
 * `homeFirst` for files that belong to the user (shell start-up files, .netrc).
 */
export function displayPath(path: string, dir: string, home: string, homeFirst = false): string {
  const inHome = inside(home, path);
  if (homeFirst && inHome !== null) return `~/${inHome}`;
  const inDir = inside(dir, path);
  if (inDir !== null) return inDir;
  if (inHome !== null) return `~/${inHome}`;
  return path;
}
