import { isAbsolute, relative, sep } from 'node:path';

/** A path as reports show it: relative to the folder, `~/…` under HOME, absolute otherwise. */
export function displayPath(path: string, dir: string, home: string): string {
  const inside = (root: string) => {
    const rel = relative(root, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
      ? rel.split(sep).join('/')
      : null;
  };
  const inDir = inside(dir);
  if (inDir !== null) return inDir;
  const inHome = home === '' ? null : inside(home);
  if (inHome !== null) return `~/${inHome}`;
  return path;
}
