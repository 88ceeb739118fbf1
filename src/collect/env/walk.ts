import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** Folders that never hold the project's own configuration. */
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.cache',
  'target',
  'vendor',
]);

export interface WalkLimits {
  /** Levels below the folder: 0 reads only the folder itself. */
  readonly depth: number;
  /** Directory entries looked at, in all. */
  readonly maxEntries: number;
  /** Files returned, in all. */
  readonly maxFiles: number;
}

export const DEFAULT_LIMITS: WalkLimits = { depth: 2, maxEntries: 5000, maxFiles: 200 };

/**
 * The files under `dir` (at most `depth` levels down) whose name `wanted` accepts, in a stable
 * order. Skips dependency and VCS folders; follows a symlinked folder once (by real path), so
 * symlink loops end; stops quietly at the limits. Never throws. Synchronous I/O on purpose, as in
 * read-text.ts: a few directories, bounded by the limits.
 */
export async function findFiles(
  dir: string,
  wanted: (name: string) => boolean,
  limits: WalkLimits = DEFAULT_LIMITS,
): Promise<string[]> {
  const found: string[] = [];
  const seen = new Set<string>();
  let entries = 0;
  const visit = async (folder: string, level: number): Promise<void> => {
    let real: string;
    try {
      real = realpathSync.native(folder);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let list: Dirent[];
    try {
      list = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const entry of list) {
      if (++entries > limits.maxEntries || found.length >= limits.maxFiles) return;
      const path = join(folder, entry.name);
      const kind = entry.isSymbolicLink() ? await targetKind(path) : entryKind(entry);
      if (kind === 'dir' && level < limits.depth && !SKIP_DIRS.has(entry.name))
        subfolders.push(path);
      else if (kind === 'file' && wanted(entry.name)) found.push(path);
    }
    for (const sub of subfolders) await visit(sub, level + 1);
  };
  await visit(dir, 0);
  return found;
}

function entryKind(entry: Dirent): 'dir' | 'file' | 'other' {
  return entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
}

async function targetKind(path: string): Promise<'dir' | 'file' | 'other'> {
  try {
    const info = statSync(path);
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other';
  } catch {
    return 'other'; // a dangling link
  }
}
